import type { MediaGrant } from '../api/types';
import type { RemoteAudioStats, StageView } from './mediaSession';

/**
 * What a vendor SDK (livekit-client, @100mslive/hms-video-store, twilio-video, janus.js) must do for Tribune, as one
 * small typed surface. Each vendor's `<vendor>Lib.ts` maps its SDK onto it (loading the SDK with a dynamic import, so
 * only rooms on that vendor download it); `VendorMediaSession` holds the logic every vendor shares, tested against
 * fakes.
 */
export interface VendorLib {
  /** Connects to the vendor's room with the grant (its token and `connection`), publishing nothing yet. */
  connect(grant: MediaGrant, me: VendorIdentity, events: VendorEvents): Promise<VendorConnection>;
}

export interface VendorIdentity {
  userId: string;
  displayName: string;
  /** Tribune's room id (Janus names its VideoRoom so when the grant does not say). */
  roomId: string;
  /** Where remote audio goes, for SDKs that play it themselves (100ms's audio sink). */
  audioOutlet?: HTMLElement | undefined;
}

/** What the SDK reports; the wrapper calls these. */
export interface VendorEvents {
  /** A remote user's audio track arrived (`track` null: the SDK plays it itself, or it is still coming), or went (`gone`). */
  remoteAudio(userId: string, track: MediaStreamTrack | null, gone: boolean): void;
  /** Exactly these remote users publish audio now (a complete list, as on joining): the others are gone. */
  publishersNow(userIds: string[]): void;
  /** The SDK lost its connection and is rebuilding it by itself. */
  reconnecting(): void;
  /** ... and got it back. */
  reconnected(): void;
  /** The connection is gone for good (kicked, server disconnect, network): the session connects again. */
  disconnected(reason: string): void;
  /** The server stopped my publishing (a permission or role change). */
  publishingStopped(reason: string): void;
  /** The server lets me publish again (a permission given back): publishing is tried again if my role allows it. */
  publishingAllowed(): void;
  /** My publication dropped by accident (its connection failed, not the server's decision): published again if allowed. */
  publishingLost(reason: string): void;
  /** A request the server refused outside any call of the session (a subscription, a join): recorded. */
  refused(error: unknown): void;
}

export interface VendorConnection {
  /**
   * Publishes the microphone (enabled or not); resolves with the track, rejects when the SDK or server refuses.
   * `force` (forcePublish): try even where the SDK would not publish by itself.
   */
  publishMicrophone(enabled: boolean, force?: boolean): Promise<MediaStreamTrack | null>;
  /** Unmute / mute the published microphone. */
  setMicrophoneEnabled(on: boolean): Promise<void>;
  /** Unpublish and stop the microphone at once. */
  unpublishMicrophone(): Promise<void>;
  /** Inbound audio per remote user id (the vendor's participant identity). */
  remoteAudioStats(): Promise<RemoteAudioStats[]>;
  /** Rebuild the reception of one remote user's audio (health recovery). */
  resubscribe(userId: string): Promise<void>;
  /** A fresh grant while connected: SDKs that use the token only to connect ignore it (the next connect uses it). */
  renewGrant(grant: MediaGrant): void;
  /** The stage changed: SDKs that tell who publishes by themselves ignore it. */
  stageChanged(stage: StageView): void;
  disconnect(): Promise<void>;
}

/**
 * `renewGrant` and `stageChanged` of an SDK that needs neither: its token serves only to connect (a later connect
 * takes the newest grant), and it tells who publishes by itself.
 */
export const SDK_MANAGED: Pick<VendorConnection, 'renewGrant' | 'stageChanged'> = {
  renewGrant: () => undefined,
  stageChanged: () => undefined,
};
