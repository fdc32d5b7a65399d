import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api/http';
import type { Session } from '../src/api/types';
import { SessionStore, type KeyValueStorage } from '../src/auth/sessionStore';
import {
  REFRESH_LOCK_NAME,
  TokenRefresher,
  webLocksRefreshLock,
  type LockManagerLike,
} from '../src/auth/tokenRefresher';
import { FakeTimers, flush } from './fakeTimers';

// Two tabs of one origin, as the browser gives them to us: one localStorage (each write fires `storage` in every
// *other* tab), one lock manager (navigator.locks: one holder of a name at a time, across tabs), and one server whose
// refresh tokens are single-use.

const HOUR = 3_600_000;

function session(n: number, expiresAt: number): Session {
  return {
    accessToken: `access-${n}`,
    refreshToken: `refresh-${n}`,
    expiresAt: new Date(expiresAt).toISOString(),
    user: { id: 'u1', username: 'alice', displayName: 'Alice' },
  };
}

/** localStorage shared by the tabs of an origin. */
class OriginStorage {
  private readonly map = new Map<string, string>();
  private readonly windows: EventTarget[] = [];

  /** The storage as one tab sees it: its writes notify the other tabs' windows, never its own. */
  forTab(window: EventTarget): KeyValueStorage {
    this.windows.push(window);
    const notifyOthers = (key: string): void => {
      for (const other of this.windows) {
        if (other !== window) {
          other.dispatchEvent(Object.assign(new Event('storage'), { key }));
        }
      }
    };
    return {
      getItem: (key) => this.map.get(key) ?? null,
      setItem: (key, value) => {
        this.map.set(key, value);
        notifyOthers(key);
      },
      removeItem: (key) => {
        this.map.delete(key);
        notifyOthers(key);
      },
    };
  }
}

/** navigator.locks for an origin: exclusive, granted in request order. */
class FakeLockManager implements LockManagerLike {
  readonly requested: string[] = [];
  private tails = new Map<string, Promise<unknown>>();

  request<T>(name: string, callback: () => Promise<T>): Promise<T> {
    this.requested.push(name);
    const tail = this.tails.get(name) ?? Promise.resolve();
    const run = tail.then(callback, callback);
    this.tails.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  }
}

/** The service's POST /auth/refresh: each refresh token works once. */
function server(timers: FakeTimers) {
  let n = 1;
  const spent = new Set<string>();
  return vi.fn(async (token: string) => {
    await Promise.resolve(); // a network round trip: others run meanwhile
    if (spent.has(token) || token !== `refresh-${n}`) {
      throw new ApiError(401, '/problems/unauthorized', 'Unauthorized', 'refresh token spent');
    }
    spent.add(token);
    n += 1;
    return session(n, timers.now() + HOUR);
  });
}

function openTab(
  origin: OriginStorage,
  refresh: (token: string) => Promise<Session>,
  timers: FakeTimers,
  locks: LockManagerLike | undefined,
  random = () => 0,
) {
  const window = new EventTarget();
  const store = new SessionStore(origin.forTab(window));
  store.followOtherTabs(window);
  const onSignedOut = vi.fn();
  const refresher = new TokenRefresher({ store, refresh, onSignedOut, timers, lock: webLocksRefreshLock(locks), random });
  refresher.start();
  return { store, refresher, onSignedOut };
}

