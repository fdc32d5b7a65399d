import type { RemoteAudioStats } from './mediaSession';
import { SpeakingDetector } from './speaking';

/** The inbound audio of one receiving connection, as `stats()` reports it (zeros before any RTP arrives). */
export async function inboundStats(userId: string, pc: RTCPeerConnection): Promise<RemoteAudioStats | null> {
  try {
    const report = await pc.getStats();
    let found: RemoteAudioStats | null = null;
    report.forEach((s: Record<string, unknown>) => {
      if (s.type === 'inbound-rtp' && (s.kind === 'audio' || s.mediaType === 'audio')) {
        found = {
          userId,
          bytesReceived: Number(s.bytesReceived ?? 0),
          packetsReceived: Number(s.packetsReceived ?? 0),
          audioLevel: Number(s.audioLevel ?? 0),
        };
      }
    });
    return found ?? { userId, bytesReceived: 0, packetsReceived: 0, audioLevel: 0 };
  } catch {
    return null;
  }
}

/** The microphone's own level (peak of an AnalyserNode), for my speaking indicator; null without Web Audio. */
export function localLevelMeter(
  stream: MediaStream,
  context: () => AudioContext | null,
): (() => number) | null {
  try {
    const audioContext = context();
    if (!audioContext) return null;
    const analyser = audioContext.createAnalyser();
    analyser.fftSize = 512;
    audioContext.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    return () => {
      analyser.getFloatTimeDomainData(samples);
      let peak = 0;
      for (const v of samples) peak = Math.max(peak, Math.abs(v));
      return peak;
    };
  } catch {
    return null;
  }
}

/**
 * The speaking indicators of a media session: remote levels from its stats, mine from the microphone (Web Audio, its
 * AudioContext made on first use), turned into speaking / not-speaking changes for the listeners.
 */
export class SpeakingLevels {
  private readonly listeners = new Set<(userId: string, speaking: boolean) => void>();
  private readonly detector = new SpeakingDetector();
  private audioContext: AudioContext | null = null;
  private local: (() => number) | null = null;

  onSpeaking(listener: (userId: string, speaking: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** My microphone's level is measured from `stream` from now on; null: no microphone. */
  measure(stream: MediaStream | null): void {
    this.local = stream ? localLevelMeter(stream, () => this.context()) : null;
  }

  /** Whether my microphone is measured now. */
  get measuring(): boolean {
    return this.local !== null;
  }

  /** One sample: the remote levels, and mine (`me`) while `micLive` (published and unmuted). */
  sample(stats: RemoteAudioStats[], me: string | undefined, micLive: boolean, now: number): void {
    const levels = new Map<string, number>();
    for (const s of stats) levels.set(s.userId, s.audioLevel);
    if (me && micLive && this.local) levels.set(me, this.local());
    for (const change of this.detector.sample(levels, now)) {
      this.listeners.forEach((l) => l(change.userId, change.speaking));
    }
  }

  /** Unmuted: a suspended AudioContext (no user gesture before) may run now. */
  resume(): void {
    void this.audioContext?.resume().catch(() => undefined);
  }

  close(): void {
    this.local = null;
    void this.audioContext?.close().catch(() => undefined);
    this.audioContext = null;
  }

  private context(): AudioContext | null {
    const Context = globalThis.AudioContext;
    if (!Context) return null;
    this.audioContext = this.audioContext ?? new Context();
    return this.audioContext;
  }
}
