// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { matchRoute, needsSession, Router, safeNext, signInPath } from '../src/router';

const ROOM = '0190a0b0-1234-7abc-8def-000000000001';

describe('routes', () => {
  it('matches the hallway, sign-in and room pages', () => {
    expect(matchRoute('/')).toEqual({ name: 'hallway' });
    expect(matchRoute(`/rooms/${ROOM}`)).toEqual({ name: 'room', roomId: ROOM });
    expect(matchRoute(`/rooms/${ROOM.toUpperCase()}/`)).toEqual({ name: 'room', roomId: ROOM });
    expect(matchRoute('/signin', `?next=${encodeURIComponent(`/rooms/${ROOM}`)}`)).toEqual({ name: 'signin', next: `/rooms/${ROOM}` });
    expect(matchRoute('/rooms/')).toEqual({ name: 'not-found', path: '/rooms/' });
    expect(matchRoute('/rooms/not a room')).toMatchObject({ name: 'not-found' });
    expect(matchRoute('/notices')).toEqual({ name: 'notices' });
    expect(matchRoute('/moderation/')).toEqual({ name: 'moderation' });
    expect(needsSession({ name: 'notices' })).toBe(true);
  });

  it('matches the clubs, club, profile and account pages', () => {
    expect(matchRoute('/clubs')).toEqual({ name: 'clubs' });
    expect(matchRoute('/clubs/')).toEqual({ name: 'clubs' });
    expect(matchRoute(`/clubs/${ROOM.toUpperCase()}`)).toEqual({ name: 'club', clubId: ROOM });
    expect(matchRoute(`/users/${ROOM}/`)).toEqual({ name: 'user', userId: ROOM });
    expect(matchRoute('/account')).toEqual({ name: 'account' });
    expect(matchRoute('/users/')).toMatchObject({ name: 'not-found' });
    expect(matchRoute('/clubs/not a club')).toMatchObject({ name: 'not-found' });
    expect(needsSession({ name: 'account' })).toBe(true);
  });

  it('only sends people on to paths of this site after signing in', () => {
    expect(safeNext(`/rooms/${ROOM}`)).toBe(`/rooms/${ROOM}`);
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('/signin?next=/x')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });

  it('builds the sign-in path with next, and knows which pages need a session', () => {
    expect(signInPath(`/rooms/${ROOM}`)).toBe(`/signin?next=${encodeURIComponent(`/rooms/${ROOM}`)}`);
    expect(signInPath('/')).toBe('/signin');
    expect(needsSession({ name: 'signin', next: '/' })).toBe(false);
    expect(needsSession({ name: 'room', roomId: ROOM })).toBe(true);
  });
});

describe('Router', () => {
  it('navigates with the history API, answers back, and turns same-site link clicks into navigations', () => {
    window.history.replaceState({}, '', '/');
    const router = new Router(window);
    const seen = vi.fn();
    router.start(seen);
    expect(seen).toHaveBeenLastCalledWith({ name: 'hallway' }, {});

    router.navigate(`/rooms/${ROOM}`, { state: { autoJoin: true } });
    expect(window.location.pathname).toBe(`/rooms/${ROOM}`);
    expect(seen).toHaveBeenLastCalledWith({ name: 'room', roomId: ROOM }, { autoJoin: true });

    window.history.replaceState({}, '', '/');
    const link = document.createElement('a');
    link.href = `/rooms/${ROOM}`;
    link.dataset.autojoin = 'true';
    document.body.append(link);
    link.click();
    expect(window.location.pathname).toBe(`/rooms/${ROOM}`);
    expect(seen).toHaveBeenLastCalledWith({ name: 'room', roomId: ROOM }, { autoJoin: true });

    const external = document.createElement('a');
    external.href = 'https://elsewhere.example/page';
    document.body.append(external);
    const calls = seen.mock.calls.length;
    let leftToTheBrowser: boolean | null = null;
    document.addEventListener('click', (e) => {
      leftToTheBrowser = !e.defaultPrevented; // after the router's own listener
      e.preventDefault(); // jsdom cannot leave the page
    });
    external.click();
    expect(leftToTheBrowser).toBe(true);
    expect(seen.mock.calls.length).toBe(calls);
  });
});
