import type { SignalData } from '../api/types';
import { parseRoomEvent, type RoomEvent } from './roomEvents';
import { realTimers, type Timers } from '../timers';
import { Backoff } from '../backoff';

/** The part of the browser's WebSocket the stream uses. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

const OPEN = 1;
export const PING_EVERY_MS = 25_000;
/** A socket that has said nothing for this long is taken for dead (a sleeping laptop, a dropped NAT mapping). */
export const SILENCE_LIMIT_MS = 65_000;
/** Close codes of API.md: token expired; client too slow. */
export const CLOSE_TOKEN_EXPIRED = 4401;
export const CLOSE_TOO_SLOW = 4408;

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface SubscribedInfo {
  /** The room's sequence number when the subscription went live. */
  seq: number;
  /** The first subscription of this stream (false after a reconnect). */
  first: boolean;
  /** Subscribed without `since` after `since_expired`: the room must be read again. */
  afresh: boolean;
}

export interface EventStreamHandlers {
  event(event: RoomEvent): void;
  signal(from: string, data: SignalData): void;
  status(status: StreamStatus): void;
  subscribed(info: SubscribedInfo): void;
  /** The server no longer counts us in the room (we were gone past the grace): rejoin, then call resubscribe(). */
  notParticipant(): void;
  error(code: string, message: string): void;
  /** A personal notice (`{"op":"notice"}`), sent to every socket of mine whatever the room. */
  notice?(notice: Record<string, unknown>): void;
}

export interface EventStreamOptions {
  roomId: string;
  /** The join answer's `events.roomSeq`: events after it are applied. */
  since: number;
  /** Opens the socket with a fresh ws-ticket (absolute ws: or wss: URL). */
  socketUrl: () => Promise<string>;
  /** Refreshes the access token after a 4401 close; false when signed out. */
  refreshToken: () => Promise<boolean>;
  openSocket: (url: string) => SocketLike;
  handlers: EventStreamHandlers;
  timers?: Timers;
  backoff?: Backoff;
}

/**
 * A room's event stream over /ws: subscribes with `since` = the last sequence number applied, applies each event
 * once (none twice across reconnects), reconnects with backoff, refreshes the token first after a 4401, pings every
 * 25 s, and resubscribes afresh when the history it asked for is gone. Also carries mesh signals both ways.
 */
export class EventStream {
  private readonly timers: Timers;
  private readonly backoff: Backoff;
  private socket: SocketLike | null = null;
  private lastSeq: number;
  private stopped = false;
  private subscribedOnce = false;
  private live = false;
  private afresh = false;
  private reconnectTimer: unknown = null;
  private pingTimer: unknown = null;
  private lastHeard = 0;
  private connecting = false;

  constructor(private readonly options: EventStreamOptions) {
    this.timers = options.timers ?? realTimers;
    this.backoff = options.backoff ?? new Backoff();
    this.lastSeq = options.since;
  }

  /** The last sequence number applied (or covered by a `subscribed`): where a resubscription resumes. */
  get seq(): number {
    return this.lastSeq;
  }

  get isLive(): boolean {
    return this.live;
  }

