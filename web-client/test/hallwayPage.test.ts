// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { forgetConfig } from '../src/api/config';
import { HallwayFeed, SEARCH_DELAY_MS } from '../src/hallway/hallwayFeed';
import { mountHallwayPage } from '../src/pages/hallwayPage';
import { localNow, scheduledFor } from '../src/ui/createRoomDialog';
import { appWith, button, byLabel, fakeFetch, room } from './appFakes';
import { FakeTimers, flush } from './fakeTimers';

const page = (items: unknown[], nextCursor: string | null = null) => [200, { items, nextCursor }] as [number, unknown];

describe('the hallway', () => {
  afterEach(() => forgetConfig());

  it('renders the live rooms from one list request, with tabs All / Following / Upcoming', async () => {
    const { fn, called } = fakeFetch({
      'GET /api/v1/rooms?feed=all&limit=20': () => page([room('r1', { club: { id: 'c1', name: 'Jazz club' } })]),
      'GET /api/v1/rooms?feed=scheduled&limit=20': () => page([room('r2', { status: 'SCHEDULED', scheduledFor: '2026-12-24T18:00:00Z', participantCount: 0 })]),
    });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    mountHallwayPage(root, app);
    await flush();
    expect(called('GET /api/v1/rooms')).toHaveLength(1);
    expect(called('GET /api/v1/config')).toHaveLength(0);
    const card = root.querySelector('[data-room-id="r1"]') as HTMLElement;
    expect(card.textContent).toContain('Room r1');
    expect(card.textContent).toContain('Jazz club');
    expect(card.textContent).toContain('Hana (host)');
    expect(card.textContent).toContain('1 on stage · 3 listening');
    expect(card.querySelector('a.room-name')?.getAttribute('data-autojoin')).toBe('true');

    const tabs = Array.from(root.querySelectorAll('[role="tab"]'));
    expect(tabs.map((t) => t.textContent)).toEqual(['All', 'Following', 'Upcoming']);
    expect(root.querySelector('[role="tablist"]')).not.toBeNull();
    expect(tabs[0]?.getAttribute('aria-selected')).toBe('true');
    (tabs[2] as HTMLElement).click();
    await flush();
    expect(tabs[2]?.getAttribute('aria-selected')).toBe('true');
    expect(root.querySelector('[data-room-id="r1"]')).toBeNull();
    const upcoming = root.querySelector('[data-room-id="r2"]') as HTMLElement;
    expect(upcoming.textContent).toContain('Starts');
    expect(upcoming.textContent).not.toContain('listening');
    // an upcoming room opens its page, it is not joined
    expect(upcoming.querySelector('a.room-name')?.hasAttribute('data-autojoin')).toBe(false);
  });

  it('takes an open dialog away when the page goes', async () => {
    const { fn } = fakeFetch({ 'GET /api/v1/rooms': () => page([]) });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    const hallway = mountHallwayPage(root, app);
    await flush();
    button(root, 'Create room')!.click();
    expect(document.querySelector('dialog')).not.toBeNull();
    hallway.destroy();
    expect(document.querySelector('dialog')).toBeNull();
  });

  it('moves between tabs with the arrow keys', async () => {
    const { fn, called } = fakeFetch({ 'GET /api/v1/rooms': () => page([]) });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    mountHallwayPage(root, app);
    await flush();
    const all = root.querySelector('[role="tab"]') as HTMLElement;
    all.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await flush();
    expect(called('GET /api/v1/rooms?feed=following')).toHaveLength(1);
    expect(document.activeElement?.textContent).toBe('Following');
    expect(root.querySelector('[data-testid="hallway-empty"]')?.textContent).toContain('Nobody you follow is live');
    expect(root.querySelector<HTMLElement>('[data-testid="empty-browse-clubs"]')?.hidden).toBe(false);
  });

  it('invites to create a room when there is none, and creates a scheduled club room with the chosen provider', async () => {
    const { fn, calls } = fakeFetch({
      'GET /api/v1/rooms': () => page([]),
      'GET /api/v1/config': () => [200, { providers: { default: 'livekit', active: ['mesh', 'livekit'] }, firebase: null, features: {} }],
      'GET /api/v1/users/u-me': () => [200, { id: 'u-me', username: 'lisa', displayName: 'Lisa', bio: null, followerCount: 0, followingCount: 0, following: false, clubs: [{ id: 'c1', name: 'Jazz club' }] }],
      'POST /api/v1/rooms': (body) => [201, room('r9', { ...(body as object), status: 'SCHEDULED' })],
    });
    const { app, root, navigate } = appWith(fn as unknown as typeof fetch);
    mountHallwayPage(root, app);
    await flush();
    const empty = root.querySelector('[data-testid="hallway-empty"]') as HTMLElement;
    expect(empty.hidden).toBe(false);
    expect(empty.textContent).toContain('No live rooms right now');
    button(empty, 'Create room')!.click();
    await flush();
    const dialog = document.querySelector('dialog') as HTMLDialogElement;
    expect(dialog.querySelector('h2')?.textContent).toBe('Create room');
    const provider = byLabel<HTMLSelectElement>(dialog, 'Provider')!;
    expect(provider.closest<HTMLElement>('.field')?.hidden).toBe(false);
    expect(Array.from(provider.options).map((o) => o.value)).toEqual(['mesh', 'livekit']);
    expect(provider.value).toBe('livekit');
    const club = byLabel<HTMLSelectElement>(dialog, 'Club')!;
    expect(Array.from(club.options).map((o) => o.textContent)).toEqual(['No club', 'Jazz club']);

    byLabel(dialog, 'Name')!.value = 'Late jazz';
    const visibility = byLabel<HTMLSelectElement>(dialog, 'Visibility')!;
    expect(Array.from(visibility.options).map((o) => o.textContent)).toEqual(['Public', 'Club', 'Private']);
    visibility.value = 'CLUB';
    visibility.dispatchEvent(new Event('change'));
    const form = dialog.querySelector('form') as HTMLFormElement;
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(dialog.querySelector('[data-testid="create-room-error"]')?.textContent).toBe('Choose the club this room belongs to.');

    club.value = 'c1';
    byLabel(dialog, 'Start at')!.value = '2026-12-24T18:30';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(calls.find((c) => c[0] === 'POST /api/v1/rooms')?.[1]).toEqual({
      name: 'Late jazz',
      visibility: 'CLUB',
      clubId: 'c1',
      scheduledFor: new Date('2026-12-24T18:30').toISOString(),
      provider: 'livekit',
    });
    expect(navigate).toHaveBeenCalledWith('/rooms/r9');
    expect(document.querySelector('dialog')).toBeNull();
  });

  it('joins a live room at once after creating it; hides the provider when there is no choice; says what went wrong', async () => {
    let attempts = 0;
    const { fn, calls } = fakeFetch({
      'GET /api/v1/rooms': () => page([room('r1')]),
      'GET /api/v1/config': () => [200, { providers: { default: 'mesh', active: ['mesh'] }, firebase: null, features: {} }],
      'POST /api/v1/rooms': (body) =>
        ++attempts === 1 ? [429, { type: '/problems/rate-limited', title: 'Too many requests', status: 429, detail: 'Slow down: try again in a minute.' }] : [201, room('r5', body as Record<string, unknown>)],
    });
    const { app, root, navigate } = appWith(fn as unknown as typeof fetch);
    mountHallwayPage(root, app);
    await flush();
    button(root, 'Create room')!.click();
    await flush();
    const dialog = document.querySelector('dialog') as HTMLDialogElement;
    expect(byLabel(dialog, 'Provider')!.closest<HTMLElement>('.field')?.hidden).toBe(true);
    byLabel(dialog, 'Name')!.value = 'Morning';
    const form = dialog.querySelector('form') as HTMLFormElement;
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(dialog.querySelector('[data-testid="create-room-error"]')?.textContent).toBe('Slow down: try again in a minute.');
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(calls.filter((c) => c[0] === 'POST /api/v1/rooms').at(-1)?.[1]).toEqual({ name: 'Morning', visibility: 'PUBLIC' });
    expect(navigate).toHaveBeenCalledWith('/rooms/r5', { state: { autoJoin: true } });
  });

  it('searches rooms and clubs when Enter is pressed, and goes back to the feed when cleared', async () => {
    const { fn, called } = fakeFetch({
      'GET /api/v1/rooms': () => page([room('r1')]),
      'GET /api/v1/search?q=jazz&limit=20': () => page([{ ...room('r3'), kind: 'room' }, { kind: 'club', id: 'c1', name: 'Jazz club', description: 'Late sets', topic: 'Music', followerCount: 3, memberCount: 2 }]),
    });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    mountHallwayPage(root, app);
    await flush();
    const box = byLabel(root, 'Search')!;
    box.value = 'jazz';
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await flush();
    expect(called('GET /api/v1/search')).toHaveLength(1);
    const results = root.querySelector('[data-testid="search-results"]') as HTMLElement;
    expect(results.querySelector('[data-room-id="r3"]')).not.toBeNull();
    expect(results.querySelector('[data-testid="club-link-c1"]')?.getAttribute('href')).toBe('/clubs/c1');
    expect(root.querySelector<HTMLElement>('[role="tablist"]')?.hidden).toBe(true);
    box.value = '';
    box.dispatchEvent(new Event('input'));
    expect(root.querySelector<HTMLElement>('[role="tabpanel"]')?.hidden).toBe(false);
  });

  it('shows a guest a plain hint to sign up instead of Create room', async () => {
    const { fn } = fakeFetch({ 'GET /api/v1/rooms': () => page([]) });
    const { app, root } = appWith(fn as unknown as typeof fetch, { id: 'g1', username: null, displayName: 'Guest' });
    mountHallwayPage(root, app);
    await flush();
    expect(button(root, 'Create room')).toBeNull();
    expect(root.textContent).toContain('Sign up');
  });
});

