// The room's media session, wired to the room: created from the grant's provider, told the stage, fed the mesh
// signals from the event stream, and reporting who speaks, what cannot be heard and its own connection.
import type { MediaGrant, SignalData } from '../api/types';
import type { TribuneHooks } from '../hooks';
import type { AudioWarning, MediaSession, RoomChange, StageView } from '../media/mediaSession';
import type { RoomState } from './roomState';

/** What the media session needs from the room and tells it. */
export interface StageMediaOptions {
  roomId: string;
  createMedia: (provider: string) => MediaSession;
  /** Where the media layer puts remote audio (handed through, never touched here). */
  audioOutlet: HTMLElement;
  /** The event stream's signalling (false when the frame could not be sent). */
  sendSignal(to: string, data: SignalData): boolean;
  sendFrame(frame: Record<string, unknown>): boolean;
  onSpeaking(userId: string, speaking: boolean): void;
  onAudioWarnings(warnings: AudioWarning[]): void;
  onProblem(message: string): void;
  /** The media connection itself was lost (`reconnecting`) or is back. */
  onConnectionState(reconnecting: boolean): void;
  onError(code: string, message: string): void;
  hooks: Pick<TribuneHooks, 'media'>;
}

const MAX_UNHEARD = 100;

export class StageMedia {
  private media: MediaSession | null = null;
  private reconnecting = false;
  private readonly speakingNow = new Set<string>();
  private readonly signalHandlers = new Set<(from: string, data: SignalData) => void>();
  /**
   * Mesh signals that came while no session listened: in a room moving to the mesh, others switch first, and their
   * `ready` (or offer) must reach the session this page is about to start rather than be lost until a retry.
   */
  private unheard: Array<[string, SignalData]> = [];

  constructor(private readonly options: StageMediaOptions) {}

  get started(): boolean {
    return this.media !== null;
  }

  /** The provider the running session speaks, null before it starts. */
  get provider(): string | null {
    return this.media?.provider ?? null;
  }

  /** The media connection is being rebuilt (providers with a server session: Janus). */
  get isReconnecting(): boolean {
    return this.reconnecting;
  }

  /** Who is speaking now (by user id). */
  get speaking(): ReadonlySet<string> {
    return this.speakingNow;
  }

  /** Creates the provider's session; throws when this browser cannot speak it. */
  create(provider: string): MediaSession {
    const media = this.options.createMedia(provider);
    this.media = media;
    this.options.hooks.media = media;
    media.onSpeaking((userId, speaking) => {
      if (speaking) this.speakingNow.add(userId);
      else this.speakingNow.delete(userId);
      this.options.onSpeaking(userId, speaking);
    });
    return media;
  }

  /** Connects the session `create` made, with the grant. */
  async join(media: MediaSession, grant: MediaGrant, stage: StageView): Promise<void> {
    await media.join(grant, {
      roomId: this.options.roomId,
      stage,
      signalling: {
        send: (to, data) => this.options.sendSignal(to, data),
        onSignal: (handler) => {
          this.signalHandlers.add(handler);
          const waiting = this.unheard;
          this.unheard = [];
          // after the session's own join has run (it registers before it plans)
          if (waiting.length > 0) queueMicrotask(() => waiting.forEach(([from, data]) => handler(from, data)));
          return () => this.signalHandlers.delete(handler);
        },
        sendFrame: (frame) => this.options.sendFrame(frame),
      },
      audioOutlet: this.options.audioOutlet,
      onAudioWarnings: (warnings) => this.options.onAudioWarnings(warnings),
      onProblem: (message) => this.options.onProblem(message),
      onConnectionState: (state) => {
        if (this.media !== media) return;
        this.reconnecting = state === 'reconnecting';
        this.options.onConnectionState(this.reconnecting);
      },
      onError: (code, message) => this.options.onError(code, message),
    });
  }

  /** A mesh signal that came over the event stream. */
  signal(from: string, data: SignalData): void {
    if (this.signalHandlers.size === 0) {
      this.unheard = [...this.unheard.slice(-(MAX_UNHEARD - 1)), [from, data]];
      return;
    }
    this.signalHandlers.forEach((handler) => handler(from, data));
  }

  roomChanged(change: RoomChange): void {
    this.media?.roomChanged(change);
  }

  async setMicrophone(on: boolean): Promise<void> {
    await this.media?.setMicrophone(on);
  }

  async updateGrant(grant: MediaGrant): Promise<void> {
    await this.media?.updateGrant(grant);
  }

  /** Leaves the media session and forgets everything it said. */
  stop(): void {
    const media = this.media;
    this.media = null;
    this.options.hooks.media = null;
    this.reconnecting = false;
    void media?.leave();
    this.signalHandlers.clear();
    this.speakingNow.clear();
  }
}

/** The room as the media layer sees it, from my seat. */
export function stageViewOf(state: RoomState | null): StageView {
  const me = state?.me;
  return {
    myUserId: me?.userId ?? '',
    myRole: me?.role ?? 'AUDIENCE',
    panel: (state?.panel ?? []).map((s) => ({ userId: s.userId, displayName: s.displayName, role: s.role, muted: s.muted, mutedKnown: s.mutedKnown })),
    known: Object.keys(state?.names ?? {}).filter((id) => id !== me?.userId),
  };
}
