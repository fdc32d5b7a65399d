// Joining in a join storm: the service answers 429 `/problems/join-queued` with Retry-After, the place in line
// (`position`) and a `queueToken`; we wait as told (never less, a little more so that a crowd told the same second
// does not come back in one burst) and join again with the token, which keeps the place. DOM-free: the page is told
// the position through `queued`.
import { ApiError, isProblem } from '../api/http';
import type { Timers } from '../timers';

export const JOIN_QUEUED = '/problems/join-queued';
/** At most this much is added to Retry-After. The service holds a place that long past its time and longer. */
export const JOIN_JITTER_MS = 250;

/** A 429 `/problems/join-queued`, read. */
export interface QueuedTurn {
  position: number;
  queueToken: string;
  retryAfterSeconds: number;
}

export function queuedTurn(e: unknown): QueuedTurn | null {
  if (!(e instanceof ApiError) || !isProblem(e, JOIN_QUEUED)) return null;
  const { position, queueToken } = e.properties;
  if (typeof position !== 'number' || typeof queueToken !== 'string') return null;
  return { position, queueToken, retryAfterSeconds: e.retryAfterSeconds ?? 1 };
}

/** Thrown by `JoinLine.join` when the person gave up their place (Cancel, or the page went away). */
export class JoinCancelled extends Error {
  constructor() {
    super('The join was cancelled.');
    this.name = 'JoinCancelled';
  }
}

export interface JoinLineOptions {
  timers: Timers;
  /** Our place in line, after each 429; null once the line is behind us (joined, cancelled or refused). */
  queued: (position: number | null) => void;
  random?: () => number;
}

export class JoinLine {
  private timer: unknown = null;
  private wake: (() => void) | null = null;
  private cancelled = false;

  constructor(private readonly options: JoinLineOptions) {}

  /** Calls `call` until it answers anything but join-queued, sending back the token each 429 gave. */
  async join<T>(call: (queueToken: string | null) => Promise<T>): Promise<T> {
    this.cancelled = false;
    let token: string | null = null;
    try {
      for (;;) {
        try {
          return await call(token);
        } catch (e) {
          if (this.cancelled) throw new JoinCancelled();
          const turn = queuedTurn(e);
          if (!turn) throw e;
          token = turn.queueToken;
          this.options.queued(turn.position);
          await this.sleep(turn.retryAfterSeconds * 1000 + Math.floor((this.options.random ?? Math.random)() * JOIN_JITTER_MS));
        }
      }
    } finally {
      this.options.queued(null);
    }
  }

  /** Gives up the place: the wait ends and `join` throws JoinCancelled. */
  cancel(): void {
    this.cancelled = true;
    if (this.timer !== null) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
    this.wake?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.wake = () => {
        this.wake = null;
        reject(new JoinCancelled());
      };
      this.timer = this.options.timers.setTimeout(() => {
        this.timer = null;
        this.wake = null;
        if (this.cancelled) reject(new JoinCancelled());
        else resolve();
      }, ms);
    });
  }
}
