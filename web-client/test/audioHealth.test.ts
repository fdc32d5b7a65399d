import { describe, expect, it } from 'vitest';
import { AudioHealthDetector, RECOVERY_GRACE_CHECKS } from '../src/media/audioHealth';
import { microphoneProblem } from '../src/media/microphoneProblem';

const sample = (bytesReceived: number | null, muted = false) => [{ userId: 'bob', bytesReceived, muted }];

describe('audio health', () => {
  it('growing bytes: heard, reported receiving, no warning', () => {
    const d = new AudioHealthDetector();
    d.check(sample(100));
    const v = d.check(sample(900));
    expect(v.notHeard).toEqual([]);
    expect(v.peers).toEqual([{ userId: 'bob', receiving: true }]);
  });

  it('no growth for 2 checks while unmuted: warning, recovery, reported not receiving', () => {
    const d = new AudioHealthDetector();
    d.check(sample(500)); // baseline
    const first = d.check(sample(500));
    expect(first.notHeard).toEqual([]); // one check is not enough
    const second = d.check(sample(500));
    expect(second.notHeard).toEqual(['bob']);
    expect(second.recover).toEqual(['bob']);
    expect(second.peers).toEqual([{ userId: 'bob', receiving: false }]);
  });

  it('a muted speaker sending nothing is no fault', () => {
    const d = new AudioHealthDetector();
    d.check(sample(500, true));
    for (let i = 0; i < 5; i++) {
      const v = d.check(sample(500, true));
      expect(v.notHeard).toEqual([]);
      expect(v.recover).toEqual([]);
    }
  });

  it('no connection at all counts as no growth', () => {
    const d = new AudioHealthDetector();
    d.check(sample(null));
    d.check(sample(null));
    expect(d.check(sample(null)).notHeard).toEqual(['bob']);
  });

  it('keeps warning but waits for the rebuilt connection before recovering again', () => {
    const d = new AudioHealthDetector();
    d.check(sample(500));
    d.check(sample(500));
    expect(d.check(sample(500)).recover).toEqual(['bob']);
    const recoveries: string[][] = [];
    for (let i = 0; i < RECOVERY_GRACE_CHECKS; i++) {
      const v = d.check(sample(null));
      expect(v.notHeard).toEqual(['bob']);
      recoveries.push(v.recover);
    }
    expect(recoveries.slice(0, -1).flat()).toEqual([]);
    expect(recoveries[recoveries.length - 1]).toEqual(['bob']);
  });

  it('the warning clears as soon as audio arrives on a new connection (bytes start again from zero)', () => {
    const d = new AudioHealthDetector();
    d.check(sample(50_000));
    d.check(sample(50_000));
    expect(d.check(sample(50_000)).notHeard).toEqual(['bob']);
    const v = d.check(sample(1_200));
    expect(v.notHeard).toEqual([]);
    expect(v.peers).toEqual([{ userId: 'bob', receiving: true }]);
  });

  it('forgets speakers no longer sampled', () => {
    const d = new AudioHealthDetector();
    d.check(sample(500));
    d.check(sample(500));
    d.check([]);
    // back again: a fresh baseline, so no instant warning
    expect(d.check(sample(500)).notHeard).toEqual([]);
  });
});

describe('a microphone that cannot be opened', () => {
  it('is explained in words a person can act on, never the browser message', () => {
    const refused = Object.assign(new Error('Permission denied by system'), { name: 'NotAllowedError' });
    expect(microphoneProblem(refused)).toContain('Allow it for this site');
    expect(microphoneProblem(refused)).not.toContain('Permission denied by system');
    expect(microphoneProblem({ name: 'NotFoundError', message: 'Requested device not found' })).toBe('No microphone was found. Connect one, then unmute again.');
    expect(microphoneProblem(Object.assign(new Error('Could not start audio source'), { name: 'NotReadableError' }))).toContain('busy');
    expect(microphoneProblem('weird')).toContain('could not be opened');
  });
});
