// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetConfig } from '../src/api/config';
import { mountAccountPage } from '../src/pages/accountPage';
import { mountSignInPage } from '../src/pages/signInPage';
import { siteHeader } from '../src/ui/header';
import { appWith, button, fakeFetch, ME } from './appFakes';
import { flush } from './fakeTimers';

// the Firebase SDK's module boundary: what Tribune asks of firebase/app and firebase/auth, and what it hands over
const sdk = vi.hoisted(() => ({
  initializeApp: vi.fn((options: Record<string, unknown>) => ({ name: '[DEFAULT]', options })),
  getApps: vi.fn((): unknown[] => []),
  getAuth: vi.fn((app: unknown) => ({ app })),
  connectAuthEmulator: vi.fn(),
  signInWithPopup: vi.fn(async (_auth: unknown, _provider: unknown): Promise<unknown> => ({ user: { getIdToken: async () => 'firebase-id-token' } })),
  signInWithCredential: vi.fn(async (_auth: unknown, _credential: unknown): Promise<unknown> => ({ user: { getIdToken: async () => 'emulated-id-token' } })),
  signOut: vi.fn(async () => undefined),
  GoogleAuthProvider: class {
    readonly providerId = 'google.com';
    static credential(idToken: string): { idToken: string } {
      return { idToken };
    }
  },
}));
vi.mock('firebase/app', () => ({ initializeApp: sdk.initializeApp, getApps: sdk.getApps }));
vi.mock('firebase/auth', () => ({
  getAuth: sdk.getAuth,
  connectAuthEmulator: sdk.connectAuthEmulator,
  signInWithPopup: sdk.signInWithPopup,
  signInWithCredential: sdk.signInWithCredential,
  signOut: sdk.signOut,
  GoogleAuthProvider: sdk.GoogleAuthProvider,
}));

const FIREBASE = { apiKey: 'key', authDomain: 'demo-tribune.firebaseapp.com', projectId: 'demo-tribune', messagingSenderId: '42', appId: '1:42:web:abc', vapidKey: 'vapid', authEmulatorUrl: null };
const configWith = (firebase: unknown, features: Record<string, unknown> = {}) => () =>
  [200, { providers: { default: 'mesh', active: ['mesh'] }, firebase, features: { guests: true, firebaseSignIn: firebase !== null, push: firebase !== null, ...features } }] as [number, unknown];
const session = (id: string, username: string | null, accessToken = 'tribune-access') => ({ accessToken, refreshToken: 'tribune-refresh', expiresAt: '2026-12-05T12:00:00Z', user: { id, username, displayName: 'Lisa' } });
const problem = (status: number, type: string, detail: string) => (_body?: unknown, _url?: string) => [status, { type, title: 'Problem', status, detail }] as [number, unknown];

/** Clicks the button and waits until its work is done (it is disabled while it runs: the SDK loads on demand). */
async function press(root: HTMLElement, name: string): Promise<void> {
  const target = button(root, name)!;
  target.click();
  expect(target.disabled).toBe(true);
  await vi.waitFor(() => expect(target.disabled).toBe(false));
}

