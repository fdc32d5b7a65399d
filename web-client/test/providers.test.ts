import { describe, expect, it } from 'vitest';
import { createMediaSession, supportedProviders, UnsupportedProviderError } from '../src/media/providers';

describe('media providers', () => {
  it('mesh, janus and the vendor SDKs are built in', () => {
    expect(supportedProviders()).toEqual(['mesh', 'janus', 'twilio', 'livekit', 'hms']);
    expect(createMediaSession('twilio').provider).toBe('twilio');
    expect(createMediaSession('hms').provider).toBe('hms');
    expect(createMediaSession('livekit').provider).toBe('livekit');
    expect(createMediaSession('mesh').provider).toBe('mesh');
    expect(createMediaSession('janus').provider).toBe('janus');
  });

  it('an unknown provider gives a message the page can show', () => {
    let error: unknown;
    try {
      createMediaSession('nosuch');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnsupportedProviderError);
    expect((error as Error).message).toContain('"nosuch"');
    expect((error as Error).message).toContain('mesh');
  });
});
