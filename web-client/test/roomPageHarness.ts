// A room page mounted on a fake service: GET /rooms/{id} answers `detail()` as the test sets it, join answers a
// mesh grant, and any call can be answered by the test (`answer`); every call and body is recorded.
import { vi } from 'vitest';
import { ApiClient } from '../src/api/http';
import type { JoinAnswer, RoomDetail, Session, StageRole } from '../src/api/types';
import type { App } from '../src/app';
import { MemoryStorage, SessionStore } from '../src/auth/sessionStore';
import { TokenRefresher } from '../src/auth/tokenRefresher';
import { mountRoomPage } from '../src/pages/roomPage';
import { Router } from '../src/router';
import { flush } from './fakeTimers';
import { detail, ROOM } from './roomFakes';

export class PageSocket {
  static all: PageSocket[] = [];
  readyState = 0;
  sent: Array<Record<string, unknown>> = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  private seq = 100;
  constructor(readonly url: string) {
    PageSocket.all.push(this);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(frame: Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  event(type: string, data: Record<string, unknown>): void {
    this.receive({ op: 'event', roomId: ROOM, seq: ++this.seq, type, data });
  }
}

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

export interface PageOptions {
  userId: string;
  role: StageRole;
  /** The room as read before joining (`me` null) and after (`me` set); defaults to `detail()`. */
  room?: (joined: boolean) => RoomDetail;
  /** Answers for calls such as `GET /api/v1/rooms/{id}/audience?limit=50` (exact "METHOD url"). */
  answer?: (call: string, body: unknown) => Reply | undefined;
}

export function mountPage(options: PageOptions) {
  const calls: string[] = [];
  const bodies: Record<string, unknown> = {};
  let joined = false;
  const me = () => ({ role: options.role, handRaised: false, muted: true, forcedMute: false, invited: false });
  const room = options.room ?? ((isIn: boolean) => detail(isIn ? me() : null));
  const fetchFn = vi.fn(async (url: string, init: RequestInit) => {
    const call = `${init.method} ${url}`;
    calls.push(call);
    const body = init.body === undefined ? undefined : JSON.parse(String(init.body));
    if (body !== undefined) bodies[call] = body;
    const reply = (status: number, json?: unknown, headers: Record<string, string> = {}) =>
      new Response(json === undefined ? null : JSON.stringify(json), { status, headers: { 'Content-Type': 'application/json', ...headers } });
    const answered = options.answer?.(call, body);
    if (answered) return reply(answered.status, answered.body, answered.headers);
    if (call.startsWith(`GET /api/v1/rooms/${ROOM}?`) || call === `GET /api/v1/rooms/${ROOM}`) return reply(200, room(joined));
    if (call === `POST /api/v1/rooms/${ROOM}/join`) {
      joined = true;
      const answer: JoinAnswer = {
        participant: { userId: options.userId, role: options.role, handRaised: false, muted: true },
        media: { provider: 'mesh', token: null, expiresAt: new Date(Date.now() + 600_000).toISOString(), canPublish: options.role !== 'AUDIENCE', connection: { iceServers: [] } },
        events: { url: '/ws', roomSeq: 5 },
      };
      return reply(200, answer);
    }
    if (call === 'POST /api/v1/auth/ws-ticket') return reply(201, { ticket: 'tkt', expiresAt: new Date().toISOString() });
    if (call.startsWith(`GET /api/v1/rooms/${ROOM}/messages`)) return reply(200, { items: [], nextCursor: null });
    if (call.startsWith('GET /api/v1/reports')) return reply(200, { items: [], nextCursor: null });
    if (call.startsWith(`GET /api/v1/rooms/${ROOM}/audience`)) return reply(200, { items: [], nextCursor: null });
    return reply(204);
  });
  const api = new ApiClient(fetchFn as unknown as typeof fetch);
  const session = new SessionStore(new MemoryStorage());
  const s: Session = { accessToken: 'a', refreshToken: 'r', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { id: options.userId, username: 'x', displayName: 'X' } };
  session.set(s);
  api.useCredentials({ accessToken: () => 'a', refresh: async () => true, signedOut: vi.fn() });
  const router = new Router(window);
  const app: App = {
    api,
    session,
    refresher: new TokenRefresher({ store: session, refresh: async () => s, onSignedOut: vi.fn() }),
    router,
    signOut: vi.fn(),
  };
  const root = document.createElement('div');
  document.body.append(root);
  const page = mountRoomPage(root, app, ROOM, false);
  const byTestId = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  /** A button (or menu item, link) by its accessible text, among the visible ones. */
  const button = (name: string, within: ParentNode = document) =>
    Array.from(within.querySelectorAll<HTMLElement>('button, a, [role="menuitem"]')).find(
      (el) => (el.getAttribute('aria-label') ?? el.textContent?.trim()) === name && !el.closest('[hidden]'),
    ) ?? null;
  const dialog = () => document.querySelector<HTMLDialogElement>('dialog[data-testid="room-dialog"]');
  async function joinAndGoLive(): Promise<PageSocket> {
    await flush();
    byTestId('join')?.click();
    await flush();
    await flush();
    const socket = PageSocket.all[PageSocket.all.length - 1] as PageSocket;
    socket.open();
    socket.receive({ op: 'subscribed', roomId: ROOM, seq: 5 });
    await flush();
    return socket;
  }
  return { root, page, calls, bodies, byTestId, button, dialog, joinAndGoLive, router };
}