const q = (root: ParentNode, id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const authorization = (fn: ReturnType<typeof fakeFetch>['fn'], call: string) => {
  const found = fn.mock.calls.find(([url, init]) => `${init.method} ${url}` === call);
  return (found?.[1].headers as Record<string, string> | undefined)?.Authorization ?? null;
};

/** The sign-in page with the Auth emulator, after a click on Continue with Google: the made-up account form. */
async function emulatedAccountForm(fn: ReturnType<typeof fakeFetch>['fn']) {
  const { app, root } = appWith(fn as unknown as typeof fetch);
  app.session.set(null);
  mountSignInPage(root, app, '/');
  await flush();
  button(root, 'Continue with Google')?.click();
  const dialog = await vi.waitFor(() => {
    const found = document.querySelector<HTMLDialogElement>('[data-testid="emulated-google-dialog"]');
    expect(found).not.toBeNull();
    return found as HTMLDialogElement;
  });
  return { app, root, dialog };
}

describe('Continue with Google on the sign-in page', () => {
  beforeEach(() => vi.clearAllMocks());
  afterEach(() => forgetConfig());

  it('is not there when the service has no Firebase, and the SDK is never loaded', async () => {
    const { fn } = fakeFetch({ 'GET /api/v1/config': configWith(null) });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    app.session.set(null);
    mountSignInPage(root, app, '/');
    await flush();
    expect(button(root, 'Continue with Google')).toBeNull();
    expect(q(root, 'signin-submit')).not.toBeNull();
    expect(sdk.initializeApp).not.toHaveBeenCalled();
  });

  it('signs in with Google in a popup, exchanges the ID token without a bearer, and goes on', async () => {
    const { fn, calls } = fakeFetch({
      'GET /api/v1/config': configWith(FIREBASE),
      'POST /api/v1/auth/firebase': () => [200, session('u-new', 'lisa.m')],
    });
    const { app, root, navigate } = appWith(fn as unknown as typeof fetch);
    app.session.set(null);
    mountSignInPage(root, app, '/rooms/r1');
    await flush();
    await press(root, 'Continue with Google');
    expect(sdk.initializeApp).toHaveBeenCalledWith({ apiKey: 'key', authDomain: 'demo-tribune.firebaseapp.com', projectId: 'demo-tribune', appId: '1:42:web:abc', messagingSenderId: '42' });
    expect(sdk.signInWithPopup.mock.calls[0]?.[1]).toBeInstanceOf(sdk.GoogleAuthProvider);
    expect(calls).toContainEqual(['POST /api/v1/auth/firebase', { idToken: 'firebase-id-token' }]);
    expect(authorization(fn, 'POST /api/v1/auth/firebase')).toBeNull();
    expect(app.session.get()?.user.id).toBe('u-new');
    expect(navigate).toHaveBeenCalledWith('/rooms/r1', { replace: true });
  });

  it('with the Auth emulator, asks in the page which made-up Google account to be (no popup: it needs Google’s scripts) and signs in with it there', async () => {
    const { fn, calls } = fakeFetch({
      'GET /api/v1/config': configWith({ ...FIREBASE, authEmulatorUrl: 'http://127.0.0.1:9099' }),
      'POST /api/v1/auth/firebase': () => [200, session('u-emu', 'ada')],
    });
    const { app, root, dialog } = await emulatedAccountForm(fn);
    expect(dialog.textContent).toContain('Google account (emulator)');
    (dialog.querySelector('[data-testid="emulated-google-email"]') as HTMLInputElement).value = 'Ada@Example.com';
    (dialog.querySelector('[data-testid="emulated-google-name"]') as HTMLInputElement).value = 'Ada Lovelace';
    (dialog.querySelector('form') as HTMLFormElement).requestSubmit();
    await vi.waitFor(() => expect(app.session.get()?.user.id).toBe('u-emu'));
    expect(sdk.connectAuthEmulator).toHaveBeenCalledWith(expect.anything(), 'http://127.0.0.1:9099', { disableWarnings: true });
    expect(sdk.signInWithPopup).not.toHaveBeenCalled();
    const credential = sdk.signInWithCredential.mock.calls[0]?.[1] as { idToken: string };
    expect(JSON.parse(credential.idToken)).toEqual({ sub: 'emulated-ada@example.com', email: 'ada@example.com', email_verified: true, name: 'Ada Lovelace' });
    expect(calls).toContainEqual(['POST /api/v1/auth/firebase', { idToken: 'emulated-id-token' }]);
    expect(document.querySelector('[data-testid="emulated-google-dialog"]')).toBeNull();
  });

  it('with the Auth emulator, cancelling the account form is like closing Google’s window: nothing is sent or said', async () => {
    const { fn, calls } = fakeFetch({ 'GET /api/v1/config': configWith({ ...FIREBASE, authEmulatorUrl: 'http://127.0.0.1:9099' }) });
    const { app, root, dialog } = await emulatedAccountForm(fn);
    button(dialog, 'Cancel')?.click();
    await flush();
    expect(document.querySelector('[data-testid="emulated-google-dialog"]')).toBeNull();
    expect(calls.some(([call]) => call === 'POST /api/v1/auth/firebase')).toBe(false);
    expect((q(root, 'signin-error') as HTMLElement | null)?.hidden ?? true).toBe(true);
  });

  it('sets Firebase Auth up as soon as the button shows, so the click opens the popup at once; once for many clicks', async () => {
    const { fn } = fakeFetch({ 'GET /api/v1/config': configWith({ ...FIREBASE, apiKey: 'key-set-up-once' }), 'POST /api/v1/auth/firebase': () => [401, { type: '/problems/unauthorized', title: 'Unauthorized', status: 401 }] });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    app.session.set(null);
    mountSignInPage(root, app, '/');
    await flush();
    await vi.waitFor(() => expect(sdk.getAuth).toHaveBeenCalledTimes(1));
    expect(sdk.signInWithPopup).not.toHaveBeenCalled();
    await press(root, 'Continue with Google');
    await press(root, 'Continue with Google');
    expect(sdk.signInWithPopup).toHaveBeenCalledTimes(2);
    expect(sdk.getAuth).toHaveBeenCalledTimes(1);
  });

  it('does not call the emulator when the config names none', async () => {
    const { fn } = fakeFetch({ 'GET /api/v1/config': configWith(FIREBASE), 'POST /api/v1/auth/firebase': () => [200, session('u-new', 'lisa')] });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    app.session.set(null);
    mountSignInPage(root, app, '/');
    await flush();
    await press(root, 'Continue with Google');
    expect(sdk.connectAuthEmulator).not.toHaveBeenCalled();
    expect(app.session.get()?.user.username).toBe('lisa');
  });

  it('sends a guest’s bearer, so the guest account becomes the Google one and keeps its place in the room', async () => {
    const { fn } = fakeFetch({ 'GET /api/v1/config': configWith(FIREBASE), 'POST /api/v1/auth/firebase': () => [200, session('g1', 'gus', 'fresh')] });
    const { app, root, navigate } = appWith(fn as unknown as typeof fetch, { id: 'g1', username: null, displayName: 'Gus' });
    app.session.set(session('g1', null, 'guest-access'));
    mountSignInPage(root, app, '/rooms/r1');
    await flush();
    expect(root.textContent).toContain('Your guest account becomes your Google account.');
    // the refresher replaced the guest's tokens while the page was open: the one of the click goes
    app.session.set(session('g1', null, 'guest-access-2'));
    await press(root, 'Continue with Google');
    expect(authorization(fn, 'POST /api/v1/auth/firebase')).toBe('Bearer guest-access-2');
    expect(app.session.get()).toMatchObject({ accessToken: 'fresh', user: { id: 'g1', username: 'gus' } });
    expect(navigate).toHaveBeenCalledWith('/rooms/r1', { replace: true });
  });

  it('says in words why the service refused: 401, 503 with its wait, and a suspended account is told why', async () => {
    const answers = [
      problem(401, '/problems/unauthorized', 'The ID token has expired'),
      () => [503, { type: '/problems/provider-unavailable', title: 'Unavailable', status: 503, detail: 'Firebase did not answer' }] as [number, unknown],
    ];
    let next = 0;
    const { fn } = fakeFetch({ 'GET /api/v1/config': configWith(FIREBASE), 'POST /api/v1/auth/firebase': (body, url) => answers[next++]!(body, url) });
    const retrying: typeof fetch = async (input, init) => {
      const response = await (fn as unknown as typeof fetch)(input, init);
      if (response.status !== 503) return response;
      return new Response(await response.text(), { status: 503, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '30' } });
    };
    const { app, root } = appWith(retrying);
    app.session.set(null);
    mountSignInPage(root, app, '/');
    await flush();
    const google = button(root, 'Continue with Google')!;
    await press(root, 'Continue with Google');
    expect(q(root, 'signin-error')?.hidden).toBe(false);
    expect(q(root, 'signin-error')?.textContent).toBe('Tribune could not verify your Google sign-in (The ID token has expired). Try again.');
    expect(app.session.get()).toBeNull();
    await press(root, 'Continue with Google');
    expect(q(root, 'signin-error')?.textContent).toBe('Google sign-in is unavailable right now. Try again in 30 seconds.');
    expect(google.disabled).toBe(false);
  });

  it('a suspended account signing in with Google reads why, as with a password', async () => {
    const { fn } = fakeFetch({
      'GET /api/v1/config': configWith(FIREBASE),
      'POST /api/v1/auth/firebase': () => [403, { type: '/problems/suspended', title: 'Suspended', status: 403, detail: 'This account is suspended.', until: null, reason: 'Threats in chat', appealToken: null }],
    });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    app.session.set(null);
    mountSignInPage(root, app, '/');
    await flush();
    await press(root, 'Continue with Google');
    expect(q(root, 'suspended-reason')?.textContent).toBe('Why: Threats in chat');
  });

  it('says nothing when the person closes the Google window, and names a blocked pop-up', async () => {
    const { fn, called } = fakeFetch({ 'GET /api/v1/config': configWith(FIREBASE) });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    app.session.set(null);
    mountSignInPage(root, app, '/');
    await flush();
    sdk.signInWithPopup.mockRejectedValueOnce(Object.assign(new Error('closed'), { code: 'auth/popup-closed-by-user' }));
    await press(root, 'Continue with Google');
    expect(q(root, 'signin-error')?.hidden).toBe(true);
    sdk.signInWithPopup.mockRejectedValueOnce(Object.assign(new Error('blocked'), { code: 'auth/popup-blocked' }));
    await press(root, 'Continue with Google');
    expect(q(root, 'signin-error')?.textContent).toBe('The browser blocked the Google window. Allow pop-ups for this site and try again.');
    expect(called('POST /api/v1/auth/firebase')).toEqual([]);
  });
});

