import type { MediaSession } from './mediaSession';
import { HmsMediaSession } from './hms/hmsMediaSession';
import { JanusMediaSession } from './janus/janusMediaSession';
import { LivekitMediaSession } from './livekit/livekitMediaSession';
import { MeshMediaSession } from './mesh/meshMediaSession';
import { TwilioMediaSession } from './twilio/twilioMediaSession';

/**
 * One MediaSession implementation per provider, chosen by the grant's `media.provider`. Vendor SDKs (janus.js,
 * twilio-video, 100ms, livekit-client) each get their own folder under media/ and one line here; the page never
 * imports them. The mesh needs no SDK; each SDK is loaded on first use (its own chunk) by its wrapper.
 */
const factories: Record<string, () => MediaSession> = {
  mesh: () => new MeshMediaSession(),
  janus: () => new JanusMediaSession(), // janus-gateway + webrtc-adapter, loaded only when a room uses it
  twilio: () => new TwilioMediaSession(), // twilio-video, loaded only when a room uses it
  livekit: () => new LivekitMediaSession(), // livekit-client, loaded only when a room uses it
  hms: () => new HmsMediaSession(), // @100mslive/hms-video-store, loaded only when a room uses it
};

/** Providers the server may name, for the create-room form (the server says which are active). */
export const KNOWN_PROVIDERS = ['mesh', 'janus', 'twilio', 'hms', 'livekit'] as const;

export class UnsupportedProviderError extends Error {
  constructor(readonly provider: string) {
    super(
      `This room's audio runs on "${provider}", which this web client cannot play yet ` +
        `(it supports: ${supportedProviders().join(', ')}). You can still follow the room here.`,
    );
    this.name = 'UnsupportedProviderError';
  }
}

export function supportedProviders(): string[] {
  return Object.keys(factories);
}

/** The media session for a provider, or UnsupportedProviderError. */
export function createMediaSession(provider: string): MediaSession {
  const factory = factories[provider];
  if (!factory) {
    throw new UnsupportedProviderError(provider);
  }
  return factory();
}
