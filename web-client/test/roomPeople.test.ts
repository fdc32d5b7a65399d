import { describe, expect, it } from 'vitest';
import type { Listener } from '../src/api/roomAdmin';
import type { Page } from '../src/api/types';
import { RoomPeople } from '../src/room/roomPeople';
import { flush } from './fakeTimers';

const listener = (userId: string, displayName: string): Listener => ({ userId, displayName, joinedAt: '2026-01-01T00:00:00Z' });

function people(pages: Record<string, Page<Listener>>) {
  const asked: Array<string | null> = [];
  let changes = 0;
  const p = new RoomPeople(
    {
      list: async (_limit, cursor) => {
        asked.push(cursor);
        const page = pages[cursor ?? 'first'];
        if (!page) throw new Error('The service cannot be reached.');
        return page;
      },
    },
    (userId) => (userId === 'u-9' ? 'Nina' : null),
    () => changes++,
  );
  return { p, asked, changes: () => changes };
}

describe('the audience a HOST or MODERATOR sees', () => {
  it('reads a page at a time, only once started, and forgets when stopped', async () => {
    const t = people({ first: { items: [listener('u-1', 'Ann')], nextCursor: 'c2' }, c2: { items: [listener('u-2', 'Bob'), listener('u-1', 'Ann')], nextCursor: null } });
    t.p.onEvent('participant.joined', { userId: 'u-0', displayName: 'Early', role: 'AUDIENCE' });
    expect(t.p.all).toEqual([]);
    await t.p.start();
    expect(t.p.all.map((l) => l.userId)).toEqual(['u-1']);
    expect(t.p.hasMore).toBe(true);
    await t.p.more();
    expect(t.p.all.map((l) => l.userId)).toEqual(['u-1', 'u-2']);
    expect(t.p.hasMore).toBe(false);
    expect(t.asked).toEqual([null, 'c2']);
    t.p.stop();
    expect(t.p.all).toEqual([]);
    expect(t.p.isActive).toBe(false);
  });

  it('stays live: arrivals, departures, removals and moves on and off the stage', async () => {
    const t = people({ first: { items: [listener('u-1', 'Ann')], nextCursor: null } });
    await t.p.start();
    t.p.onEvent('participant.joined', { userId: 'u-2', displayName: 'Bob', role: 'AUDIENCE' });
    t.p.onEvent('participant.joined', { userId: 'u-3', displayName: 'Cy', role: 'SPEAKER' });
    expect(t.p.all.map((l) => l.userId)).toEqual(['u-1', 'u-2']);
    t.p.onEvent('role.changed', { userId: 'u-1', role: 'SPEAKER', by: 'h' });
    t.p.onEvent('role.changed', { userId: 'u-9', role: 'AUDIENCE', by: 'h' });
    expect(t.p.all.map((l) => [l.userId, l.displayName])).toEqual([['u-2', 'Bob'], ['u-9', 'Nina']]);
    t.p.onEvent('participant.left', { userId: 'u-2' });
    t.p.onEvent('participant.removed', { userId: 'u-9', by: 'h', banned: true });
    expect(t.p.all).toEqual([]);
  });

  it('searches by name over what is listed, reading on when it finds little', async () => {
    const t = people({ first: { items: [listener('u-1', 'Ann'), listener('u-2', 'Bob')], nextCursor: 'c2' }, c2: { items: [listener('u-3', 'Annie')], nextCursor: null } });
    await t.p.start();
    t.p.search('ANN');
    await flush();
    expect(t.p.shown.map((l) => l.displayName)).toEqual(['Ann', 'Annie']);
    t.p.search('');
    expect(t.p.shown).toHaveLength(3);
  });

  it('follows chat mutes and forced mutes (a lifted forced mute comes as a mute that is not forced)', async () => {
    const t = people({ first: { items: [], nextCursor: null } });
    t.p.onEvent('participant.chat_muted', { userId: 'u-1', by: 'h', muted: true });
    t.p.onEvent('participant.muted', { userId: 'u-2', by: 'h', forced: true });
    expect(t.p.isChatMuted('u-1')).toBe(true);
    expect(t.p.isForcedMuted('u-2')).toBe(true);
    t.p.onEvent('participant.chat_muted', { userId: 'u-1', by: 'h', muted: false });
    t.p.onEvent('participant.muted', { userId: 'u-2', by: 'h', forced: false });
    expect(t.p.isChatMuted('u-1')).toBe(false);
    expect(t.p.isForcedMuted('u-2')).toBe(false);
  });

  it('a failed read is said in words', async () => {
    const t = people({});
    await t.p.start();
    expect(t.p.error).toBe('The service cannot be reached.');
    expect(t.p.loading).toBe(false);
  });
});
