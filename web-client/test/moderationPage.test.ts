// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../src/api/http';
import type { App } from '../src/app';
import { MemoryStorage, SessionStore } from '../src/auth/sessionStore';
import { TokenRefresher } from '../src/auth/tokenRefresher';
import { mountModerationPage } from '../src/pages/moderationPage';
import { timelineOf } from '../src/room/evidenceTimeline';
import { flush } from './fakeTimers';

const LISA = 'u-lisa';

describe('the evidence as a timeline', () => {
  it('merges the chat and the reported person’s stage acts in time order, deleted lines marked', () => {
    const lines = timelineOf(
      {
        chat: [
          { id: 'm1', fromUserId: 'u-max', fromDisplayName: 'Max', text: 'hi', sentAt: '2026-12-01T10:00:00Z', deleted: false },
          { id: 'm2', fromUserId: LISA, fromDisplayName: null, text: 'get out', sentAt: '2026-12-01T10:02:00Z', deleted: true },
        ],
        acts: [{ seq: 4, type: 'hand.raised', at: '2026-12-01T10:01:00Z', data: { userId: LISA } }, { seq: 9, type: 'participant.removed', at: '2026-12-01T10:03:00Z', data: { userId: LISA, banned: true } }],
      },
      LISA,
      'Lisa',
    );
    expect(lines.map((l) => [l.who, l.text, l.deleted, l.aboutReported])).toEqual([
      ['Max', 'hi', false, false],
      ['Lisa', 'raised a hand', false, true],
      ['Lisa', 'get out', true, true],
      ['Lisa', 'was removed and banned', false, true],
    ]);
    expect(timelineOf(null, LISA, 'Lisa')).toEqual([]);
  });
});

function setup() {
  const calls: Array<[string, unknown]> = [];
  const reply = (status: number, body?: unknown) => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const report = { id: 'r1', status: 'OPEN', reason: 'HARASSMENT', reportedUser: { id: LISA, username: 'lisa', displayName: 'Lisa', guest: false }, createdAt: '2026-12-01T10:05:00Z' };
  const fetchFn = vi.fn(async (url: string, init: RequestInit) => {
    const call = `${init.method} ${url}`;
    calls.push([call, init.body === undefined ? undefined : JSON.parse(String(init.body))]);
    if (call.startsWith('GET /api/v1/reports?')) return reply(200, { items: [report, { ...report, id: 'r2', reason: 'SPAM' }], nextCursor: null });
    if (call === 'GET /api/v1/reports/r1') {
      return reply(200, { ...report, room: { id: 'room1', name: 'Open mic' }, message: { id: 'm2', text: 'get out', deleted: true }, evidence: { chat: [{ id: 'm2', fromUserId: LISA, fromDisplayName: 'Lisa', text: 'get out', sentAt: '2026-12-01T10:02:00Z', deleted: true }], acts: [], panel: [] }, history: { reportCount: 2, actionCount: 1, reports: [], actions: [{ id: 'a0', action: 'WARN', at: '2026-11-01T10:00:00Z' }] }, resolution: null });
    }
    if (call === 'POST /api/v1/reports/r1/resolve') return reply(200, { ...report, status: 'RESOLVED', resolution: { action: 'SUSPEND_ACCOUNT', durationDays: 7, note: 'threats' } });
    if (call.startsWith('GET /api/v1/audit')) return reply(200, { items: [{ id: 'e1', at: '2026-12-01T10:06:00Z', actor: { id: 'u-staff', username: 'staff', displayName: 'Sam', guest: false }, action: 'SUSPEND_ACCOUNT', target: { id: LISA, displayName: 'Lisa' }, roomId: null, clubId: null, reportId: 'r1', note: 'threats', durationDays: 7, reversedBy: null }], nextCursor: null });
    if (call.startsWith('GET /api/v1/appeals')) return reply(200, { items: [{ id: 'p1', status: 'OPEN', auditId: 'e1', action: 'SUSPEND_ACCOUNT', userId: LISA, text: 'I was quoting', createdAt: '2026-12-02T10:00:00Z', decision: null, note: null }], nextCursor: null });
    if (call === 'POST /api/v1/appeals/p1/decide') return reply(200, { id: 'p1', status: 'DECIDED' });
    if (call === 'GET /api/v1/staff') return reply(200, { items: [{ user: { id: 'u-mod', username: 'mod', displayName: 'Mo', guest: false }, role: 'MODERATOR' }], nextCursor: null });
    if (call === 'PUT /api/v1/staff/u-new') return reply(200, { userId: 'u-new', role: 'ADMIN' });
    return reply(204);
  });
  const api = new ApiClient(fetchFn as unknown as typeof fetch);
  const session = new SessionStore(new MemoryStorage());
  const s = { accessToken: 'a', refreshToken: 'r', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { id: 'u-staff', username: 'staff', displayName: 'Staff' } };
  session.set(s);
  api.useCredentials({ accessToken: () => 'a', refresh: async () => true, signedOut: vi.fn() });
  const app: App = { api, session, refresher: new TokenRefresher({ store: session, refresh: async () => s, onSignedOut: vi.fn() }), router: { navigate: vi.fn() } as unknown as App['router'], signOut: vi.fn() };
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  const q = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  return { app, root, calls, q };
}