describe('refreshing across tabs', () => {
  it('two tabs whose refresh falls due at the same moment make exactly one network refresh, through navigator.locks', async () => {
    const timers = new FakeTimers();
    const origin = new OriginStorage();
    const locks = new FakeLockManager();
    const refresh = server(timers);
    const signIn = new SessionStore(origin.forTab(new EventTarget()));
    signIn.set(session(1, timers.now() + HOUR));
    const a = openTab(origin, refresh, timers, locks);
    const b = openTab(origin, refresh, timers, locks);

    timers.advance(HOUR - 60_000);
    await flush();

    expect(refresh).toHaveBeenCalledTimes(1);
    expect(locks.requested.every((name) => name === REFRESH_LOCK_NAME)).toBe(true);
    expect(a.store.get()?.refreshToken).toBe('refresh-2');
    expect(b.store.get()?.refreshToken).toBe('refresh-2');
    expect(a.onSignedOut).not.toHaveBeenCalled();
    expect(b.onSignedOut).not.toHaveBeenCalled();
  });

  it('a 401 in each tab at once (both tokens expired while the laptop slept) still refreshes once', async () => {
    const timers = new FakeTimers();
    const origin = new OriginStorage();
    const locks = new FakeLockManager();
    const refresh = server(timers);
    new SessionStore(origin.forTab(new EventTarget())).set(session(1, timers.now() + HOUR));
    const a = openTab(origin, refresh, timers, locks);
    const b = openTab(origin, refresh, timers, locks);

    const [fromA, fromB] = await Promise.all([a.refresher.refreshNow(), b.refresher.refreshNow()]);

    expect(refresh).toHaveBeenCalledTimes(1);
    expect(fromA?.accessToken).toBe('access-2');
    expect(fromB?.accessToken).toBe('access-2');
  });

  it('a tab picks up the session another tab refreshed, and plans its own next refresh from it', async () => {
    const timers = new FakeTimers();
    const origin = new OriginStorage();
    const refresh = server(timers);
    new SessionStore(origin.forTab(new EventTarget())).set(session(1, timers.now() + HOUR));
    const locks = new FakeLockManager();
    const a = openTab(origin, refresh, timers, locks);
    const b = openTab(origin, refresh, timers, locks);

    await a.refresher.refreshNow();
    expect(b.store.get()?.accessToken).toBe('access-2'); // the storage event, before any timer

    // the old session's due time passes without a refresh from either tab; the new one's brings exactly one
    timers.advance(HOUR - 60_000);
    await flush();
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(a.store.get()?.refreshToken).toBe('refresh-3');
    expect(b.store.get()?.refreshToken).toBe('refresh-3');
  });

  it('without Web Locks, spread-out refresh times let the later tab adopt instead of refreshing', async () => {
    const timers = new FakeTimers();
    const origin = new OriginStorage();
    const refresh = server(timers);
    new SessionStore(origin.forTab(new EventTarget())).set(session(1, timers.now() + HOUR));
    const early = openTab(origin, refresh, timers, undefined, () => 1); // falls due 15 s earlier
    const late = openTab(origin, refresh, timers, undefined, () => 0);

    timers.advance(HOUR - 75_000);
    await flush();
    timers.advance(15_000);
    await flush();

    expect(refresh).toHaveBeenCalledTimes(1);
    expect(early.store.get()?.refreshToken).toBe('refresh-2');
    expect(late.store.get()?.refreshToken).toBe('refresh-2');
  });

  it('without Web Locks, a tab refused for a token the other tab just spent takes that tab’s session instead of signing out', async () => {
    const timers = new FakeTimers();
    const origin = new OriginStorage();
    const refresh = server(timers);
    new SessionStore(origin.forTab(new EventTarget())).set(session(1, timers.now() + HOUR));
    const a = openTab(origin, refresh, timers, undefined);
    const b = openTab(origin, refresh, timers, undefined);

    const [fromA, fromB] = await Promise.all([a.refresher.refreshNow(), b.refresher.refreshNow()]);

    expect(fromA?.refreshToken).toBe('refresh-2');
    expect(fromB?.refreshToken).toBe('refresh-2');
    expect(b.onSignedOut).not.toHaveBeenCalled();
    expect(b.store.get()?.refreshToken).toBe('refresh-2');
  });

  it('a tab stops following the others when told to', () => {
    const timers = new FakeTimers();
    const origin = new OriginStorage();
    const window = new EventTarget();
    const store = new SessionStore(origin.forTab(window));
    store.set(session(1, timers.now() + HOUR));
    const stop = store.followOtherTabs(window);
    stop();
    new SessionStore(origin.forTab(new EventTarget())).set(session(2, timers.now() + 2 * HOUR));
    expect(store.get()?.refreshToken).toBe('refresh-1');
  });
});
