// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../src/api/http';
import type { JoinAnswer, RoomDetail, Session } from '../src/api/types';
import type { App } from '../src/app';
import { MemoryStorage, SessionStore } from '../src/auth/sessionStore';
import { TokenRefresher } from '../src/auth/tokenRefresher';
import { hooks } from '../src/hooks';
import { mountRoomPage } from '../src/pages/roomPage';
import { Router } from '../src/router';
import { flush } from './fakeTimers';
import { detail, HOST, ROOM } from './roomFakes';
import { PageSocket } from './roomPageHarness';

const LISA = '0190a0b0-1234-7abc-8def-0000000000l1';

function setup(userId: string, role: 'HOST' | 'AUDIENCE') {
  const calls: string[] = [];
  const bodies: Record<string, unknown> = {};
  let joined = false;
  const fetchFn = vi.fn(async (url: string, init: RequestInit) => {
    const call = `${init.method} ${url}`;
    calls.push(call);
    if (init.body !== undefined) bodies[call] = JSON.parse(String(init.body));
    const reply = (status: number, body?: unknown) =>
      new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    if (call === `GET /api/v1/rooms/${ROOM}`) {
      return reply(200, detail(joined ? { role, handRaised: false, muted: true, forcedMute: false, invited: false } : null));
    }
    if (call === `POST /api/v1/rooms/${ROOM}/join`) {
      joined = true;
      const answer: JoinAnswer = {
        participant: { userId, role, handRaised: false, muted: true },
        media: { provider: 'mesh', token: null, expiresAt: new Date(Date.now() + 600_000).toISOString(), canPublish: role === 'HOST', connection: { iceServers: [] } },
        events: { url: '/ws', roomSeq: 5 },
      };
      return reply(200, answer);
    }
    if (call === 'POST /api/v1/auth/ws-ticket') return reply(201, { ticket: 'tkt', expiresAt: new Date().toISOString() });
    if (call === `GET /api/v1/rooms/${ROOM}/messages`) {
      return reply(200, { items: [{ id: 'm1', from: { id: HOST, displayName: 'Host' }, text: 'welcome', sentAt: '2026-01-01T00:00:00Z', toUserId: null, toRole: null }], nextCursor: null });
    }
    if (call === `POST /api/v1/rooms/${ROOM}/messages`) {
      const { text } = JSON.parse(String(init.body)) as { text: string };
      return reply(201, { id: 'm2', from: { id: userId, displayName: 'X' }, text, sentAt: '2026-01-01T00:01:00Z', toUserId: null, toRole: null });
    }
    if (call === `GET /api/v1/reports?status=OPEN&roomId=${ROOM}`) {
      return reply(200, { items: [{ id: 'r1', status: 'OPEN', reason: 'HARASSMENT', reportedUserId: LISA }], nextCursor: null });
    }
    const report = /^GET \/api\/v1\/reports\/(r\d)$/.exec(call);
    if (report) {
      return reply(200, { id: report[1], status: 'OPEN', reason: 'SPAM', reportedUser: { id: LISA, username: 'lisa', displayName: 'Lisa', guest: false }, message: { id: 'm1', text: 'buy coins', deleted: true } });
    }
    if (call.startsWith('POST /api/v1/reports/')) return reply(200, { id: 'r', status: 'RESOLVED' });
    return reply(204);
  });
  const api = new ApiClient(fetchFn as unknown as typeof fetch);
  const session = new SessionStore(new MemoryStorage());
  const s: Session = { accessToken: 'a', refreshToken: 'r', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { id: userId, username: 'x', displayName: 'X' } };
  session.set(s);
  api.useCredentials({ accessToken: () => 'a', refresh: async () => true, signedOut: vi.fn() });
  const app: App = {
    api,
    session,
    refresher: new TokenRefresher({ store: session, refresh: async () => s, onSignedOut: vi.fn() }),
    router: new Router(window),
    signOut: vi.fn(),
  };
  const root = document.createElement('div');
  document.body.append(root);
  const page = mountRoomPage(root, app, ROOM, false);
  const byTestId = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  return { root, page, calls, bodies, byTestId };
}

async function joinAndGoLive(t: ReturnType<typeof setup>): Promise<PageSocket> {
  await flush();
  t.byTestId('join')?.click();
  await flush();
  await flush();
  const socket = PageSocket.all[PageSocket.all.length - 1] as PageSocket;
  socket.open();
  socket.receive({ op: 'subscribed', roomId: ROOM, seq: 5 });
  await flush();
  return socket;
}

