import { describe, expect, it } from 'vitest';
import { counted } from '../src/ui/counted';

describe('counts in words', () => {
  it('say one in the singular and any other number in the plural', () => {
    expect(counted(1, 'member')).toBe('1 member');
    expect(counted(0, 'member')).toBe('0 members');
    expect(counted(12, 'follower')).toBe('12 followers');
    expect(counted(2, 'person', 'people')).toBe('2 people');
  });
});
