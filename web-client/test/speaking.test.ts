import { describe, expect, it } from 'vitest';
import { SpeakingDetector } from '../src/media/speaking';

describe('speaking detector', () => {
  it('starts on a loud sample, holds through short pauses, stops after the hold', () => {
    const d = new SpeakingDetector(0.02, 600);
    expect(d.sample(new Map([['bob', 0.3]]), 0)).toEqual([{ userId: 'bob', speaking: true }]);
    expect(d.sample(new Map([['bob', 0.0]]), 300)).toEqual([]);
    expect(d.sample(new Map([['bob', 0.0]]), 700)).toEqual([{ userId: 'bob', speaking: false }]);
  });

  it('someone no longer sampled stops speaking', () => {
    const d = new SpeakingDetector();
    d.sample(new Map([['bob', 0.5]]), 0);
    expect(d.sample(new Map(), 100)).toEqual([{ userId: 'bob', speaking: false }]);
  });
});
