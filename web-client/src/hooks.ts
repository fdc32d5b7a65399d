import type { StageRole } from './api/types';
import { canForcePublish } from './media/forcePublish';
import type { MediaSession, RemoteAudioStats } from './media/mediaSession';

/**
 * `window.__tribune`: what the browser tests read and call (a contract: keep the names). `me.role` is null outside
 * a room; `media` is the room's media session or null.
 */
export interface TribuneHooks {
  me: { userId: string; role: StageRole | null } | null;
  roomId: string | null;
  media: MediaSession | null;
  /** Inbound audio per remote user (empty outside a room). */
  stats(): Promise<RemoteAudioStats[]>;
  /** Make the media layer publish the microphone whatever the role (to prove the server refuses it). */
  forcePublish(): Promise<void>;
  /** Error frames the event socket received (refused signals and the like), newest last. */
  socketErrors: Array<{ code: string; message: string }>;
}

export const hooks: TribuneHooks = {
  me: null,
  roomId: null,
  media: null,
  stats: () => hooks.media?.stats() ?? Promise.resolve([]),
  forcePublish: () =>
    hooks.media && canForcePublish(hooks.media)
      ? hooks.media.forcePublish()
      : Promise.reject(new Error('Not in a room with media that can force a publish.')),
  socketErrors: [],
};

declare global {
  interface Window {
    __tribune: TribuneHooks;
  }
}

if (typeof window !== 'undefined') {
  window.__tribune = hooks;
}
