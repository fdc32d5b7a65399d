// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../src/api/http';
import type { Notice } from '../src/api/moderationTypes';
import type { App } from '../src/app';
import { MemoryStorage, SessionStore } from '../src/auth/sessionStore';
import { TokenRefresher } from '../src/auth/tokenRefresher';
import { mountNoticesPage } from '../src/pages/noticesPage';
import { mountSignInPage } from '../src/pages/signInPage';
import { describeNotice } from '../src/room/notices';
import { APPEAL_THANKS } from '../src/ui/appealForm';
import { flush } from './fakeTimers';

const notice = (id: string, kind: string, data: Record<string, unknown> = {}, read = false): Notice => ({ id, kind, at: '2026-12-01T10:00:00Z', read, data });

describe('notices in words', () => {
  it('says why and until when for warnings, bans and suspensions, and which audit entry an appeal names', () => {
    expect(describeNotice(notice('1', 'WARNED', { auditId: 'a1', reason: 'SPAM', note: 'Links again' }))).toEqual({ title: 'A moderator warned you', why: 'Spam or scams — Links again', until: null, auditId: 'a1' });
    expect(describeNotice(notice('1', 'WARNED', { auditId: 'a1', reason: 'SPAM', note: null })).why).toBe('Spam or scams');
    expect(describeNotice(notice('1', 'WARNED', { auditId: 'a1', reason: null, note: null })).why).toBeNull();
    expect(describeNotice(notice('8', 'BANNED', { auditId: 'a8', scope: 'CLUB', clubId: 'c', roomId: 'r' })).title).toBe('You were banned from a club');
    expect(describeNotice(notice('9', 'BANNED', { auditId: 'a9', scope: 'ROOM', roomId: 'r' })).title).toBe('You were banned from a room');
    const suspended = describeNotice(notice('2', 'SUSPENDED', { auditId: 'a2', note: 'Threats', until: '2026-12-08T10:00:00Z' }));
    expect(suspended.title).toBe('Your account is suspended');
    expect(suspended.why).toBe('Threats');
    expect(suspended.until).toContain('2026');
    expect(describeNotice(notice('3', 'SUSPENDED', { auditId: 'a3' })).until).toBe('until it is lifted');
    expect(describeNotice(notice('4', 'BANNED', { auditId: 'a4', action: 'BAN_FROM_ROOM', roomId: 'r', roomName: 'Open mic' })).title).toBe('You were banned from the room Open mic');
    expect(describeNotice(notice('5', 'BANNED', { action: 'BAN_FROM_CLUB', clubId: 'c' })).title).toBe('You were banned from a club');
    expect(describeNotice(notice('6', 'REPORT_OUTCOME', { outcome: 'NO_VIOLATION', auditId: 'x' }))).toMatchObject({ auditId: null, title: 'A report you made: the moderators found no violation' });
    expect(describeNotice(notice('7', 'APPEAL_DECIDED', { decision: 'OVERTURN' })).title).toBe('Your appeal was upheld: the action is lifted');
  });
});

