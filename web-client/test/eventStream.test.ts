import { describe, expect, it, vi } from 'vitest';
import type { RoomEvent } from '../src/api/types';
import { Backoff } from '../src/backoff';
import {
  CLOSE_TOKEN_EXPIRED,
  CLOSE_TOO_SLOW,
  EventStream,
  PING_EVERY_MS,
  SILENCE_LIMIT_MS,
  type EventStreamHandlers,
  type SocketLike,
  type SubscribedInfo,
} from '../src/events/eventStream';
import { FakeTimers, flush } from './fakeTimers';

const ROOM = '0190a0b0-0000-7000-8000-000000000001';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Array<Record<string, unknown>> = [];
  closedWith: number | null = null;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
  ops(op: string): Array<Record<string, unknown>> {
    return this.sent.filter((f) => f.op === op);
  }
}

function event(
  seq: number,
  type = 'room.counts',
  data: Record<string, unknown> = { participantCount: 5, speakerCount: 2 },
): Record<string, unknown> {
  return { op: 'event', roomId: ROOM, seq, type, at: '2026-11-22T10:00:00Z', data };
}

function setup(options: { since?: number; refreshToken?: () => Promise<boolean> } = {}) {
  const timers = new FakeTimers();
  const sockets: FakeSocket[] = [];
  const applied: RoomEvent[] = [];
  const subscribed: SubscribedInfo[] = [];
  const statuses: string[] = [];
  let tickets = 0;
  const handlers: EventStreamHandlers = {
    event: (e) => applied.push(e),
    signal: vi.fn(),
    status: (s) => statuses.push(s),
    subscribed: (info) => subscribed.push(info),
    notParticipant: vi.fn(),
    error: vi.fn(),
    notice: vi.fn(),
  };
  const refreshToken = vi.fn(options.refreshToken ?? (async () => true));
  const stream = new EventStream({
    roomId: ROOM,
    since: options.since ?? 10,
    socketUrl: async () => `ws://test/ws?ticket=t${++tickets}`,
    refreshToken,
    openSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    handlers,
    timers,
    backoff: new Backoff(500, 15_000, () => 1), // no jitter: the ceiling each time
  });
  const last = (): FakeSocket => sockets[sockets.length - 1] as FakeSocket;
  return { timers, sockets, last, applied, subscribed, statuses, handlers, refreshToken, stream };
}

