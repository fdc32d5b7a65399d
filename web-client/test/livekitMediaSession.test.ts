// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { MediaGrant } from '../src/api/types';
import { livekitUrl } from '../src/media/livekit/livekitLib';
import { LivekitMediaSession } from '../src/media/livekit/livekitMediaSession';
import { vendorSessionSuite } from './vendorSessionSuite';

const GRANT: MediaGrant = {
  provider: 'livekit',
  token: 'lk-token-1',
  expiresAt: '2026-11-22T10:10:00Z',
  canPublish: false,
  connection: { url: 'wss://lk.example', room: 'room-1', sdk: 'livekit-client' },
};

vendorSessionSuite('livekit', (lib, timers) => new LivekitMediaSession(lib, timers), GRANT, {
  error: Object.assign(new Error('insufficient permissions to publish'), { name: 'TrackInvalidError' }),
  code: 'livekit_trackinvaliderror',
});

describe('livekit wrapper', () => {
  it('connects to the grant URL', () => {
    expect(livekitUrl(GRANT)).toBe('wss://lk.example');
    expect(() => livekitUrl({ ...GRANT, connection: {} })).toThrow();
  });
});