describe('the hallway state', () => {
  it('searches once typing pauses, drops stale answers, and pages the feed', async () => {
    const timers = new FakeTimers();
    const searched: string[] = [];
    const feed = new HallwayFeed(
      {
        listRooms: async (_f, _l, cursor) => (cursor ? { items: [room('b') as never], nextCursor: null } : { items: [room('a') as never], nextCursor: 'next' }),
        search: async (q) => {
          searched.push(q);
          return { items: [], nextCursor: null };
        },
      },
      timers,
    );
    await feed.show('all');
    expect(feed.state.more).toBe(true);
    await feed.loadMore();
    expect(feed.state.rooms.map((r) => r.id)).toEqual(['a', 'b']);
    expect(feed.state.more).toBe(false);
    feed.type('ja');
    feed.type('jazz');
    timers.advance(SEARCH_DELAY_MS - 1);
    expect(searched).toEqual([]);
    timers.advance(1);
    await flush();
    expect(searched).toEqual(['jazz']);
    expect(feed.state.results).toEqual([]);
    feed.type(' ');
    expect(feed.state.query).toBe('');
    expect(feed.state.results).toBeNull();
  });

  it('reads a datetime-local value in the local zone', () => {
    expect(scheduledFor('')).toBeNull();
    expect(scheduledFor('2026-12-24T18:30')).toBe(new Date(2026, 11, 24, 18, 30).toISOString());
    expect(localNow(new Date(2026, 0, 5, 7, 9))).toBe('2026-01-05T07:09');
  });
});