describe('Link Google account on the Account page', () => {
  beforeEach(() => vi.clearAllMocks());
  afterEach(() => forgetConfig());
  const me = () => [200, { id: ME, username: 'lisa', displayName: 'Lisa', guest: false, bio: null }] as [number, unknown];

  it('is offered only with Firebase on', async () => {
    const { fn } = fakeFetch({ 'GET /api/v1/config': configWith(null), 'GET /api/v1/me': me, 'GET /api/v1/me/notices': () => [200, { items: [], nextCursor: null }] });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    mountAccountPage(root, app);
    await flush();
    expect(button(root, 'Link Google account')).toBeNull();
  });

  it('links with the account’s bearer and keeps the session it answers', async () => {
    const { fn } = fakeFetch({
      'GET /api/v1/config': configWith(FIREBASE),
      'GET /api/v1/me': me,
      'GET /api/v1/me/notices': () => [200, { items: [], nextCursor: null }],
      'POST /api/v1/auth/firebase': () => [200, session(ME, 'lisa', 'linked-access')],
    });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    mountAccountPage(root, app);
    await flush();
    expect(root.querySelector('#google-heading')?.textContent).toBe('Google account');
    await press(root, 'Link Google account');
    expect(authorization(fn, 'POST /api/v1/auth/firebase')).toBe('Bearer a');
    expect(app.session.get()?.accessToken).toBe('linked-access');
    expect(q(root, 'google-link-status')?.textContent).toBe('Google account linked. You can sign in with Google from now on.');
  });

  it('says so when the Google account belongs to someone else (409), and stays signed in', async () => {
    const { fn } = fakeFetch({
      'GET /api/v1/config': configWith(FIREBASE),
      'GET /api/v1/me': me,
      'GET /api/v1/me/notices': () => [200, { items: [], nextCursor: null }],
      'POST /api/v1/auth/firebase': problem(409, '/problems/conflict', 'That Google account is linked to another account'),
    });
    const { app, root, signOut } = appWith(fn as unknown as typeof fetch);
    mountAccountPage(root, app);
    await flush();
    await press(root, 'Link Google account');
    expect(q(root, 'google-link-error')?.hidden).toBe(false);
    expect(q(root, 'google-link-error')?.textContent).toBe(
      'This Google account is already linked to another Tribune account, or this account to another Google account (That Google account is linked to another account).',
    );
    expect(app.session.get()?.accessToken).toBe('a');
    expect(signOut).not.toHaveBeenCalled();
  });
});

