import type { MediaGrant, SignalData, StageRole } from '../api/types';

/**
 * The one media interface (STYLE.md "Web client"). The room page talks only to this; each provider has one
 * implementation (mesh: native RTCPeerConnection; vendor SDKs behind their own), chosen by `media.provider`.
 */
export interface MediaSession {
  /** The provider this session speaks (`mesh`, ...). */
  readonly provider: string;
  /** Connects with the grant from POST /join. Publishes (muted) only when the grant or the stage allows it. */
  join(grant: MediaGrant, context: MediaContext): Promise<void>;
  /** Disconnects everything and releases the microphone. */
  leave(): Promise<void>;
  /** Microphone on (unmuted) or off. Turning it on acquires it if needed; it never publishes without a place on stage. */
  setMicrophone(on: boolean): Promise<void>;
  /** Who is speaking, from audio levels (remote speakers and oneself). Returns an unsubscribe function. */
  onSpeaking(listener: (userId: string, speaking: boolean) => void): () => void;
  /** Inbound audio per remote user. */
  stats(): Promise<RemoteAudioStats[]>;
  /** A fresh grant (re-join before `expiresAt`, or a `media.grant` event after promotion). */
  updateGrant(grant: MediaGrant): Promise<void>;
  /** What happened on the stage that the media layer follows (vendor SDKs may ignore most of it). */
  roomChanged(change: RoomChange): void;
}

export interface RemoteAudioStats {
  userId: string;
  bytesReceived: number;
  packetsReceived: number;
  audioLevel: number;
}

export interface StageMember {
  userId: string;
  displayName: string;
  role: StageRole;
  muted: boolean;
  /** False when `muted` is only assumed (the panel does not say). */
  mutedKnown: boolean;
}

/** The room as the media layer needs it. */
export interface StageView {
  myUserId: string;
  myRole: StageRole;
  panel: StageMember[];
  /** Everyone else this client knows of in the room (panel, raised hands, arrivals). */
  known: string[];
}

export type RoomChange =
  | { kind: 'stage'; stage: StageView }
  /** Someone on the panel joined (again): their client is new. */
  | { kind: 'arrived'; userId: string }
  /** Someone on the panel left or was removed. */
  | { kind: 'left'; userId: string }
  /** The event socket is subscribed again after a reconnect. */
  | { kind: 'resumed' };

/** Signalling over the room's event socket (mesh), and other frames the media layer sends there. */
export interface SignalChannel {
  send(to: string, data: SignalData): boolean;
  onSignal(handler: (from: string, data: SignalData) => void): () => void;
  sendFrame(frame: Record<string, unknown>): boolean;
}

/** A speaker this client cannot hear. */
export interface AudioWarning {
  userId: string;
  displayName: string;
}

export interface MediaContext {
  roomId: string;
  stage: StageView;
  signalling: SignalChannel;
  /** Where remote audio elements are put. */
  audioOutlet: HTMLElement;
  /** The speakers not heard now (empty when all is well). */
  onAudioWarnings?: (warnings: AudioWarning[]) => void;
  /** Something the person should know (microphone refused, ...). */
  onProblem?: (message: string) => void;
  /**
   * The media connection itself (not one speaker) is lost and being rebuilt (`reconnecting`), or back (`live`).
   * Providers with a server session (Janus) report it; the mesh has none.
   */
  onConnectionState?: (state: 'live' | 'reconnecting') => void;
  /** A request the media server refused (`janus_433`, ...), for `window.__tribune.socketErrors`. */
  onError?: (code: string, message: string) => void;
}