describe('the moderation area', () => {
  it('filters the queue, opens a report with its evidence and history, and resolves it after a confirmation', async () => {
    const t = setup();
    mountModerationPage(t.root, t.app);
    await flush();
    expect(t.calls.map((c) => c[0])).toContain('GET /api/v1/reports?status=OPEN');
    expect(t.q('queue-item-r1')?.textContent).toContain('Lisa · Harassment or bullying');
    (t.q('queue-reason') as HTMLSelectElement).value = 'SPAM';
    (t.q('queue-room') as HTMLInputElement).value = 'room1';
    t.q('queue-filter')!.click();
    await flush();
    expect(t.calls.map((c) => c[0])).toContain('GET /api/v1/reports?status=OPEN&roomId=room1&reason=SPAM');
    expect(t.q('queue-item-r1')).toBeNull(); // filtered by reason here too
    (t.q('queue-reason') as HTMLSelectElement).value = '';
    t.q('queue-filter')!.click();
    await flush();
    t.q('queue-open-r1')!.click();
    await flush();
    expect(t.q('report-view-quote')?.textContent).toBe('get out (deleted since)');
    expect(t.q('evidence-timeline')?.textContent).toContain('Lisa: get out');
    expect(t.q('evidence-timeline')?.textContent).toContain('deleted');
    expect(t.q('report-history')?.textContent).toContain('2 earlier report(s), 1 action(s).');
    t.q('resolve-SUSPEND_ACCOUNT')!.click();
    expect(t.calls.some((c) => c[0] === 'POST /api/v1/reports/r1/resolve')).toBe(false);
    (t.q('resolve-note') as HTMLTextAreaElement).value = ' threats ';
    (t.q('resolve-days') as HTMLInputElement).value = '7';
    t.q('resolve-confirm')!.click();
    await flush();
    expect(t.calls.find((c) => c[0] === 'POST /api/v1/reports/r1/resolve')?.[1]).toEqual({ action: 'SUSPEND_ACCOUNT', note: 'threats', durationDays: 7 });
    expect(t.q('report-resolution')?.textContent).toBe('Resolved: Suspend account for 7 days (threats)');
  });

  it('the audit log with filters, the appeals queue, and the ban export', async () => {
    const t = setup();
    mountModerationPage(t.root, t.app);
    t.q('moderation-tab-audit')!.click();
    await flush();
    expect(t.q('audit-e1')?.textContent).toContain('Suspend account (7 d)');
    expect(t.q('audit-e1')?.textContent).toContain('Sam');
    (t.q('audit-actorId') as HTMLInputElement).value = 'u-staff';
    (t.q('audit-action') as HTMLInputElement).value = 'WARN';
    t.q('audit-filter')!.click();
    await flush();
    expect(t.calls.map((c) => c[0])).toContain('GET /api/v1/audit?actorId=u-staff&action=WARN');
    t.q('moderation-tab-appeals')!.click();
    await flush();
    expect(t.q('appeal-p1')?.textContent).toContain('I was quoting');
    expect(t.q('appeal-p1')?.textContent).toContain('appeals: Suspend account');
    (t.q('appeal-note-p1') as HTMLTextAreaElement).value = 'fair';
    t.q('appeal-overturn-p1')!.click();
    await flush();
    expect(t.calls.find((c) => c[0] === 'POST /api/v1/appeals/p1/decide')?.[1]).toEqual({ decision: 'OVERTURN', note: 'fair' });
    expect(t.q('appeal-p1')?.textContent).toContain('Overturned');
    t.q('moderation-tab-bans')!.click();
    expect(t.q('bans-csv')?.hidden).toBe(false);
    t.q('moderation-tab-staff')!.click();
    await flush();
    expect(t.q('staff-u-mod')?.textContent).toContain('Mo · Moderator');
    (t.q('staff-user') as HTMLInputElement).value = 'u-new';
    (t.q('staff-role') as HTMLSelectElement).value = 'ADMIN';
    t.q('staff-put')!.click();
    await flush();
    expect(t.calls.find((c) => c[0] === 'PUT /api/v1/staff/u-new')?.[1]).toEqual({ role: 'ADMIN' });
    t.q('staff-remove-u-mod')!.click();
    await flush();
    expect(t.calls.map((c) => c[0])).toContain('DELETE /api/v1/staff/u-mod');
    expect(t.q('audit-rows')?.closest('section')?.hidden).toBe(true);
  });

  afterEach(() => vi.unstubAllGlobals());

  it('the ban export is fetched with my token (a link could not send it) and saved as a file', async () => {
    const t = setup();
    const exported = vi.fn(async (url: string, init: RequestInit) => {
      expect(url).toBe('/api/v1/bans/export?format=csv&clubId=c1');
      expect((init.headers as Record<string, string>).Authorization).toBe('Bearer a');
      return new Response('userId,username\n', { status: 200 });
    });
    vi.stubGlobal('fetch', exported);
    const saved: string[] = [];
    URL.createObjectURL = vi.fn(() => 'blob:bans');
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(`${this.getAttribute('href')} ${this.getAttribute('download')}`);
    });
    mountModerationPage(t.root, t.app);
    t.q('moderation-tab-bans')!.click();
    (t.q('bans-club') as HTMLInputElement).value = 'c1';
    t.q('bans-csv')!.click();
    await flush();
    expect(exported).toHaveBeenCalledOnce();
    expect(saved).toEqual(['blob:bans bans.csv']);
    click.mockRestore();
  });
});
