import type { RemoteAudioStats } from './mediaSession';

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
