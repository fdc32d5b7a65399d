// @vitest-environment jsdom
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { mountAccountPage } from '../src/pages/accountPage';
import { mountClubPage } from '../src/pages/clubPage';
import { forgetConfig } from '../src/api/config';
import { mountHallwayPage } from '../src/pages/hallwayPage';
import { mountNoticesPage } from '../src/pages/noticesPage';
import { mountSignInPage } from '../src/pages/signInPage';
import { appWith, button, fakeFetch, ME, room } from './appFakes';
import { flush } from './fakeTimers';

const club = { id: 'c1', name: 'Jazz club', description: 'Late sets', topic: { id: 't1', name: 'Music' }, founder: null, followerCount: 1, memberCount: 2, myMembership: 'ADMIN', following: false };
const routes = {
  'GET /api/v1/rooms': () => [200, { items: [room('r1', { club: { id: 'c1', name: 'Jazz club' } })], nextCursor: null }] as [number, unknown],
  'GET /api/v1/me': () => [200, { id: ME, username: 'lisa', displayName: 'Lisa', guest: false, bio: null, staffRole: null, adminOfClubs: [{ id: 'c1', name: 'Jazz club' }] }] as [number, unknown],
  'GET /api/v1/me/notices': () => [200, { items: [{ id: 'n1', kind: 'ROOM_LIVE', at: '2026-12-01T10:00:00Z', read: false, data: {} }], nextCursor: null }] as [number, unknown],
  'GET /api/v1/config': () => [200, { providers: { default: 'mesh', active: ['mesh', 'livekit'] } }] as [number, unknown],
  'GET /api/v1/clubs/c1': () => [200, club] as [number, unknown],
  'GET /api/v1/clubs/c1/members': () => [200, { items: [{ user: { id: ME, username: 'lisa', displayName: 'Lisa' }, role: 'ADMIN' }, { user: { id: 'u2', username: 'max', displayName: 'Max' }, role: 'MEMBER' }], nextCursor: null }] as [number, unknown],
  'GET /api/v1/clubs/c1/rooms': () => [200, { items: [room('r1')], nextCursor: null }] as [number, unknown],
};

/** Critical and serious axe violations (jsdom cannot judge colour contrast; the browser tests do). */
async function serious(): Promise<string[]> {
  const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

// axe walks the whole DOM: seconds in jsdom, more while the suite's other files run beside it
describe('accessibility (axe in jsdom)', { timeout: 30_000 }, () => {
  it('the hallway and its create-room dialog', async () => {
    const { app, root } = appWith(fakeFetch(routes).fn as unknown as typeof fetch);
    mountHallwayPage(root, app);
    await flush();
    expect(await serious()).toEqual([]);
    button(root, 'Create room')!.click();
    await flush();
    expect(await serious()).toEqual([]);
    document.querySelector('dialog')?.remove();
  });

  it('a club page and the account page', async () => {
    const { app, root } = appWith(fakeFetch(routes).fn as unknown as typeof fetch);
    mountClubPage(root, app, 'c1');
    await flush();
    expect(await serious()).toEqual([]);
    mountAccountPage(root, app);
    await flush();
    expect(await serious()).toEqual([]);
  });

  it('with Firebase on: the sign-in page with Continue with Google, the account page with Link Google account, and the notices page with its settings and push', async () => {
    forgetConfig();
    const firebase = { apiKey: 'k', authDomain: 'demo.firebaseapp.com', projectId: 'demo-tribune', messagingSenderId: '1', appId: '1:1:web:1', vapidKey: 'v' };
    const { app, root } = appWith(
      fakeFetch({
        ...routes,
        'GET /api/v1/config': () => [200, { providers: { default: 'mesh', active: ['mesh'] }, firebase, features: { firebaseSignIn: true, push: true } }],
        'GET /api/v1/me/notices': () => [200, { items: [{ id: 'n1', kind: 'ROOM_LIVE', at: '2026-12-01T10:00:00Z', read: true, data: { roomId: 'r1', roomName: 'Open mic', hostName: 'Hana' } }], nextCursor: null }],
        'GET /api/v1/me/reports': () => [200, { items: [], nextCursor: null }],
        'GET /api/v1/me/notification-settings': () => [200, { roomLive: true, roomStarting: false, followedSpeaking: true, moderation: true }],
      }).fn as unknown as typeof fetch,
    );
    try {
      mountSignInPage(root, app, '/');
      await flush();
      expect(button(root, 'Continue with Google')).not.toBeNull();
      expect(await serious()).toEqual([]);
      mountAccountPage(root, app);
      await flush();
      expect(button(root, 'Link Google account')).not.toBeNull();
      expect(await serious()).toEqual([]);
      mountNoticesPage(root, app);
      await flush();
      expect(root.querySelector('[data-testid="notification-settings"]')).not.toBeNull();
      expect(await serious()).toEqual([]);
    } finally {
      forgetConfig();
    }
  });
});
