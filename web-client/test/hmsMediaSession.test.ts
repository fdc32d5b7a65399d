// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { MediaGrant } from '../src/api/types';
import { hmsLevel, hmsUserName } from '../src/media/hms/hmsLib';
import { HmsMediaSession } from '../src/media/hms/hmsMediaSession';
import { flush } from './fakeTimers';
import { harness, stage } from './fakeVendor';
import { vendorSessionSuite } from './vendorSessionSuite';

const GRANT: MediaGrant = {
  provider: 'hms',
  token: 'hms-app-token-1',
  expiresAt: '2026-11-22T10:10:00Z',
  canPublish: false,
  connection: { roomId: 'hms-room-1', role: 'listener', sdk: '@100mslive/hms-video-store', userName: 'Me' },
};

vendorSessionSuite('hms', (lib, timers) => new HmsMediaSession(lib, timers), GRANT, {
  error: Object.assign(new Error('my 100ms role does not publish audio'), { name: 'role_cannot_publish' }),
  code: 'hms_role_cannot_publish',
});

describe('hms specifics', () => {
  it('the user name comes from the grant, the level is scaled to 0..1', () => {
    expect(hmsUserName(GRANT, { userId: 'u', displayName: 'D' })).toBe('Me');
    expect(hmsUserName({ ...GRANT, connection: {} }, { userId: 'u', displayName: 'D' })).toBe('D');
    expect(hmsLevel(50)).toBe(0.5);
    expect(hmsLevel(0.3)).toBe(0.3);
    expect(hmsLevel(undefined)).toBe(0);
  });

  it('audio the SDK plays itself adds no element but is still watched for health', async () => {
    const t = harness();
    const media = new HmsMediaSession(async () => t.lib, t.timers);
    await media.join(GRANT, t.context(stage('AUDIENCE')));
    t.lib.last().events.remoteAudio('u-host', null, false);
    expect(t.outlet.children.length).toBe(0);
    for (let i = 0; i < 3; i++) {
      t.timers.advance(3_000);
      await flush();
    }
    expect(t.warnings.at(-1)).toEqual(['u-host']);
    expect(t.lib.last().resubscribed).toEqual(['u-host']);
  });
});
