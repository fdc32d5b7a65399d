import type { MediaSession } from './mediaSession';

/**
 * A test hook, not part of the media interface: sessions that can try to publish the microphone whatever the role
 * says (bypassing the page's checks) implement it, so browser tests (`window.__tribune.forcePublish()`) can show that
 * the server refuses an AUDIENCE member's audio.
 */
export interface ForcePublish {
  /** Tries to publish; the server's refusal is recorded (`onError`), never thrown. */
  forcePublish(): Promise<void>;
}

/** Whether `media` offers the force-publish test hook. */
export function canForcePublish(media: MediaSession): media is MediaSession & ForcePublish {
  return typeof (media as Partial<ForcePublish>).forcePublish === 'function';
}
