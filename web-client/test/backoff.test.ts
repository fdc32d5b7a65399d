import { describe, expect, it } from 'vitest';
import { Backoff } from '../src/backoff';
import { reconnectBackoff } from '../src/media/vendorSession';

describe('Backoff', () => {
  it('media reconnects: 1, 2, 4, 8, then 10 s; a success starts again from 1 s', () => {
    const backoff = reconnectBackoff();
    expect([0, 1, 2, 3, 4, 5, 6].map(() => backoff.next())).toEqual([1000, 2000, 4000, 8000, 10000, 10000, 10000]);
    expect(backoff.failures).toBe(7);
    backoff.reset();
    expect(backoff.failures).toBe(0);
    expect(backoff.next()).toBe(1000);
  });

  it('jitter draws each wait between half and all of its ceiling', () => {
    expect(new Backoff(500, 15_000, () => 0).next()).toBe(250);
    const draws = [0.5, 1, 0];
    const backoff = new Backoff(500, 15_000, () => draws.shift() ?? 0);
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([375, 1000, 1000]);
  });
});