describe('room page', () => {
  beforeEach(() => {
    PageSocket.all = [];
    vi.stubGlobal('WebSocket', PageSocket);
    window.history.replaceState({}, '', `/rooms/${ROOM}`);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.replaceChildren();
  });

  it('before joining: the room, its panel and a Join button; no status yet', async () => {
    const t = setup(LISA, 'AUDIENCE');
    await flush();
    expect(t.byTestId('room-name')?.textContent).toBe('Open mic');
    expect(t.byTestId('join')).not.toBeNull();
    expect(t.byTestId('room-status')?.textContent).toBe('');
    expect(t.byTestId(`speaker-${HOST}`)?.getAttribute('data-speaking')).toBe('false');
    expect(t.byTestId('audience-count')?.textContent).toBe('2');
    t.page.destroy();
  });

  it('a host joins: subscribes from the join’s roomSeq, goes live, approves a raised hand, sees the new speaker muted', async () => {
    const t = setup(HOST, 'HOST');
    expect(t.byTestId('room-status')?.textContent).toBe('');
    const socket = await joinAndGoLive(t);
    expect(socket.url).toBe(`ws://localhost:3000/ws?ticket=tkt`);
    expect(socket.sent[0]).toEqual({ op: 'subscribe', roomId: ROOM, since: 5 });
    expect(t.byTestId('room-status')?.textContent).toBe('live');
    expect(t.byTestId('join')).toBeNull();
    expect(t.byTestId('unmute')).not.toBeNull();
    expect(t.byTestId('leave')).not.toBeNull();
    expect(hooks.me).toEqual({ userId: HOST, role: 'HOST' });
    expect(hooks.roomId).toBe(ROOM);
    expect(hooks.media?.provider).toBe('mesh');

    socket.receive({ op: 'event', roomId: ROOM, seq: 6, type: 'hand.raised', data: { userId: LISA, displayName: 'Lisa' } });
    expect(t.byTestId(`hand-${LISA}`)?.textContent).toContain('Lisa');
    t.byTestId(`approve-${LISA}`)?.click();
    await flush();
    expect(t.calls).toContain(`PUT /api/v1/rooms/${ROOM}/speakers/${LISA}`);

    socket.receive({ op: 'event', roomId: ROOM, seq: 7, type: 'role.changed', data: { userId: LISA, role: 'SPEAKER', by: HOST } });
    const tile = t.byTestId(`speaker-${LISA}`);
    expect(tile?.getAttribute('data-muted')).toBe('true');
    expect(tile?.getAttribute('data-speaking')).toBe('false');
    expect(t.byTestId(`hand-${LISA}`)).toBeNull();
    // the host asks the new speaker for audio
    expect(socket.sent).toContainEqual({ op: 'signal', roomId: ROOM, to: LISA, data: { type: 'ready' } });

    socket.receive({ op: 'event', roomId: ROOM, seq: 8, type: 'room.counts', data: { participantCount: 10, speakerCount: 2 } });
    expect(t.byTestId('audience-count')?.textContent).toBe('8');

    socket.receive({ op: 'event', roomId: ROOM, seq: 9, type: 'room.ended', data: { by: HOST } });
    expect(t.byTestId('room-status')?.textContent).toBe('ended');
    expect(t.byTestId('leave')).toBeNull();
    t.page.destroy();
  });

  it('a listener raises a hand, gets invited, accepts; promoted speakers start muted and are told', async () => {
    const t = setup(LISA, 'AUDIENCE');
    const socket = await joinAndGoLive(t);
    expect(socket.sent).toContainEqual({ op: 'signal', roomId: ROOM, to: HOST, data: { type: 'ready' } });
    t.byTestId('raise-hand')?.click();
    await flush();
    expect(t.calls).toContain(`PUT /api/v1/rooms/${ROOM}/hand`);
    expect(t.byTestId('lower-hand')).not.toBeNull();
    expect(t.byTestId('raise-hand')).toBeNull();

    socket.receive({ op: 'event', roomId: ROOM, seq: 6, type: 'speaker.invited', data: { userId: LISA, by: HOST } });
    expect(t.byTestId('invitation')?.hidden).toBe(false);
    t.byTestId('accept-invite')?.click();
    await flush();
    expect(t.calls).toContain(`PUT /api/v1/rooms/${ROOM}/speakers/${LISA}`);

    socket.receive({ op: 'event', roomId: ROOM, seq: 7, type: 'role.changed', data: { userId: LISA, role: 'SPEAKER', by: LISA } });
    await flush();
    expect(t.byTestId('invitation')?.hidden).toBe(true);
    expect(t.byTestId('unmute')).not.toBeNull();
    expect(t.byTestId(`speaker-${LISA}`)?.getAttribute('data-muted')).toBe('true');
    expect(t.byTestId('notice-stage')?.textContent).toContain('muted');
    expect(hooks.me?.role).toBe('SPEAKER');

    t.byTestId('unmute')?.click();
    await flush();
    expect(t.calls).toContain(`DELETE /api/v1/rooms/${ROOM}/participants/${LISA}/mute`);
    expect(t.byTestId('mute')).not.toBeNull();
    t.page.destroy();
  });

  it('the can’t-hear banner is in the page only while a speaker is not heard', async () => {
    const t = setup(LISA, 'AUDIENCE');
    await joinAndGoLive(t);
    expect(t.byTestId('audio-warning')).toBeNull();
    t.page.destroy();
  });

  it('chat: hidden before joining; history, live messages, deletion, sending, and the room turning chat off', async () => {
    const t = setup(LISA, 'AUDIENCE');
    await flush();
    expect(t.byTestId('chat-panel')?.hidden).toBe(true);
    const socket = await joinAndGoLive(t);
    expect(t.byTestId('chat-panel')?.hidden).toBe(false);
    expect(t.byTestId('chat-message-m1')?.textContent).toContain('welcome');
    expect(t.byTestId('chat-delete-m1')).toBeNull();
    socket.receive({ op: 'event', roomId: ROOM, seq: 6, type: 'chat.message', data: { id: 'm3', from: { id: HOST, displayName: 'Host' }, text: 'psst', toUserId: LISA, toRole: null, sentAt: '2026-01-01T00:02:00Z' } });
    expect(t.byTestId('chat-message-m3')?.textContent).toContain('to you');
    socket.receive({ op: 'event', roomId: ROOM, seq: 7, type: 'chat.deleted', data: { id: 'm1', by: HOST } });
    expect(t.byTestId('chat-message-m1')).toBeNull();
    (t.byTestId('chat-input') as HTMLTextAreaElement).value = ' hi ';
    t.byTestId('chat-send')?.click();
    await flush();
    expect(t.calls).toContain(`POST /api/v1/rooms/${ROOM}/messages`);
    expect(t.byTestId('chat-message-m2')?.textContent).toContain('hi');
    expect(t.byTestId('chat-delete-m2')).not.toBeNull();
    socket.receive({ op: 'event', roomId: ROOM, seq: 8, type: 'room.updated', data: { settings: { chat: 'SPEAKERS', slowModeSeconds: 0 } } });
    expect((t.byTestId('chat-send') as HTMLButtonElement).disabled).toBe(true);
    expect(t.root.textContent).toContain('Only the people on the stage may chat');
    t.page.destroy();
  });

  it('reporting: Report on a chat message and a stage tile (not my own), the room added, a plain thank-you', async () => {
    const t = setup(LISA, 'AUDIENCE');
    await flush();
    expect(t.byTestId(`report-user-${HOST}`)?.hidden).toBe(true);
    await joinAndGoLive(t);
    expect(t.byTestId(`report-user-${HOST}`)?.hidden).toBe(false);
    t.byTestId('chat-report-m1')?.click();
    const dialog = t.byTestId('report-dialog') as HTMLElement;
    expect(dialog.hidden).toBe(false);
    const reason = t.byTestId('report-reason-SPAM') as HTMLInputElement;
    reason.checked = true;
    reason.dispatchEvent(new Event('change'));
    t.byTestId('report-submit')?.click();
    await flush();
    expect(t.bodies['POST /api/v1/reports']).toEqual({ reportedUserId: HOST, messageId: 'm1', reason: 'SPAM', roomId: ROOM });
    expect(t.byTestId('report-done')?.textContent).toBe("Thanks — the room's moderators have been told.");
    t.page.destroy();
  });

  it('reports: a HOST sees the open reports and a live badge, new ones arrive by event, one click resolves', async () => {
    const listener = setup(LISA, 'AUDIENCE');
    const socket0 = await joinAndGoLive(listener);
    expect(listener.byTestId('room-reports')?.hidden).toBe(true);
    expect(listener.byTestId('reports-badge')?.hidden).toBe(true);
    expect(listener.calls.some((c) => c.startsWith('GET /api/v1/reports'))).toBe(false);
    socket0.receive({ op: 'event', roomId: ROOM, seq: 6, type: 'report.filed', data: { reportId: 'r9', reportedUserId: HOST, reason: 'SPAM' } });
    expect(listener.byTestId('room-report-r9')).toBeNull();
    listener.page.destroy();

    const t = setup(HOST, 'HOST');
    const socket = await joinAndGoLive(t);
    await flush();
    expect(t.byTestId('room-reports')?.hidden).toBe(false);
    expect(t.byTestId('reports-count')?.textContent).toBe('1');
    expect(t.byTestId('room-report-r1')?.textContent).toContain('Lisa');
    expect(t.byTestId('room-report-r1')?.textContent).toContain('Harassment or bullying');
    expect(t.byTestId('room-report-quote-r1')?.textContent).toBe('buy coins (deleted since)');
    socket.receive({ op: 'event', roomId: ROOM, seq: 6, type: 'report.filed', data: { reportId: 'r2', reportedUserId: LISA, reason: 'SPAM' } });
    expect(t.byTestId('reports-count')?.textContent).toBe('2');
    await flush();
    expect(t.byTestId('room-report-r2')?.textContent).toContain('Spam or scams');
    t.byTestId('report-action-r1-REMOVE_FROM_ROOM')?.click();
    await flush();
    expect(t.bodies['POST /api/v1/reports/r1/resolve']).toEqual({ action: 'REMOVE_FROM_ROOM' });
    expect(t.byTestId('room-report-r1')).toBeNull();
    expect(t.byTestId('reports-count')?.textContent).toBe('1');
    expect(t.byTestId('reports-note')?.textContent).toBe('Remove from room: done.');
    t.page.destroy();
  });

  it('an invitation to speak while the tab is hidden comes as a system notification that brings the tab back', async () => {
    const made: Array<{ title: string; options: NotificationOptions; onclick: ((e: Event) => void) | null }> = [];
    vi.stubGlobal(
      'Notification',
      class {
        static permission = 'granted';
        onclick: ((e: Event) => void) | null = null;
        constructor(readonly title: string, readonly options: NotificationOptions) {
          made.push(this);
        }
        close(): void {}
      },
    );
    const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => undefined);
    try {
      const t = setup(LISA, 'AUDIENCE');
      const socket = await joinAndGoLive(t);
      socket.receive({ op: 'notice', notice: { id: 'n8', kind: 'SPEAKER_INVITE', at: '2026-12-01T10:00:00Z', read: false, data: { roomId: ROOM, roomName: 'Open mic', byName: 'Hana' } } });
      expect(t.byTestId('notice-personal')?.textContent).toBe('Hana invited you to speak in Open mic.');
      expect(made.map((n) => [n.title, n.options.tag])).toEqual([['Hana invited you to speak in Open mic', 'n8']]);
      made[0]?.onclick?.(new Event('click'));
      expect(focus).toHaveBeenCalled();
      hidden.mockReturnValue(false);
      socket.receive({ op: 'notice', notice: { id: 'n9', kind: 'SPEAKER_INVITE', at: '2026-12-01T10:01:00Z', read: false, data: { roomId: ROOM, roomName: 'Open mic' } } });
      expect(made).toHaveLength(1);
      t.page.destroy();
    } finally {
      hidden.mockRestore();
      focus.mockRestore();
      vi.unstubAllGlobals();
    }
  });

  it('a personal notice on the room’s socket: a warning is said at once, with why', async () => {
    const t = setup(LISA, 'AUDIENCE');
    const socket = await joinAndGoLive(t);
    socket.receive({ op: 'notice', notice: { id: 'n1', kind: 'WARNED', at: '2026-12-01T10:00:00Z', read: false, data: { auditId: 'a1', reason: 'SPAM', note: 'Links again' } } });
    expect(t.byTestId('notice-personal')?.textContent).toBe('A moderator warned you: Spam or scams — Links again. You can appeal from Notices.');
    t.page.destroy();
  });
});