function fakeFetch(routes: Record<string, (body: unknown) => [number, unknown]>) {
  const calls: Array<[string, unknown, string | undefined]> = [];
  const fn = vi.fn(async (url: string, init: RequestInit) => {
    const call = `${init.method} ${url}`;
    const body = init.body === undefined ? undefined : JSON.parse(String(init.body));
    calls.push([call, body, (init.headers as Record<string, string>).Authorization]);
    const route = routes[call];
    const [status, answer] = route ? route(body) : [404, { type: '/problems/not-found', title: 'Not found', status: 404, detail: 'No such thing' }];
    return new Response(answer === undefined ? null : JSON.stringify(answer), { status, headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' } });
  });
  return { fn, calls };
}

function appWith(fetchFn: typeof fetch): { app: App; root: HTMLElement } {
  const api = new ApiClient(fetchFn);
  const session = new SessionStore(new MemoryStorage());
  const s = { accessToken: 'a', refreshToken: 'r', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { id: 'u1', username: 'lisa', displayName: 'Lisa' } };
  session.set(s);
  api.useCredentials({ accessToken: () => 'a', refresh: async () => true, signedOut: vi.fn() });
  const router = { navigate: vi.fn() } as unknown as App['router'];
  const app: App = { api, session, refresher: new TokenRefresher({ store: session, refresh: async () => s, onSignedOut: vi.fn() }), router, signOut: vi.fn() };
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  return { app, root };
}

const q = (root: HTMLElement, id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('the notices page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists my notices, marks them read up to the newest, and sends an appeal once', async () => {
    let appeals = 0;
    const { fn, calls } = fakeFetch({
      'GET /api/v1/me/notices': () => [200, { items: [notice('n2', 'WARNED', { auditId: 'a1', reason: 'SPAM', note: 'Spamming links' }), notice('n1', 'ROOM_LIVE', { roomId: 'r1', roomName: 'Open mic' }, true)], nextCursor: null }],
      'POST /api/v1/me/notices/read': () => [204, undefined],
      'GET /api/v1/me/reports': () => [200, { items: [{ id: 'r1', status: 'RESOLVED', outcome: 'NO_VIOLATION', reason: 'SPAM' }, { id: 'r2', status: 'OPEN', outcome: null, reason: 'HATE' }], nextCursor: null }],
      'POST /api/v1/appeals': () => (++appeals === 1 ? [201, { id: 'p1', status: 'OPEN' }] : [409, { type: '/problems/conflict', title: 'Conflict', status: 409, detail: 'This action has been appealed already.' }]),
    });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    mountNoticesPage(root, app);
    await flush();
    expect(q(root, 'notices-link')?.getAttribute('href')).toBe('/notices');
    expect(q(root, 'notice-item-n2')?.textContent).toContain('A moderator warned you');
    expect(q(root, 'notice-why-n2')?.textContent).toBe('Why: Spam or scams — Spamming links');
    expect(q(root, 'notice-item-n1')?.textContent).toContain('Open mic is live');
    expect(q(root, 'appeal-text-a1')).not.toBeNull();
    expect(q(root, 'my-report-r1')?.textContent).toBe('Spam or scams · no violation found');
    expect(q(root, 'my-report-r2')?.textContent).toBe('Hate speech · waiting for the moderators');
    expect(calls.map((c) => [c[0], c[1]])).toContainEqual(['POST /api/v1/me/notices/read', { upTo: 'n2' }]);
    const text = q(root, 'appeal-text-a1') as HTMLTextAreaElement;
    expect((q(root, 'appeal-submit-a1') as HTMLButtonElement).disabled).toBe(true);
    text.value = ' It was a quote, not my words ';
    text.dispatchEvent(new Event('input'));
    q(root, 'appeal-submit-a1')!.click();
    await flush();
    expect(calls.map((c) => [c[0], c[1]])).toContainEqual(['POST /api/v1/appeals', { auditId: 'a1', text: 'It was a quote, not my words' }]);
    expect(q(root, 'appeal-done-a1')?.hidden).toBe(false);
    expect(q(root, 'appeal-done-a1')?.textContent).toBe(APPEAL_THANKS);
  });

  it('renders every kind that brings people into rooms with a link to the room, and the moderation kinds as before', async () => {
    const items = [
      notice('k1', 'ROOM_LIVE', { roomId: 'r1', roomName: 'Open mic', clubId: 'c1', clubName: 'Jazz club', hostName: 'Hana' }),
      notice('k2', 'ROOM_LIVE', { roomId: 'r2', roomName: 'Late talk', hostName: 'Omar' }),
      notice('k3', 'ROOM_STARTING', { roomId: 'r3', roomName: 'Book club', startsAt: '2026-12-01T10:10:00Z', soon: true }),
      notice('k4', 'ROOM_STARTING', { roomId: 'r3', roomName: 'Book club', startsAt: '2026-12-01T10:10:00Z', soon: false }),
      notice('k5', 'FOLLOWED_SPEAKING', { roomId: 'r4', roomName: 'Science hour', userId: 'u9', displayName: 'Dana' }),
      notice('k6', 'SPEAKER_INVITE', { roomId: 'r5', roomName: 'Ask me anything', byName: 'Hana' }),
      notice('k7', 'REPORT_OUTCOME', { outcome: 'ACTION_TAKEN' }),
      notice('k8', 'BANNED', { auditId: 'a8', roomId: 'r6', roomName: 'Open mic', scope: 'ROOM' }),
    ];
    const { fn } = fakeFetch({
      'GET /api/v1/me/notices': () => [200, { items, nextCursor: null }],
      'POST /api/v1/me/notices/read': () => [204, undefined],
      'GET /api/v1/me/reports': () => [200, { items: [], nextCursor: null }],
      'GET /api/v1/me/notification-settings': () => [200, { roomLive: true, roomStarting: true, followedSpeaking: true, moderation: true }],
      'GET /api/v1/config': () => [200, { providers: { default: 'mesh', active: ['mesh'] }, firebase: null, features: {} }],
    });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    mountNoticesPage(root, app);
    await flush();
    const title = (id: string) => q(root, `notice-item-${id}`)?.querySelector('strong')?.textContent;
    const roomLink = (id: string) => q(root, `notice-item-${id}`)?.querySelector('a')?.getAttribute('href') ?? null;
    expect(title('k1')).toBe('Open mic is live');
    expect(q(root, 'notice-detail-k1')?.textContent).toBe('Hana is hosting, in Jazz club');
    expect(q(root, 'notice-detail-k2')?.textContent).toBe('Omar is hosting');
    expect(title('k3')).toBe('Book club starts in 10 minutes');
    expect(q(root, 'notice-detail-k3')?.textContent).toMatch(/^Starts at .*2026/);
    expect(title('k4')).toBe('Book club is starting');
    expect(title('k5')).toBe('Dana is speaking in Science hour');
    expect(title('k6')).toBe('Hana invited you to speak in Ask me anything');
    expect(title('k7')).toBe('A report you made: the moderators took action');
    expect(title('k8')).toBe('You were banned from the room Open mic');
    expect(['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8'].map(roomLink)).toEqual(['/rooms/r1', '/rooms/r2', '/rooms/r3', '/rooms/r3', '/rooms/r4', '/rooms/r5', null, null]);
    expect(q(root, 'notice-item-k1')?.querySelector('a')?.textContent).toBe('Open the room');
    expect(q(root, 'notice-item-k8')?.getAttribute('data-kind')).toBe('BANNED');
    expect(q(root, 'appeal-text-a8')).not.toBeNull();
  });

  it('reads room notices leniently when the server leaves fields out', () => {
    expect(describeNotice(notice('1', 'ROOM_LIVE', {})).title).toBe('A room is live');
    expect(describeNotice(notice('1', 'ROOM_LIVE', {})).detail).toBeUndefined();
    expect(describeNotice(notice('1', 'FOLLOWED_SPEAKING', {})).title).toBe('Someone you follow is speaking in a room');
    expect(describeNotice(notice('1', 'SPEAKER_INVITE', { roomName: 'Open mic' })).title).toBe('You are invited to speak in Open mic');
    expect(describeNotice(notice('1', 'ROOM_STARTING', { roomName: 'Open mic' }))).toEqual({ title: 'Open mic is starting', why: null, until: null, auditId: null });
  });

  it('a suspended sign-in shows why, until when, and appeals with the appeal token only', async () => {
    const { fn, calls } = fakeFetch({
      'POST /api/v1/auth/login': () => [403, { type: '/problems/suspended', title: 'Suspended', status: 403, detail: 'This account is suspended.', until: '2026-12-08T10:00:00Z', reason: 'Threats in chat', appealToken: 'appeal-tkn' }],
      'GET /api/v1/me/notices': () => [200, { items: [notice('n3', 'SUSPENDED', { auditId: 'a9', reason: 'VIOLENCE', note: 'Threats in chat', until: '2026-12-08T10:00:00Z' }), notice('n1', 'ROOM_LIVE')], nextCursor: null }],
      'POST /api/v1/appeals': () => [201, { id: 'p1', status: 'OPEN' }],
    });
    vi.stubGlobal('fetch', fn);
    const { app, root } = appWith(fn as unknown as typeof fetch);
    mountSignInPage(root, app, '/');
    (q(root, 'signin-username') as HTMLInputElement).value = 'lisa';
    (q(root, 'signin-password') as HTMLInputElement).value = 'pw';
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    await flush();
    expect(q(root, 'suspended')).not.toBeNull();
    expect(q(root, 'suspended-reason')?.textContent).toBe('Why: Threats in chat');
    expect(q(root, 'suspended-until')?.textContent).toContain('2026');
    expect(q(root, 'notice-item-n1')).toBeNull();
    const text = q(root, 'appeal-text-a9') as HTMLTextAreaElement;
    text.value = 'I was quoting the other person';
    text.dispatchEvent(new Event('input'));
    q(root, 'appeal-submit-a9')!.click();
    await flush();
    const appeal = calls.find((c) => c[0] === 'POST /api/v1/appeals');
    expect(appeal?.[1]).toEqual({ auditId: 'a9', text: 'I was quoting the other person' });
    expect(appeal?.[2]).toBe('Bearer appeal-tkn');
    expect(calls.find((c) => c[0] === 'GET /api/v1/me/notices')?.[2]).toBe('Bearer appeal-tkn');
    expect(calls.some((c) => c[0] === 'POST /api/v1/me/notices/read')).toBe(false);
    expect(app.router.navigate).not.toHaveBeenCalled();
  });

  it('an older server’s /problems/account-suspended (no appeal token) still says so, without a form', async () => {
    const { fn } = fakeFetch({
      'POST /api/v1/auth/login': () => [403, { type: '/problems/account-suspended', title: 'Account suspended', status: 403, detail: 'This account is suspended until 2026-12-08T10:00:00Z.' }],
    });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    mountSignInPage(root, app, '/');
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(q(root, 'suspended-reason')?.textContent).toBe('Why: This account is suspended until 2026-12-08T10:00:00Z.');
    expect(root.querySelector('[data-testid^="appeal-text-"]')).toBeNull();
    q(root, 'suspended-back')!.click();
    expect(q(root, 'signin-submit')).not.toBeNull();
  });
});
