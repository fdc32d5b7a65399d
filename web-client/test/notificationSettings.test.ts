// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetConfig } from '../src/api/config';
import { MemoryStorage } from '../src/auth/sessionStore';
import { mountNoticesPage } from '../src/pages/noticesPage';
import { PUSH_STORAGE_KEY, PUSH_WORKER_URL, stopPushOnSignOut, type PushBrowser } from '../src/push/webPush';
import { siteHeader } from '../src/ui/header';
import { notificationSettings } from '../src/ui/notificationSettings';
import { appWith, button, byLabel, fakeFetch, ME, type Route } from './appFakes';
import { flush } from './fakeTimers';

// the Firebase SDK's module boundary for web push: firebase/app and firebase/messaging
const sdk = vi.hoisted(() => ({
  initializeApp: vi.fn((options: Record<string, unknown>) => ({ name: '[DEFAULT]', options })),
  getApps: vi.fn((): unknown[] => []),
  isSupported: vi.fn(async () => true),
  getMessaging: vi.fn((app: unknown) => ({ app })),
  getToken: vi.fn(async (_messaging: unknown, _options: unknown) => 'fcm-token-1'),
  deleteToken: vi.fn(async (_messaging: unknown) => true),
}));
vi.mock('firebase/app', () => ({ initializeApp: sdk.initializeApp, getApps: sdk.getApps }));
vi.mock('firebase/messaging', () => ({ isSupported: sdk.isSupported, getMessaging: sdk.getMessaging, getToken: sdk.getToken, deleteToken: sdk.deleteToken }));

const FIREBASE = { apiKey: 'key', authDomain: 'demo-tribune.firebaseapp.com', projectId: 'demo-tribune', messagingSenderId: '42', appId: '1:42:web:abc', vapidKey: 'vapid-key' };
const config = (firebase: unknown, push: boolean): Route => () => [200, { providers: { default: 'mesh', active: ['mesh'] }, firebase, features: { push, firebaseSignIn: firebase !== null } }];
const ALL_ON = { roomLive: true, roomStarting: true, followedSpeaking: true, moderation: true };

/** A browser that can push: its permission, its worker registration and its localStorage, all in memory. */
function fakeBrowser(permission: NotificationPermission | null = 'default', answer: NotificationPermission = 'granted') {
  const registration = { scope: 'http://localhost/' } as unknown as ServiceWorkerRegistration;
  const state = { permission };
  const browser: PushBrowser & { registered: string[] } = {
    registered: [],
    permission: () => state.permission,
    requestPermission: vi.fn(async () => (state.permission = answer)),
    registerWorker: async (url) => {
      browser.registered.push(url);
      return registration;
    },
    findWorker: async () => (browser.registered.length > 0 || state.permission === 'granted' ? registration : null),
    storage: new MemoryStorage(),
  };
  return { browser, registration, state };
}

