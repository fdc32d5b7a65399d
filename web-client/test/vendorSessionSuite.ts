import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { MediaGrant } from '../src/api/types';
import type { VendorLib } from '../src/media/vendorLib';
import type { VendorMediaSession } from '../src/media/vendorSession';
import type { Timers } from '../src/timers';
import { flush } from './fakeTimers';
import { harness, ME, stage } from './fakeVendor';

/**
 * What every vendor session (LiveKit, 100ms, Twilio, Janus) must do, over a fake of its SDK wrapper. `grant` is that
 * vendor's grant shape; `refusal` an error its wrapper throws for a refused publish and the code it is recorded under.
 */
export function vendorSessionSuite(
  provider: string,
  make: (lib: () => Promise<VendorLib>, timers: Timers) => VendorMediaSession,
  grant: MediaGrant,
  refusal: { error: unknown; code: string },
): void {
  const speakerGrant: MediaGrant = { ...grant, canPublish: true };

  beforeAll(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.stubGlobal('MediaStream', class {
      constructor(readonly tracks: MediaStreamTrack[]) {}
      getAudioTracks(): MediaStreamTrack[] {
        return this.tracks;
      }
    });
    Object.defineProperty(HTMLMediaElement.prototype, 'play', { configurable: true, value: () => Promise.resolve() });
  });

  function setup() {
    const h = harness();
    const media = make(async () => h.lib, h.timers);
    return { ...h, media };
  }

  describe(`${provider} session (shared vendor behaviour)`, () => {
    it('an AUDIENCE member connects with the token and publishes nothing', async () => {
      const t = setup();
      await t.media.join(grant, t.context(stage('AUDIENCE')));
      expect(t.media.provider).toBe(provider);
      expect(t.lib.last().grant.token).toBe(grant.token);
      expect(t.lib.last().published).toEqual([]);
    });

    it('a speaker with canPublish publishes the microphone muted; Unmute and Mute switch it', async () => {
      const t = setup();
      await t.media.join(speakerGrant, t.context(stage('SPEAKER')));
      const conn = t.lib.last();
      expect(conn.published).toEqual([false]);
      expect(conn.track.enabled).toBe(false);
      await t.media.setMicrophone(true);
      expect(conn.enabledCalls).toEqual([true]);
      expect(conn.track.enabled).toBe(true);
      await t.media.setMicrophone(false);
      expect(conn.enabledCalls).toEqual([true, false]);
    });

    it('publishes only when both the stage and the grant allow it', async () => {
      const t = setup();
      await t.media.join({ ...grant, canPublish: false }, t.context(stage('SPEAKER')));
      expect(t.lib.last().published).toEqual([]);
      const u = setup();
      await u.media.join(speakerGrant, u.context(stage('AUDIENCE')));
      expect(u.lib.last().published).toEqual([]);
    });

    it('promotion publishes once the grant allows it; demotion unpublishes at once', async () => {
      const t = setup();
      await t.media.join(grant, t.context(stage('AUDIENCE')));
      const conn = t.lib.last();
      t.media.roomChanged({ kind: 'stage', stage: stage('SPEAKER') });
      await flush();
      expect(conn.published).toEqual([]); // the grant does not say canPublish yet
      await t.media.updateGrant({ ...speakerGrant, token: 'tok-2' });
      expect(conn.published).toEqual([false]);
      t.media.roomChanged({ kind: 'stage', stage: stage('AUDIENCE') });
      await flush();
      expect(conn.unpublished).toBe(1);
      expect(conn.isPublishing()).toBe(false);
      await t.media.updateGrant({ ...grant, token: 'tok-3' });
      expect(conn.unpublished).toBe(1);
    });

    it('a grant without canPublish unpublishes', async () => {
      const t = setup();
      await t.media.join(speakerGrant, t.context(stage('SPEAKER')));
      await t.media.updateGrant({ ...grant, token: 'tok-2' });
      expect(t.lib.last().unpublished).toBe(1);
    });

    it('the server stopping my publishing is not fought until a promotion or a fresh grant', async () => {
      const t = setup();
      await t.media.join(speakerGrant, t.context(stage('SPEAKER')));
      const conn = t.lib.last();
      conn.events.publishingStopped('test');
      await flush();
      t.media.roomChanged({ kind: 'stage', stage: stage('SPEAKER') });
      await flush();
      expect(conn.published).toEqual([false]);
      await t.media.updateGrant({ ...speakerGrant, token: 'tok-2' });
      expect(conn.published).toEqual([false, false]);
      conn.events.publishingStopped('force-muted');
      await flush();
      conn.events.publishingAllowed(); // the forced mute lifted
      await flush();
      expect(conn.published).toEqual([false, false, false]);
    });

    it('a fresh grant and every stage change reach the connection', async () => {
      const t = setup();
      await t.media.join(grant, t.context(stage('AUDIENCE')));
      const conn = t.lib.last();
      await t.media.updateGrant({ ...grant, token: 'tok-2' });
      await t.media.updateGrant({ ...grant, token: 'tok-2' });
      expect(conn.renewed).toEqual(['tok-2']);
      t.media.roomChanged({ kind: 'stage', stage: stage('AUDIENCE', [['u-host', 'HOST'], ['u-b', 'SPEAKER']]) });
      expect(conn.stages.map((s) => s.panel.length)).toEqual([2]);
    });

    it('a publication lost by accident is published again at once, not held back', async () => {
      const t = setup();
      await t.media.join(speakerGrant, t.context(stage('SPEAKER')));
      const conn = t.lib.last();
      conn.unpublished++; // the fake SDK dropped it
      conn.events.publishingLost('connection failed');
      await flush();
      expect(conn.published).toEqual([false, false]);
    });

    it('a request the server refused outside any call is recorded', async () => {
      const t = setup();
      await t.media.join(grant, t.context(stage('AUDIENCE')));
      t.lib.last().events.refused(refusal.error);
      expect(t.errors.map(([code]) => code)).toEqual([refusal.code]);
      expect(t.problems).toEqual([]);
    });

    it('remote audio goes into audio-{userId} elements; stats are keyed by user id, never mine', async () => {
      const t = setup();
      await t.media.join(grant, t.context(stage('AUDIENCE')));
      const conn = t.lib.last();
      conn.events.remoteAudio('u-host', { kind: 'audio' } as MediaStreamTrack, false);
      conn.events.remoteAudio(ME, { kind: 'audio' } as MediaStreamTrack, false);
      expect(t.outlet.querySelector('[data-testid="audio-u-host"]')).not.toBeNull();
      expect(t.outlet.querySelector(`[data-testid="audio-${ME}"]`)).toBeNull();
      conn.stats = [
        { userId: 'u-host', bytesReceived: 500, packetsReceived: 5, audioLevel: 0.3 },
        { userId: ME, bytesReceived: 1, packetsReceived: 1, audioLevel: 0 },
      ];
      expect(await t.media.stats()).toEqual([{ userId: 'u-host', bytesReceived: 500, packetsReceived: 5, audioLevel: 0.3 }]);
      conn.events.remoteAudio('u-host', null, true);
      expect(t.outlet.querySelector('[data-testid="audio-u-host"]')).toBeNull();
    });

    it('a complete list of publishers drops the ones not on it', async () => {
      const t = setup();
      await t.media.join(grant, t.context(stage('AUDIENCE', [['u-host', 'HOST'], ['u-b', 'SPEAKER']])));
      const conn = t.lib.last();
      conn.events.remoteAudio('u-host', { kind: 'audio' } as MediaStreamTrack, false);
      conn.events.publishersNow(['u-b', ME]);
      expect(t.outlet.querySelector('[data-testid="audio-u-host"]')).toBeNull();
      conn.stats = [{ userId: 'u-b', bytesReceived: 100, packetsReceived: 1, audioLevel: 0 }];
      for (let i = 0; i < 4; i++) {
        t.timers.advance(3_000);
        await flush();
      }
      expect(t.warnings.at(-1)).toEqual(['u-b']); // u-b is expected, u-host and I are not
    });

    it('speaking follows the audio levels', async () => {
      const t = setup();
      await t.media.join(grant, t.context(stage('AUDIENCE')));
      const conn = t.lib.last();
      const seen: Array<[string, boolean]> = [];
      t.media.onSpeaking((u, s) => seen.push([u, s]));
      conn.stats = [{ userId: 'u-host', bytesReceived: 500, packetsReceived: 5, audioLevel: 0.3 }];
      t.timers.advance(300);
      await flush();
      conn.stats = [{ userId: 'u-host', bytesReceived: 900, packetsReceived: 9, audioLevel: 0 }];
      t.timers.advance(1_200);
      await flush();
      expect(seen).toEqual([['u-host', true], ['u-host', false]]);
    });

    it('a speaker not heard is warned about, resubscribed, and reported in audio.health', async () => {
      const t = setup();
      await t.media.join(grant, t.context(stage('AUDIENCE')));
      const conn = t.lib.last();
      conn.events.remoteAudio('u-host', { kind: 'audio' } as MediaStreamTrack, false);
      conn.stats = [{ userId: 'u-host', bytesReceived: 100, packetsReceived: 1, audioLevel: 0 }];
      for (let i = 0; i < 4; i++) {
        t.timers.advance(3_000);
        await flush();
      }
      expect(t.warnings.at(-1)).toEqual(['u-host']);
      expect(conn.resubscribed).toEqual(['u-host']);
      expect(t.frames.at(-1)).toEqual({ op: 'audio.health', roomId: 'room-1', peers: [{ userId: 'u-host', receiving: false }] });
    });

    it('a lost connection is made again with the newest grant', async () => {
      const t = setup();
      await t.media.join(speakerGrant, t.context(stage('SPEAKER')));
      await t.media.updateGrant({ ...speakerGrant, token: 'tok-2' });
      t.lib.last().events.remoteAudio('u-host', { kind: 'audio' } as MediaStreamTrack, false);
      t.lib.last().events.disconnected('server went away');
      expect(t.states).toEqual(['reconnecting']);
      expect(t.outlet.children.length).toBe(0);
      t.timers.advance(1_000);
      await flush();
      expect(t.lib.connections.length).toBe(2);
      expect(t.lib.last().grant.token).toBe('tok-2');
      expect(t.lib.last().published).toEqual([false]);
      expect(t.states).toEqual(['reconnecting', 'live']);
    });

    it('a failing reconnect backs off; an expired grant waits for the next one', async () => {
      const t = setup();
      const short = { ...grant, expiresAt: new Date(t.timers.now() + 1_500).toISOString() };
      await t.media.join(short, t.context(stage('AUDIENCE')));
      t.lib.failConnect = new Error('network');
      t.lib.last().events.disconnected('network');
      t.timers.advance(1_000);
      await flush();
      expect(t.lib.connections.length).toBe(1); // the attempt failed
      t.timers.advance(2_000);
      await flush();
      t.lib.failConnect = null;
      t.timers.advance(10_000);
      await flush();
      expect(t.lib.connections.length).toBe(1); // the grant expired meanwhile: nothing to connect with
      await t.media.updateGrant({ ...grant, token: 'tok-fresh', expiresAt: new Date(t.timers.now() + 600_000).toISOString() });
      expect(t.lib.connections.length).toBe(2);
      expect(t.lib.last().grant.token).toBe('tok-fresh');
      expect(t.states).toEqual(['reconnecting', 'live']);
    });

    it('forcePublish: a refusal is recorded and never thrown', async () => {
      const t = setup();
      await t.media.join(grant, t.context(stage('AUDIENCE')));
      t.lib.last().refusePublish = refusal.error;
      await expect(t.media.forcePublish()).resolves.toBeUndefined();
      expect(t.errors.map(([code]) => code)).toEqual([refusal.code]);
    });

    it('forcePublish publishes the microphone enabled whatever the role', async () => {
      const t = setup();
      await t.media.join(grant, t.context(stage('AUDIENCE')));
      await t.media.forcePublish();
      expect(t.lib.last().published).toEqual([true]);
      expect(t.lib.last().forced).toEqual([true]);
      expect(t.errors).toEqual([]);
    });

    it('a refused publish is recorded and not retried in a loop', async () => {
      const t = setup();
      t.lib.refusePublish = refusal.error;
      await t.media.join(speakerGrant, t.context(stage('SPEAKER')));
      t.media.roomChanged({ kind: 'stage', stage: stage('SPEAKER') });
      await flush();
      expect(t.errors.length).toBe(1);
      expect(t.problems.length).toBe(1);
    });

    it('leave disconnects and removes the audio', async () => {
      const t = setup();
      await t.media.join(speakerGrant, t.context(stage('SPEAKER')));
      const conn = t.lib.last();
      conn.events.remoteAudio('u-host', { kind: 'audio' } as MediaStreamTrack, false);
      await t.media.leave();
      expect(conn.disconnected).toBe(true);
      expect(t.outlet.children.length).toBe(0);
      conn.events.disconnected('late');
      t.timers.advance(20_000);
      await flush();
      expect(t.lib.connections.length).toBe(1);
    });
  });
}
