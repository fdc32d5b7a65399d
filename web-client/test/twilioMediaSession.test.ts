// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { MediaGrant } from '../src/api/types';
import { twilioAudioStats, twilioConnectOptions } from '../src/media/twilio/twilioLib';
import { TwilioMediaSession } from '../src/media/twilio/twilioMediaSession';
import { flush } from './fakeTimers';
import { harness, stage } from './fakeVendor';
import { vendorSessionSuite } from './vendorSessionSuite';

const GRANT: MediaGrant = {
  provider: 'twilio',
  token: 'tw-token-1',
  expiresAt: '2026-11-22T10:10:00Z',
  canPublish: false,
  connection: { roomName: 'tribune-room-1', roomSid: 'RM1', sdk: 'twilio-video', audioOnly: true, maxParticipants: 50 },
};

vendorSessionSuite('twilio', (lib, timers) => new TwilioMediaSession(lib, timers), GRANT, {
  error: Object.assign(new Error('Track publication failed'), { code: 53304 }),
  code: 'twilio_53304',
});

describe('twilio specifics', () => {
  it('connects to the grant room with no audio or video of its own', () => {
    expect(twilioConnectOptions(GRANT)).toEqual({ name: 'tribune-room-1', audio: false, video: false, tracks: [] });
    expect(() => twilioConnectOptions({ ...GRANT, connection: {} })).toThrow();
  });

  it('stats are keyed by the identity publishing the track, levels scaled to 0..1', () => {
    const owners = new Map([['MT1', 'u-host'], ['MT2', 'u-sp']]);
    const stats = twilioAudioStats(
      [{ remoteAudioTrackStats: [{ trackSid: 'MT1', bytesReceived: 1000, packetsReceived: 10, audioLevel: 32767 }, { trackSid: 'MTx', bytesReceived: 5, packetsReceived: 1, audioLevel: 0 }] }],
      owners,
    );
    expect(stats).toEqual([
      { userId: 'u-host', bytesReceived: 1000, packetsReceived: 10, audioLevel: 1 },
      { userId: 'u-sp', bytesReceived: 0, packetsReceived: 0, audioLevel: 0 },
    ]);
  });

  it('demoted: unpublished at once; the server disconnect is followed by a reconnect with the fresh grant, publishing nothing', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const t = harness();
    const media = new TwilioMediaSession(async () => t.lib, t.timers);
    await media.join({ ...GRANT, canPublish: true }, t.context(stage('SPEAKER')));
    const first = t.lib.last();
    expect(first.published).toEqual([false]);
    media.roomChanged({ kind: 'stage', stage: stage('AUDIENCE') });
    await flush();
    expect(first.unpublished).toBe(1);
    await media.updateGrant({ ...GRANT, token: 'tw-token-2', canPublish: false });
    first.events.disconnected('53118 Room completed');
    t.timers.advance(1_000);
    await flush();
    expect(t.lib.last().grant.token).toBe('tw-token-2');
    expect(t.lib.last().published).toEqual([]);
  });
});