describe('Continue with Google in a guest’s header (in a room, without leaving it)', () => {
  beforeEach(() => vi.clearAllMocks());
  afterEach(() => forgetConfig());
  const notices = () => [200, { items: [], nextCursor: null }] as [number, unknown];

  it('turns the guest into the Google account in place: same id, the guest’s bearer sent, the header shows the account', async () => {
    const { fn } = fakeFetch({
      'GET /api/v1/config': configWith(FIREBASE),
      'GET /api/v1/me/notices': notices,
      'GET /api/v1/me': () => [200, { id: 'g1', username: 'gus', displayName: 'Gus', guest: false }],
      'POST /api/v1/auth/firebase': () => [200, { ...session('g1', 'gus', 'fresh'), user: { id: 'g1', username: 'gus', displayName: 'Gus' } }],
    });
    const { app, root, navigate } = appWith(fn as unknown as typeof fetch, { id: 'g1', username: null, displayName: 'Gus' });
    app.session.set(session('g1', null, 'guest-access'));
    root.append(siteHeader(app));
    await flush();
    expect(root.textContent).toContain('(guest)');
    await press(root, 'Continue with Google');
    expect(authorization(fn, 'POST /api/v1/auth/firebase')).toBe('Bearer guest-access');
    expect(app.session.get()?.user).toEqual({ id: 'g1', username: 'gus', displayName: 'Gus' });
    expect(root.querySelector('[data-testid="me-link"]')?.textContent).toBe('Gus');
    expect(root.textContent).not.toContain('(guest)');
    expect(button(root, 'Continue with Google')).toBeNull();
    expect(root.querySelectorAll('header')).toHaveLength(1);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('when that Google user has an account already, the page starts again as that account', async () => {
    const { fn } = fakeFetch({
      'GET /api/v1/config': configWith(FIREBASE),
      'GET /api/v1/me/notices': notices,
      'POST /api/v1/auth/firebase': () => [200, session('u-existing', 'lisa')],
    });
    const { app, root, navigate } = appWith(fn as unknown as typeof fetch, { id: 'g1', username: null, displayName: 'Gus' });
    Object.assign(app.router, { currentPath: '/rooms/r1' });
    root.append(siteHeader(app));
    await flush();
    await press(root, 'Continue with Google');
    expect(app.session.get()?.user.id).toBe('u-existing');
    expect(navigate).toHaveBeenCalledWith('/rooms/r1', { replace: true, state: { autoJoin: true } });
  });

  it('is not offered to accounts, nor without Firebase; a refusal is said in words', async () => {
    const account = appWith(fakeFetch({ 'GET /api/v1/config': configWith(FIREBASE), 'GET /api/v1/me/notices': notices }).fn as unknown as typeof fetch);
    account.root.append(siteHeader(account.app));
    await flush();
    expect(button(account.root, 'Continue with Google')).toBeNull();
    forgetConfig();
    const off = appWith(fakeFetch({ 'GET /api/v1/config': configWith(null), 'GET /api/v1/me/notices': notices }).fn as unknown as typeof fetch, { id: 'g1', username: null, displayName: 'Gus' });
    off.root.append(siteHeader(off.app));
    await flush();
    expect(button(off.root, 'Continue with Google')).toBeNull();
    forgetConfig();
    const refused = appWith(
      fakeFetch({ 'GET /api/v1/config': configWith(FIREBASE), 'GET /api/v1/me/notices': notices, 'POST /api/v1/auth/firebase': problem(503, '/problems/provider-unavailable', 'Firebase did not answer') }).fn as unknown as typeof fetch,
      { id: 'g1', username: null, displayName: 'Gus' },
    );
    refused.root.append(siteHeader(refused.app));
    await flush();
    await press(refused.root, 'Continue with Google');
    expect(q(refused.root, 'guest-google-error')?.textContent).toBe('Google sign-in is unavailable right now. Try again in a minute.');
    expect(refused.app.session.get()?.user.id).toBe('g1');
  });
});
