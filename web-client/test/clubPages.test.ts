// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { mountClubPage } from '../src/pages/clubPage';
import { mountClubsPage } from '../src/pages/clubsPage';
import { appWith, button, byLabel, fakeFetch, ME, room } from './appFakes';
import { flush } from './fakeTimers';

const CLUB = 'c1';
const club = (extra: Record<string, unknown> = {}) => ({
  id: CLUB,
  name: 'Jazz club',
  description: 'Late sets',
  topic: { id: 't1', name: 'Music' },
  founder: { id: ME, username: 'lisa', displayName: 'Lisa' },
  followerCount: 3,
  memberCount: 2,
  myMembership: 'ADMIN',
  following: false,
  ...extra,
});
const members = [
  { user: { id: ME, username: 'lisa', displayName: 'Lisa' }, role: 'ADMIN' },
  { user: { id: 'u-max', username: 'max', displayName: 'Max' }, role: 'MEMBER' },
];

describe('the clubs page', () => {
  it('lists clubs, filters by topic, and creates a club', async () => {
    const { fn, calls } = fakeFetch({
      'GET /api/v1/clubs': () => [200, { items: [club()], nextCursor: null }],
      'GET /api/v1/topics?limit=100': () => [200, { items: [{ id: 't1', name: 'Music', description: null }], nextCursor: null }],
      'POST /api/v1/clubs': (body) => [201, club({ id: 'c2', ...(body as object) })],
    });
    const { app, root, navigate } = appWith(fn as unknown as typeof fetch);
    mountClubsPage(root, app);
    await flush();
    expect(root.querySelector('[data-testid="club-link-c1"]')?.textContent).toBe('Jazz club');
    const topic = byLabel<HTMLSelectElement>(root, 'Topic')!;
    topic.value = 't1';
    topic.dispatchEvent(new Event('change'));
    await flush();
    expect(calls.map((c) => c[0])).toContain('GET /api/v1/clubs?topicId=t1');

    button(root, 'Create club')!.click();
    await flush();
    const dialog = document.querySelector('dialog') as HTMLDialogElement;
    expect(dialog.querySelector('h2')?.textContent).toBe('Create club');
    byLabel(dialog, 'Name')!.value = 'Night owls';
    byLabel<HTMLSelectElement>(dialog, 'Topic')!.value = 't1';
    dialog.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(calls.find((c) => c[0] === 'POST /api/v1/clubs')?.[1]).toEqual({ name: 'Night owls', topicId: 't1' });
    expect(navigate).toHaveBeenCalledWith('/clubs/c2');
  });

  it('shows a guest no Create club button, and a hint', async () => {
    const { fn } = fakeFetch({ 'GET /api/v1/clubs': () => [200, { items: [], nextCursor: null }] });
    const { app, root } = appWith(fn as unknown as typeof fetch, { id: 'g', username: null, displayName: 'G' });
    mountClubsPage(root, app);
    await flush();
    expect(button(root, 'Create club')).toBeNull();
    expect(root.textContent).toContain('Sign up');
  });
});

