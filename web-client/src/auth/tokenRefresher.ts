import { ApiError } from '../api/http';
import type { Session } from '../api/types';
import { MAX_TIMER_MS, realTimers, type Timers } from '../timers';
import type { SessionStore } from './sessionStore';

/** How long before `expiresAt` a token is refreshed: a minute, or a quarter of a short token's life. */
export const REFRESH_LEAD_MS = 60_000;
/** After a refresh that failed for a passing reason (network, 5xx, 429), try again after this long. */
export const RETRY_AFTER_FAILURE_MS = 10_000;

/**
 * When to refresh a token expiring at `expiresAtMs`, as a delay from `nowMs`: `lead` before expiry, plus up to a
 * quarter of the lead more, drawn by `random`. Tabs holding the same session would otherwise all fall due at the same
 * millisecond; spread out, the first one's new tokens reach the others (storage event) before they wake, even in a
 * browser without Web Locks.
 */
export function refreshDelay(expiresAtMs: number, nowMs: number, random: () => number = () => 0): number {
  const remaining = expiresAtMs - nowMs;
  if (!Number.isFinite(remaining) || remaining <= 0) {
    return 0;
  }
  const lead = Math.min(REFRESH_LEAD_MS, remaining / 4);
  const spread = (lead / 4) * Math.min(1, Math.max(0, random()));
  return Math.max(0, Math.floor(remaining - lead - spread));
}

/** Runs `fn` while no other tab of this origin refreshes (Web Locks where the browser has them). */
export type RefreshLock = <T>(fn: () => Promise<T>) => Promise<T>;

/** The one method of the Web Locks API (`navigator.locks`) used here. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** Every tab of the origin takes this lock to refresh: one at a time, across tabs. */
export const REFRESH_LOCK_NAME = 'tribune.token-refresh';

/**
 * A refresh lock over Web Locks; without them (an old browser, an insecure origin) it just runs `fn`: this tab still
 * re-reads the stored session first, its refresh time is spread out (see refreshDelay), and a spent-token refusal
 * is checked against the stored session before signing out, so two tabs rarely spend the same token and never sign
 * each other out because of it.
 */
export function webLocksRefreshLock(locks: LockManagerLike | undefined): RefreshLock {
  return (fn) => (locks ? locks.request(REFRESH_LOCK_NAME, fn) : fn());
}

export const browserRefreshLock: RefreshLock = (fn) =>
  webLocksRefreshLock((globalThis.navigator as Navigator | undefined)?.locks as LockManagerLike | undefined)(fn);

export interface TokenRefresherOptions {
  store: SessionStore;
  /** POST /api/v1/auth/refresh with this refresh token (without the bearer token). */
  refresh: (refreshToken: string) => Promise<Session>;
  /** The session is gone (refresh token spent, revoked or expired): go to /signin. */
  onSignedOut: () => void;
  timers?: Timers;
  lock?: RefreshLock;
  /** Draws where in its window a planned refresh falls (Math.random; fixed in tests). */
  random?: () => number;
}

/**
 * Keeps the access token fresh. Refresh tokens rotate and are single-use (presenting a spent one signs the user out
 * everywhere), so there is exactly one refresh in flight per tab, and tabs take turns through a lock, re-reading
 * the stored session first: a tab that waited adopts what the other one got instead of spending the same token.
 */
export class TokenRefresher {
  private readonly timers: Timers;
  private readonly lock: RefreshLock;
  private readonly random: () => number;
  private timer: unknown = null;
  private inflight: Promise<Session | null> | null = null;
  private unsubscribe: (() => void) | null = null;
  private started = false;

  constructor(private readonly options: TokenRefresherOptions) {
    this.timers = options.timers ?? realTimers;
    this.lock = options.lock ?? browserRefreshLock;
    this.random = options.random ?? Math.random;
  }

  /** Plans the refresh of the current session, and of every session stored later (sign-in, adoption). */
  start(): void {
    if (this.started) {
      return;
    }
    this.started = true;
    this.unsubscribe = this.options.store.subscribe(() => this.plan());
    this.plan();
  }

  stop(): void {
    this.started = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.cancelTimer();
  }

  /** True while a refresh is under way. */
  get refreshing(): boolean {
    return this.inflight !== null;
  }

  /**
   * Refreshes now (a 401, a socket closed with 4401) or joins the refresh already under way. Resolves with the new
   * session, or null when the user is signed out.
   */
  refreshNow(): Promise<Session | null> {
    if (!this.inflight) {
      this.inflight = this.run().finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  private async run(): Promise<Session | null> {
    const { store } = this.options;
    const startedWith = store.get()?.refreshToken ?? null;
    let spending: string | null = null;
    try {
      return await this.lock(async () => {
        // another tab may have refreshed while this one waited for the lock: its tokens replace ours
        store.adoptPersisted();
        const session = store.get();
        if (!session) {
          return null;
        }
        if (session.refreshToken !== startedWith && Date.parse(session.expiresAt) > this.timers.now()) {
          return session;
        }
        spending = session.refreshToken;
        const fresh = await this.options.refresh(session.refreshToken);
        store.set(fresh);
        return fresh;
      });
    } catch (e) {
      if (e instanceof ApiError && (e.status === 400 || e.status === 401 || e.status === 403 || e.status === 404)) {
        // refused as spent: if another tab spent it (no Web Locks, so both tried), that tab's tokens are ours now
        store.adoptPersisted();
        const current = store.get();
        if (current && spending !== null && current.refreshToken !== spending) {
          return current;
        }
        store.set(null);
        this.options.onSignedOut();
        return null;
      }
      // a passing failure: try again soon; the current token may still be good for a while
      this.schedule(RETRY_AFTER_FAILURE_MS);
      throw e;
    }
  }

  private plan(): void {
    this.cancelTimer();
    const session = this.options.store.get();
    if (!this.started || !session) {
      return;
    }
    this.schedule(refreshDelay(Date.parse(session.expiresAt), this.timers.now(), this.random));
  }

  private schedule(delay: number): void {
    this.cancelTimer();
    if (!this.started) {
      return;
    }
    const dueAt = this.timers.now() + delay;
    const wait = (ms: number): void => {
      this.timer = this.timers.setTimeout(() => {
        this.timer = null;
        const left = dueAt - this.timers.now();
        if (left > 1000) {
          wait(Math.min(MAX_TIMER_MS, left)); // woke early: a wait longer than a timer can hold
          return;
        }
        this.refreshNow().catch(() => {
          /* planned again by run() */
        });
      }, ms);
    };
    wait(Math.min(MAX_TIMER_MS, delay));
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    }
  }
}