const q = (root: ParentNode, id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

async function press(target: HTMLButtonElement): Promise<void> {
  target.click();
  await vi.waitFor(() => expect(target.disabled).toBe(false));
}

describe('notification settings', () => {
  beforeEach(() => vi.clearAllMocks());
  afterEach(() => forgetConfig());

  it('shows the four switches as the service has them, and each change PUTs the whole settings', async () => {
    const { fn, calls } = fakeFetch({
      'GET /api/v1/config': config(null, false),
      'GET /api/v1/me/notification-settings': () => [200, { ...ALL_ON, followedSpeaking: false }],
      'PUT /api/v1/me/notification-settings': (body) => [200, body],
    });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    root.append(notificationSettings(app, fakeBrowser().browser));
    await flush();
    expect(root.querySelector('h2')?.textContent).toBe('Notification settings');
    const live = byLabel(root, 'Rooms going live')!;
    expect(live.getAttribute('role')).toBe('switch');
    expect(['Rooms going live', 'Room reminders', 'People you follow speaking', 'Moderation and reports'].map((l) => byLabel(root, l)?.checked)).toEqual([true, true, false, true]);
    live.checked = false;
    live.dispatchEvent(new Event('change'));
    expect(live.disabled).toBe(true);
    await flush();
    expect(calls).toContainEqual(['PUT /api/v1/me/notification-settings', { roomLive: false, roomStarting: true, followedSpeaking: false, moderation: true }]);
    expect(live.disabled).toBe(false);
    expect(q(root, 'settings-saved')?.textContent).toBe('Saved.');
    const speaking = byLabel(root, 'People you follow speaking')!;
    speaking.checked = true;
    speaking.dispatchEvent(new Event('change'));
    await flush();
    expect(calls.at(-1)).toEqual(['PUT /api/v1/me/notification-settings', { roomLive: false, roomStarting: true, followedSpeaking: true, moderation: true }]);
    // no push controls without Firebase
    expect(q(root, 'push-settings')?.hidden).toBe(true);
    expect(button(root, 'Turn on push notifications')).toBeNull();
  });

  it('puts a switch back and says why when the service refuses the change', async () => {
    const { fn } = fakeFetch({
      'GET /api/v1/config': config(null, false),
      'GET /api/v1/me/notification-settings': () => [200, ALL_ON],
      'PUT /api/v1/me/notification-settings': () => [400, { type: '/problems/validation', title: 'Bad request', status: 400, detail: 'moderation must be true or false' }],
    });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    root.append(notificationSettings(app, fakeBrowser().browser));
    await flush();
    const moderation = byLabel(root, 'Moderation and reports')!;
    moderation.checked = false;
    moderation.dispatchEvent(new Event('change'));
    await flush();
    expect(moderation.checked).toBe(true);
    expect(q(root, 'settings-error')?.hidden).toBe(false);
    expect(q(root, 'settings-error')?.textContent).toBe('Your settings could not be saved: moderation must be true or false.');
  });

  it('offers push only when the service can push (features.push)', async () => {
    const { fn } = fakeFetch({ 'GET /api/v1/config': config(FIREBASE, false), 'GET /api/v1/me/notification-settings': () => [200, ALL_ON] });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    root.append(notificationSettings(app, fakeBrowser().browser));
    await flush();
    expect(button(root, 'Turn on push notifications')).toBeNull();
  });

  it('turns push on: permission, our worker, the FCM token for our VAPID key, POSTed as WEB and remembered; then off again', async () => {
    const { fn, calls } = fakeFetch({
      'GET /api/v1/config': config(FIREBASE, true),
      'GET /api/v1/me/notification-settings': () => [200, ALL_ON],
      'POST /api/v1/me/push-tokens': () => [201, undefined],
      'DELETE /api/v1/me/push-tokens/fcm-token-1': () => [204, undefined],
    });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    const { browser, registration } = fakeBrowser();
    root.append(notificationSettings(app, browser));
    await flush();
    expect(q(root, 'push-status')?.textContent).toBe('Push notifications are off in this browser.');
    expect(sdk.initializeApp).not.toHaveBeenCalled();

    await press(button(root, 'Turn on push notifications')!);
    expect(browser.requestPermission).toHaveBeenCalledTimes(1);
    expect(browser.registered).toEqual([PUSH_WORKER_URL]);
    expect(sdk.getToken).toHaveBeenCalledWith(expect.anything(), { vapidKey: 'vapid-key', serviceWorkerRegistration: registration });
    expect(calls).toContainEqual(['POST /api/v1/me/push-tokens', { token: 'fcm-token-1', platform: 'WEB' }]);
    expect(JSON.parse(browser.storage.getItem(PUSH_STORAGE_KEY)!)).toEqual({ token: 'fcm-token-1', userId: ME });
    expect(q(root, 'push-status')?.textContent).toBe('Push notifications are on in this browser.');
    expect(q(root, 'push-error')?.hidden).toBe(true);

    await press(button(root, 'Turn off push notifications')!);
    expect(calls.map((c) => c[0])).toContain('DELETE /api/v1/me/push-tokens/fcm-token-1');
    expect(sdk.deleteToken).toHaveBeenCalledTimes(1);
    expect(browser.storage.getItem(PUSH_STORAGE_KEY)).toBeNull();
    expect(q(root, 'push-status')?.textContent).toBe('Push notifications are off in this browser.');
    expect(button(root, 'Turn on push notifications')).not.toBeNull();
  });

  it('says so when the person does not allow notifications, and asks nothing of Firebase or Tribune', async () => {
    const { fn, called } = fakeFetch({ 'GET /api/v1/config': config(FIREBASE, true), 'GET /api/v1/me/notification-settings': () => [200, ALL_ON] });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    const { browser } = fakeBrowser('default', 'denied');
    root.append(notificationSettings(app, browser));
    await flush();
    await press(button(root, 'Turn on push notifications')!);
    expect(q(root, 'push-error')?.textContent).toBe('Notifications are blocked for this site. Allow them in the browser’s site settings, then try again.');
    expect(q(root, 'push-status')?.textContent).toBe('Notifications are blocked for this site. Allow them in the browser’s site settings to turn push on.');
    expect(sdk.getToken).not.toHaveBeenCalled();
    expect(called('POST /api/v1/me/push-tokens')).toEqual([]);
    expect(browser.storage.getItem(PUSH_STORAGE_KEY)).toBeNull();
  });

  it('keeps push off and says why when Tribune refuses the token', async () => {
    const { fn } = fakeFetch({
      'GET /api/v1/config': config(FIREBASE, true),
      'GET /api/v1/me/notification-settings': () => [200, ALL_ON],
      'POST /api/v1/me/push-tokens': () => [403, { type: '/problems/forbidden', title: 'Forbidden', status: 403, detail: 'Guests cannot receive push notifications' }],
    });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    const { browser } = fakeBrowser();
    root.append(notificationSettings(app, browser));
    await flush();
    await press(button(root, 'Turn on push notifications')!);
    expect(q(root, 'push-error')?.textContent).toBe('Tribune did not take this browser’s push token: Guests cannot receive push notifications.');
    expect(browser.storage.getItem(PUSH_STORAGE_KEY)).toBeNull();
    expect(button(root, 'Turn on push notifications')).not.toBeNull();
  });

  it('says when Firebase gives no token (an unsupported browser) and when the browser has no push at all', async () => {
    const { fn } = fakeFetch({ 'GET /api/v1/config': config(FIREBASE, true), 'GET /api/v1/me/notification-settings': () => [200, ALL_ON] });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    root.append(notificationSettings(app, fakeBrowser().browser));
    await flush();
    sdk.isSupported.mockResolvedValueOnce(false);
    await press(button(root, 'Turn on push notifications')!);
    expect(q(root, 'push-error')?.textContent).toBe('This browser cannot receive push notifications.');

    forgetConfig();
    const other = appWith(fn as unknown as typeof fetch);
    other.root.append(notificationSettings(other.app, fakeBrowser(null).browser));
    await flush();
    expect(q(other.root, 'push-status')?.textContent).toBe('This browser cannot receive push notifications.');
    expect(q(other.root, 'push-toggle')?.hidden).toBe(true);
  });

  it('remembers push per browser and account: another account signed in here sees it off', async () => {
    const { fn } = fakeFetch({ 'GET /api/v1/config': config(FIREBASE, true), 'GET /api/v1/me/notification-settings': () => [200, ALL_ON] });
    const { browser } = fakeBrowser('granted');
    browser.storage.setItem(PUSH_STORAGE_KEY, JSON.stringify({ token: 't', userId: ME }));
    const mine = appWith(fn as unknown as typeof fetch);
    mine.root.append(notificationSettings(mine.app, browser));
    await flush();
    expect(button(mine.root, 'Turn off push notifications')).not.toBeNull();
    const theirs = appWith(fn as unknown as typeof fetch, { id: 'u-other', username: 'omar', displayName: 'Omar' });
    theirs.root.append(notificationSettings(theirs.app, browser));
    await flush();
    expect(button(theirs.root, 'Turn on push notifications')).not.toBeNull();
  });

  it('is on the notices page for accounts, not for guests', async () => {
    const routes = {
      'GET /api/v1/config': config(null, false),
      'GET /api/v1/me/notification-settings': () => [200, ALL_ON] as [number, unknown],
      'GET /api/v1/me/notices': () => [200, { items: [], nextCursor: null }] as [number, unknown],
      'GET /api/v1/me/reports': () => [200, { items: [], nextCursor: null }] as [number, unknown],
    };
    const account = appWith(fakeFetch(routes).fn as unknown as typeof fetch);
    mountNoticesPage(account.root, account.app);
    await flush();
    expect(q(account.root, 'notification-settings')).not.toBeNull();
    const guest = fakeFetch(routes);
    const g = appWith(guest.fn as unknown as typeof fetch, { id: 'g1', username: null, displayName: 'Gus' });
    mountNoticesPage(g.root, g.app);
    await flush();
    expect(q(g.root, 'notification-settings')).toBeNull();
    expect(guest.called('GET /api/v1/me/notification-settings')).toEqual([]);
  });

  it('signing out stops this browser’s pushes for that account (DELETE while the session works), then signs out', async () => {
    vi.stubGlobal('localStorage', new MemoryStorage());
    try {
      localStorage.setItem(PUSH_STORAGE_KEY, JSON.stringify({ token: 'fcm-token-1', userId: ME }));
      const { fn, calls } = fakeFetch({
        'GET /api/v1/me/notices': () => [200, { items: [], nextCursor: null }],
        'DELETE /api/v1/me/push-tokens/fcm-token-1': () => [204, undefined],
      });
      const { app, root, signOut } = appWith(fn as unknown as typeof fetch);
      root.append(siteHeader(app));
      button(root, 'Sign out')!.click();
      await vi.waitFor(() => expect(signOut).toHaveBeenCalledWith('/'));
      expect(calls.map((c) => c[0])).toContain('DELETE /api/v1/me/push-tokens/fcm-token-1');
      expect(localStorage.getItem(PUSH_STORAGE_KEY)).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('signing out leaves another account’s push alone, and a failed DELETE does not stop the sign-out', async () => {
    const storage = new MemoryStorage();
    storage.setItem(PUSH_STORAGE_KEY, JSON.stringify({ token: 't-other', userId: 'u-other' }));
    const { fn, called } = fakeFetch({});
    const { app } = appWith(fn as unknown as typeof fetch);
    await stopPushOnSignOut(app.api, ME, storage);
    expect(called('DELETE')).toEqual([]);
    expect(storage.getItem(PUSH_STORAGE_KEY)).not.toBeNull();
    const failing = fakeFetch({ 'DELETE /api/v1/me/push-tokens/t-other': () => [503, { type: '/problems/unavailable', title: 'Unavailable', status: 503 }] });
    await expect(stopPushOnSignOut(appWith(failing.fn as unknown as typeof fetch).app.api, 'u-other', storage)).resolves.toBeUndefined();
    expect(storage.getItem(PUSH_STORAGE_KEY)).toBeNull();
  });
});