describe('a club page', () => {
  it('shows the club, its rooms and members; an ADMIN changes roles and removes members; Follow toggles', async () => {
    let following = false;
    const { fn, calls } = fakeFetch({
      [`GET /api/v1/clubs/${CLUB}`]: () => [200, club({ following })],
      [`GET /api/v1/clubs/${CLUB}/members`]: () => [200, { items: members, nextCursor: 'more' }],
      [`GET /api/v1/clubs/${CLUB}/members?cursor=more`]: () => [200, { items: [{ user: { id: 'u-ann', username: 'ann', displayName: 'Ann' }, role: 'MEMBER' }], nextCursor: null }],
      [`GET /api/v1/clubs/${CLUB}/rooms`]: () => [200, { items: [room('r1', { club: { id: CLUB, name: 'Jazz club' } })], nextCursor: null }],
      [`PUT /api/v1/clubs/${CLUB}/follow`]: () => {
        following = true;
        return [204, undefined];
      },
      [`PUT /api/v1/clubs/${CLUB}/members/u-max`]: () => [204, undefined],
      [`DELETE /api/v1/clubs/${CLUB}/members/u-max`]: () => [204, undefined],
    });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    mountClubPage(root, app, CLUB);
    await flush();
    expect(root.querySelector('h1')?.textContent).toBe('Jazz club');
    expect(root.querySelector('[data-testid="club-facts"]')?.textContent).toBe('Music · 2 members · 3 followers · founded by Lisa');
    expect(root.querySelector('[data-testid="club-rooms"] [data-room-id="r1"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="member-u-max"]')?.textContent).toContain('Max');
    // no removing oneself from the members list: leaving is its own button
    expect(root.querySelector('[data-testid="member-remove-u-me"]')).toBeNull();

    button(root, 'Make ADMIN: Max')!.click();
    await flush();
    expect(calls.find((c) => c[0] === `PUT /api/v1/clubs/${CLUB}/members/u-max`)?.[1]).toEqual({ role: 'ADMIN' });
    expect(root.querySelector('[data-testid="club-status"]')?.textContent).toBe('Max is now ADMIN.');
    button(root, 'Remove: Max')!.click();
    await flush();
    expect(calls.map((c) => c[0])).toContain(`DELETE /api/v1/clubs/${CLUB}/members/u-max`);

    button(root, 'More members')!.click();
    await flush();
    expect(root.querySelector('[data-testid="member-u-ann"]')).not.toBeNull();

    const follow = button(root, 'Follow')!;
    expect(follow.getAttribute('aria-pressed')).toBe('false');
    follow.click();
    await flush();
    expect(follow.textContent).toBe('Unfollow');
    expect(follow.getAttribute('aria-pressed')).toBe('true');

    button(root, 'Create room')!.click();
    await flush();
    const clubChoice = document.querySelector('dialog [data-testid="create-room-club"]') as HTMLSelectElement;
    expect(clubChoice.value).toBe(CLUB);
    document.querySelector('dialog')?.remove();
  });

  it('a plain member sees no role buttons and can leave; a conflict is told in plain words', async () => {
    const { fn } = fakeFetch({
      [`GET /api/v1/clubs/${CLUB}`]: () => [200, club({ myMembership: 'MEMBER' })],
      [`GET /api/v1/clubs/${CLUB}/members`]: () => [200, { items: members, nextCursor: null }],
      [`GET /api/v1/clubs/${CLUB}/rooms`]: () => [200, { items: [], nextCursor: null }],
      [`DELETE /api/v1/clubs/${CLUB}/members/${ME}`]: () => [409, { type: '/problems/conflict', title: 'Conflict', status: 409, detail: 'Name another ADMIN before you leave the club.' }],
    });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    mountClubPage(root, app, CLUB);
    await flush();
    expect(root.querySelector('[data-testid^="member-role-"]')).toBeNull();
    button(root, 'Leave club')!.click();
    await flush();
    expect(root.querySelector('[data-testid="club-error"]')?.textContent).toBe('Name another ADMIN before you leave the club.');
  });

  it('a non-member is told how membership works; a guest cannot follow', async () => {
    const routes = {
      [`GET /api/v1/clubs/${CLUB}`]: () => [200, club({ myMembership: null })] as [number, unknown],
      [`GET /api/v1/clubs/${CLUB}/members`]: () => [200, { items: members, nextCursor: null }] as [number, unknown],
      [`GET /api/v1/clubs/${CLUB}/rooms`]: () => [200, { items: [], nextCursor: null }] as [number, unknown],
    };
    const outsider = appWith(fakeFetch(routes).fn as unknown as typeof fetch);
    mountClubPage(outsider.root, outsider.app, CLUB);
    await flush();
    expect(outsider.root.querySelector('[data-testid="club-membership"]')?.textContent).toContain('ADMINs add members');
    expect(button(outsider.root, 'Create room')?.hidden).toBe(true);
    expect(button(outsider.root, 'Follow')?.hidden).toBe(false);

    const guest = appWith(fakeFetch(routes).fn as unknown as typeof fetch, { id: 'g', username: null, displayName: 'G' });
    mountClubPage(guest.root, guest.app, CLUB);
    await flush();
    expect(button(guest.root, 'Follow')?.hidden).toBe(true);
    expect(guest.root.querySelector('[data-testid="club-membership"]')?.textContent).toContain('Sign up');
  });
});