  start(): void {
    this.options.handlers.status('connecting');
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.live = false;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      try {
        socket.send(JSON.stringify({ op: 'unsubscribe', roomId: this.options.roomId }));
      } catch {
        // already closing
      }
      socket.close(1000, 'left the room');
    }
    this.options.handlers.status('stopped');
  }

  /** Subscribes again on the open socket, resuming after the last event applied (after a rejoin). */
  resubscribe(): void {
    this.subscribe();
  }

  /** Extends the socket's life with a fresh access token (sent after every refresh). */
  authenticate(accessToken: string): void {
    this.send({ op: 'auth', accessToken });
  }

  /** A mesh signal to one participant; false when the stream is not subscribed (the signal is dropped). */
  signal(to: string, data: SignalData): boolean {
    if (!this.live) {
      return false;
    }
    return this.send({ op: 'signal', roomId: this.options.roomId, to, data });
  }

  /** Any other client frame (`audio.health`), sent only while subscribed. */
  sendFrame(frame: Record<string, unknown>): boolean {
    return this.live ? this.send(frame) : false;
  }

  private send(frame: Record<string, unknown>): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) {
      return false;
    }
    socket.send(JSON.stringify(frame));
    return true;
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.connecting) {
      return;
    }
    this.connecting = true;
    let url: string;
    try {
      url = await this.options.socketUrl();
    } catch {
      this.connecting = false;
      this.retryLater();
      return;
    }
    this.connecting = false;
    if (this.stopped) {
      return;
    }
    const socket = this.options.openSocket(url);
    this.socket = socket;
    socket.onopen = () => {
      this.lastHeard = this.timers.now();
      this.subscribe();
      this.startPings();
    };
    socket.onmessage = (message) => {
      this.lastHeard = this.timers.now();
      this.receive(message.data);
    };
    socket.onerror = () => {
      // followed by onclose, which decides what to do
    };
    socket.onclose = (close) => {
      if (this.socket === socket) {
        this.closed(close.code);
      }
    };
  }

  private subscribe(): void {
    const frame: Record<string, unknown> = { op: 'subscribe', roomId: this.options.roomId };
    if (!this.afresh) {
      frame.since = this.lastSeq;
    }
    this.send(frame);
  }

  private receive(raw: unknown): void {
    let frame: Record<string, unknown>;
    try {
      frame = JSON.parse(String(raw)) as Record<string, unknown>;
    } catch {
      return;
    }
    switch (frame.op) {
      case 'event':
        this.onEvent(frame);
        break;
      case 'subscribed':
        this.onSubscribed(frame);
        break;
      case 'signal':
        if (frame.roomId === this.options.roomId && typeof frame.from === 'string' && isSignalData(frame.data)) {
          this.options.handlers.signal(frame.from, frame.data);
        }
        break;
      case 'error':
        this.onError(String(frame.code ?? ''), String(frame.message ?? ''));
        break;
      case 'notice':
        if (typeof frame.notice === 'object' && frame.notice !== null && !Array.isArray(frame.notice)) {
          this.options.handlers.notice?.(frame.notice as Record<string, unknown>);
        }
        break;
      default:
        break; // pong, and ops this client does not know
    }
  }

  private onEvent(frame: Record<string, unknown>): void {
    if (frame.roomId !== this.options.roomId || typeof frame.seq !== 'number') {
      return;
    }
    if (frame.seq <= this.lastSeq) {
      return; // already applied (a replay overlapping what we had)
    }
    this.lastSeq = frame.seq;
    const event = parseRoomEvent({
      roomId: frame.roomId,
      seq: frame.seq,
      type: String(frame.type),
      at: typeof frame.at === 'string' ? frame.at : undefined,
      data: (frame.data ?? {}) as Record<string, unknown>,
    });
    // one this client does not know (or garbled) is passed over: its seq counts, it changes nothing
    if (event) {
      this.options.handlers.event(event);
    }
  }

  private onSubscribed(frame: Record<string, unknown>): void {
    if (frame.roomId !== this.options.roomId) {
      return;
    }
    const seq = typeof frame.seq === 'number' ? frame.seq : this.lastSeq;
    const afresh = this.afresh;
    // every event up to seq that we may see has been sent: resume after it next time
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.afresh = false;
    this.live = true;
    this.backoff.reset();
    const first = !this.subscribedOnce;
    this.subscribedOnce = true;
    this.options.handlers.status('live');
    this.options.handlers.subscribed({ seq, first, afresh });
  }

  private onError(code: string, message: string): void {
    if (code === 'since_expired') {
      // the history after lastSeq is gone: subscribe without since; the room is read again once subscribed
      this.afresh = true;
      this.live = false;
      this.subscribe();
      return;
    }
    if (code === 'not_participant') {
      this.live = false;
      this.options.handlers.notParticipant();
      return;
    }
    this.options.handlers.error(code, message);
  }

  private closed(code: number): void {
    this.socket = null;
    this.live = false;
    this.stopPings();
    if (this.stopped) {
      return;
    }
    this.options.handlers.status('reconnecting');
    if (code === CLOSE_TOKEN_EXPIRED) {
      // the token behind the socket expired: a fresh one first, then straight back
      this.options.refreshToken().then(
        (ok) => (ok ? void this.connect() : this.stop()),
        () => this.retryLater(),
      );
      return;
    }
    this.retryLater();
  }

  private retryLater(): void {
    if (this.stopped || this.reconnectTimer !== null) {
      return;
    }
    this.options.handlers.status('reconnecting');
    this.reconnectTimer = this.timers.setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, this.backoff.next());
  }

  private startPings(): void {
    this.stopPings();
    this.pingTimer = this.timers.setInterval(() => {
      if (this.timers.now() - this.lastHeard > SILENCE_LIMIT_MS) {
        // a dead connection may take minutes to report its close: drop it and reconnect now
        const dead = this.socket;
        if (dead) {
          dead.onclose = null;
          dead.onmessage = null;
          dead.close(4000, 'no answer to pings');
        }
        this.closed(4000);
        return;
      }
      this.send({ op: 'ping' });
    }, PING_EVERY_MS);
  }

  private stopPings(): void {
    if (this.pingTimer !== null) {
      this.timers.clearInterval(this.pingTimer);
      this.pingTimer = null;
    }
  }

  private clearTimers(): void {
    this.stopPings();
    if (this.reconnectTimer !== null) {
      this.timers.clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
  }
}

function isSignalData(data: unknown): data is SignalData {
  if (!data || typeof data !== 'object') {
    return false;
  }
  const type = (data as { type?: unknown }).type;
  return type === 'ready' || type === 'offer' || type === 'answer' || type === 'candidate' || type === 'bye';
}

/** A browser WebSocket, seen through SocketLike (its handlers take the DOM's event types). */
export function browserSocket(url: string): SocketLike {
  return new WebSocket(url) as unknown as SocketLike;
}
