// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api/http';
import { JOIN_JITTER_MS, JOIN_QUEUED, JoinCancelled, JoinLine } from '../src/room/joinLine';
import { FakeTimers } from './fakeTimers';
import { ROOM } from './roomFakes';
import { mountPage, PageSocket, type Reply } from './roomPageHarness';

const ME = '0190a0b0-1234-7abc-8def-0000000000m1';
const JOIN = `POST /api/v1/rooms/${ROOM}/join`;

function queued(position: number, queueToken: string, retryAfter: number): Reply {
  return {
    status: 429,
    body: { type: JOIN_QUEUED, title: 'Join queued', status: 429, detail: `You are number ${position} in line.`, position, queueToken },
    headers: { 'Retry-After': String(retryAfter) },
  };
}

describe('joining in a join storm (429 /problems/join-queued)', () => {
  beforeEach(() => {
    PageSocket.all = [];
    vi.stubGlobal('WebSocket', PageSocket);
    window.history.replaceState({}, '', `/rooms/${ROOM}`);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
    vi.unstubAllGlobals();
    document.body.replaceChildren();
  });

  /** Lets the page's promises and due timers run, moving the clock by `ms`. */
  const settle = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

  it('says the place in line, waits Retry-After before each retry, sends the token back, and opens the room', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5); // the jitter: half of JOIN_JITTER_MS
    const jitter = JOIN_JITTER_MS / 2;
    const answers = [queued(7, 'tok-1', 3), queued(2, 'tok-1', 1)];
    const t = mountPage({ userId: ME, role: 'AUDIENCE', answer: (call) => (call === JOIN ? answers.shift() : undefined) });
    const joins = () => t.calls.filter((c) => c === JOIN).length;
    const position = () => t.byTestId('join-queue-position')?.textContent;
    await settle();
    expect(position()).toBe('');

    t.byTestId('join')?.click();
    await settle();
    expect(joins()).toBe(1);
    expect(t.bodies[JOIN]).toEqual({});
    expect(position()).toBe('Joining… you are number 7');
    expect(t.byTestId('join-queue-position')?.getAttribute('aria-live')).toBe('polite');
    expect(t.button('Cancel')).not.toBeNull();

    await settle(3_000 + jitter - 1);
    expect(joins()).toBe(1); // never before Retry-After (and its jitter)
    await settle(1);
    expect(joins()).toBe(2);
    expect(t.bodies[JOIN]).toEqual({ queueToken: 'tok-1' });
    expect(position()).toBe('Joining… you are number 2');

    await settle(1_000 + jitter - 1);
    expect(joins()).toBe(2);
    await settle(1);
    expect(joins()).toBe(3);
    expect(t.bodies[JOIN]).toEqual({ queueToken: 'tok-1' });
    expect(position()).toBe('');
    expect(t.button('Cancel')).toBeNull();

    const socket = PageSocket.all.at(-1) as PageSocket;
    socket.open();
    socket.receive({ op: 'subscribed', roomId: ROOM, seq: 5 });
    await settle();
    expect(t.byTestId('room-status')?.textContent).toBe('live');
    t.page.destroy();
  });

  it('Cancel gives up the place: no more retries, and back to the hallway', async () => {
    const t = mountPage({ userId: ME, role: 'AUDIENCE', answer: (call) => (call === JOIN ? queued(40, 'tok-2', 5) : undefined) });
    const joins = () => t.calls.filter((c) => c === JOIN).length;
    await settle();
    t.byTestId('join')?.click();
    await settle();
    expect(t.byTestId('join-queue-position')?.textContent).toBe('Joining… you are number 40');

    t.button('Cancel')?.click();
    await settle(60_000);
    expect(joins()).toBe(1);
    expect(t.byTestId('join-queue-position')?.textContent).toBe('');
    expect(window.location.pathname).toBe('/');
    expect(t.byTestId('notice-room')).toBeNull(); // cancelling is no error
    t.page.destroy();
  });

  it('any other refusal is shown as before', async () => {
    const full = { status: 409, body: { type: '/problems/room-full', title: 'Room full', status: 409, detail: 'This room is full.' } };
    const answers: Reply[] = [queued(3, 'tok-3', 1), full];
    const t = mountPage({ userId: ME, role: 'AUDIENCE', answer: (call) => (call === JOIN ? answers.shift() : undefined) });
    await settle();
    t.byTestId('join')?.click();
    await settle(1_000 + JOIN_JITTER_MS);
    expect(t.byTestId('join-queue-position')?.textContent).toBe('');
    expect(t.byTestId('notice-room')?.textContent).toContain('full');
    t.page.destroy();
  });
});

describe('JoinLine', () => {
  const queuedError = (position: number, retryAfter: number) =>
    new ApiError(429, JOIN_QUEUED, 'Join queued', '', [], retryAfter, { position, queueToken: 'tok' });

  it('waits Retry-After plus at most the jitter, never less', async () => {
    const timers = new FakeTimers();
    const positions: Array<number | null> = [];
    const line = new JoinLine({ timers, queued: (p) => positions.push(p), random: () => 0.999 });
    let calls = 0;
    const joined = line.join(async (token) => {
      calls++;
      if (calls === 1) {
        expect(token).toBeNull();
        throw queuedError(4, 2);
      }
      expect(token).toBe('tok');
      return 'in';
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(timers.pendingTimeouts()).toEqual([2_000 + Math.floor(0.999 * JOIN_JITTER_MS)]);
    timers.advance(2_000 + JOIN_JITTER_MS);
    await expect(joined).resolves.toBe('in');
    expect(positions).toEqual([4, null]);
  });

  it('cancelled while waiting, it stops with JoinCancelled and calls no more', async () => {
    const timers = new FakeTimers();
    const line = new JoinLine({ timers, queued: () => undefined });
    let calls = 0;
    const joined = line.join(async () => {
      calls++;
      throw queuedError(9, 10);
    });
    await Promise.resolve();
    await Promise.resolve();
    line.cancel();
    await expect(joined).rejects.toBeInstanceOf(JoinCancelled);
    timers.advance(60_000);
    expect(calls).toBe(1);
    expect(timers.pendingTimeouts()).toEqual([]);
  });
});