describe('EventStream', () => {
  it('subscribes with since = the join answer’s roomSeq, and goes live on subscribed', async () => {
    const { stream, last, subscribed, statuses } = setup({ since: 42 });
    stream.start();
    await flush();
    last().open();
    expect(last().url).toBe('ws://test/ws?ticket=t1');
    expect(last().ops('subscribe')).toEqual([{ op: 'subscribe', roomId: ROOM, since: 42 }]);
    last().receive({ op: 'subscribed', roomId: ROOM, seq: 45 });
    expect(subscribed).toEqual([{ seq: 45, first: true, afresh: false }]);
    expect(statuses).toEqual(['connecting', 'live']);
    expect(stream.isLive).toBe(true);
  });

  it('applies each event once: replays overlapping what was applied are dropped', async () => {
    const { stream, last, applied } = setup({ since: 10 });
    stream.start();
    await flush();
    last().open();
    last().receive(event(10)); // at or before since: already in the state
    last().receive(event(11));
    last().receive(event(13)); // numbers may skip (events we may not see)
    last().receive(event(12)); // older than the last applied: never applied late
    last().receive(event(13));
    last().receive({ ...event(14), roomId: 'another-room' });
    expect(applied.map((e) => e.seq)).toEqual([11, 13]);
    expect(stream.seq).toBe(13);
  });

  it('hands on only events it knows, with the data their type carries; the others still count for since', async () => {
    const { stream, last, applied } = setup({ since: 10 });
    stream.start();
    await flush();
    last().open();
    last().receive(event(11, 'room.exploded', { how: 'loudly' })); // a type this client does not know
    last().receive(event(12, 'room.counts', { participantCount: 'many' })); // garbled data
    last().receive(event(13, 'hand.lowered', { userId: 'u2', by: 'u1' }));
    expect(applied).toEqual([
      { roomId: ROOM, seq: 13, type: 'hand.lowered', at: '2026-11-22T10:00:00Z', data: { userId: 'u2', by: 'u1' } },
    ]);
    expect(stream.seq).toBe(13);
  });

  it('after a drop, reconnects with a new ticket and resubscribes with since = the last seq seen', async () => {
    const { stream, sockets, last, applied, subscribed, statuses, timers } = setup({ since: 10 });
    stream.start();
    await flush();
    last().open();
    last().receive({ op: 'subscribed', roomId: ROOM, seq: 10 });
    last().receive(event(11));
    last().receive(event(12));
    last().drop(1006);
    expect(statuses[statuses.length - 1]).toBe('reconnecting');

    timers.advance(500);
    await flush();
    expect(sockets).toHaveLength(2);
    expect(last().url).toBe('ws://test/ws?ticket=t2');
    last().open();
    expect(last().ops('subscribe')).toEqual([{ op: 'subscribe', roomId: ROOM, since: 12 }]);
    // the server replays 12 (already applied) and 13 (missed), then says subscribed
    last().receive(event(12));
    last().receive(event(13));
    last().receive({ op: 'subscribed', roomId: ROOM, seq: 13 });
    expect(applied.map((e) => e.seq)).toEqual([11, 12, 13]);
    expect(subscribed[1]).toEqual({ seq: 13, first: false, afresh: false });
  });

  it('backs off exponentially up to a ceiling while reconnects fail, and starts over once subscribed', async () => {
    const { stream, sockets, last, timers } = setup();
    stream.start();
    await flush();
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      last().drop(1006);
      const pending = timers.pendingTimeouts();
      waits.push(pending[0] as number);
      timers.advance(pending[0] as number);
      await flush();
    }
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000]);
    expect(sockets).toHaveLength(8);

    last().open();
    last().receive({ op: 'subscribed', roomId: ROOM, seq: 10 });
    last().drop(CLOSE_TOO_SLOW);
    expect(timers.pendingTimeouts()).toEqual([500]);
  });

  it('refreshes the token first after 4401, then reconnects at once', async () => {
    const { stream, sockets, last, refreshToken } = setup();
    stream.start();
    await flush();
    last().open();
    last().receive({ op: 'subscribed', roomId: ROOM, seq: 10 });
    last().drop(CLOSE_TOKEN_EXPIRED);
    expect(refreshToken).toHaveBeenCalledTimes(1);
    await flush();
    expect(sockets).toHaveLength(2);
  });

  it('stops when the refresh after 4401 finds the user signed out', async () => {
    const { stream, sockets, last, statuses } = setup({ refreshToken: async () => false });
    stream.start();
    await flush();
    last().open();
    last().drop(CLOSE_TOKEN_EXPIRED);
    await flush();
    expect(sockets).toHaveLength(1);
    expect(statuses[statuses.length - 1]).toBe('stopped');
  });

  it('on since_expired subscribes afresh (no since) and says so, taking the new seq as its base', async () => {
    const { stream, last, subscribed, applied } = setup({ since: 10 });
    stream.start();
    await flush();
    last().open();
    last().receive({ op: 'error', code: 'since_expired', message: 'gone' });
    expect(last().ops('subscribe')[1]).toEqual({ op: 'subscribe', roomId: ROOM });
    last().receive({ op: 'subscribed', roomId: ROOM, seq: 20_000 });
    expect(subscribed).toEqual([{ seq: 20_000, first: true, afresh: true }]);
    last().receive(event(20_001));
    expect(applied.map((e) => e.seq)).toEqual([20_001]);
  });

  it('pings every 25 s, and drops a socket that has gone silent', async () => {
    const { stream, sockets, last, timers } = setup();
    stream.start();
    await flush();
    last().open();
    last().receive({ op: 'subscribed', roomId: ROOM, seq: 10 });
    timers.advance(PING_EVERY_MS);
    expect(last().ops('ping')).toHaveLength(1);
    last().receive({ op: 'pong' });
    timers.advance(PING_EVERY_MS);
    expect(last().ops('ping')).toHaveLength(2);
    timers.advance(SILENCE_LIMIT_MS); // no pong for too long
    expect(sockets[0]?.closedWith).toBe(4000);
    timers.advance(500);
    await flush();
    expect(sockets).toHaveLength(2);
  });

  it('sends auth with a fresh token, and signals only while subscribed', async () => {
    const { stream, last } = setup();
    stream.start();
    await flush();
    last().open();
    expect(stream.signal('u2', { type: 'ready' })).toBe(false);
    last().receive({ op: 'subscribed', roomId: ROOM, seq: 10 });
    stream.authenticate('fresh');
    expect(stream.signal('u2', { type: 'ready' })).toBe(true);
    expect(last().ops('auth')).toEqual([{ op: 'auth', accessToken: 'fresh' }]);
    expect(last().ops('signal')).toEqual([{ op: 'signal', roomId: ROOM, to: 'u2', data: { type: 'ready' } }]);
  });

  it('hands signals, errors and personal notices on, and asks to rejoin when no longer a participant', async () => {
    const { stream, last, handlers } = setup();
    stream.start();
    await flush();
    last().open();
    last().receive({ op: 'signal', roomId: ROOM, from: 'u3', data: { type: 'offer', sdp: 'v=0' } });
    last().receive({ op: 'signal', roomId: ROOM, from: 'u3', data: { type: 'nonsense' } });
    last().receive({ op: 'error', code: 'signal_refused', message: 'Only the people on the stage may send audio' });
    last().receive({ op: 'error', code: 'not_participant', message: 'Join first' });
    expect(handlers.signal).toHaveBeenCalledTimes(1);
    expect(handlers.signal).toHaveBeenCalledWith('u3', { type: 'offer', sdp: 'v=0' });
    expect(handlers.error).toHaveBeenCalledWith('signal_refused', 'Only the people on the stage may send audio');
    expect(handlers.notParticipant).toHaveBeenCalledTimes(1);
    last().receive({ op: 'notice', notice: { id: 'n1', kind: 'WARNED', at: '2026-12-01T10:00:00Z', read: false, data: {} } });
    last().receive({ op: 'notice', notice: 'garbage' });
    expect(handlers.notice).toHaveBeenCalledTimes(1);
    expect(handlers.notice).toHaveBeenCalledWith({ id: 'n1', kind: 'WARNED', at: '2026-12-01T10:00:00Z', read: false, data: {} });
    stream.resubscribe();
    expect(last().ops('subscribe')).toHaveLength(2);
  });

  it('stop() unsubscribes, closes and never reconnects', async () => {
    const { stream, sockets, last, timers } = setup();
    stream.start();
    await flush();
    last().open();
    stream.stop();
    expect(last().ops('unsubscribe')).toHaveLength(1);
    expect(last().closedWith).toBe(1000);
    timers.advance(60_000);
    await flush();
    expect(sockets).toHaveLength(1);
  });
});
