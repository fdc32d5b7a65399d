import { describe, expect, it } from 'vitest';
import { createMediaSession, supportedProviders, UnsupportedProviderError } from '../src/media/providers';

describe('media providers', () => {
  it('mesh and janus are built in', () => {
    expect(supportedProviders()).toEqual(['mesh', 'janus']);
    expect(createMediaSession('mesh').provider).toBe('mesh');
    expect(createMediaSession('janus').provider).toBe('janus');
  });

  it('an unknown provider gives a message the page can show', () => {
    let error: unknown;
    try {
      createMediaSession('twilio');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnsupportedProviderError);
    expect((error as Error).message).toContain('"twilio"');
    expect((error as Error).message).toContain('mesh');
  });
});
