import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api/http';
import type { Session } from '../src/api/types';
import { MemoryStorage, SessionStore } from '../src/auth/sessionStore';
import { refreshDelay, RETRY_AFTER_FAILURE_MS, TokenRefresher, type RefreshLock } from '../src/auth/tokenRefresher';
import { FakeTimers, flush } from './fakeTimers';

const HOUR = 3_600_000;

function session(n: number, expiresAt: number, userId = 'u1'): Session {
  return {
    accessToken: `access-${n}`,
    refreshToken: `refresh-${n}`,
    expiresAt: new Date(expiresAt).toISOString(),
    user: { id: userId, username: 'alice', displayName: 'Alice' },
  };
}

/** A lock shared by "tabs" in one test, like navigator.locks across tabs of one origin. */
function sharedLock(): RefreshLock {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

describe('refreshDelay', () => {
  it('refreshes a minute before expiry', () => {
    expect(refreshDelay(HOUR, 0)).toBe(HOUR - 60_000);
  });

  it('refreshes a short-lived token after three quarters of its life, not in a loop', () => {
    expect(refreshDelay(40_000, 0)).toBe(30_000);
  });

  it('spreads tabs out: up to a quarter of the lead earlier, as drawn', () => {
    expect(refreshDelay(HOUR, 0, () => 1)).toBe(HOUR - 75_000);
    expect(refreshDelay(HOUR, 0, () => 0.5)).toBe(HOUR - 67_500);
    expect(refreshDelay(40_000, 0, () => 1)).toBe(27_500);
  });

  it('refreshes at once when the token has expired or the date is unreadable', () => {
    expect(refreshDelay(1_000, 5_000)).toBe(0);
    expect(refreshDelay(Number.NaN, 0)).toBe(0);
  });
});

describe('TokenRefresher', () => {
  function setup(options: { refresh?: (token: string) => Promise<Session>; storage?: MemoryStorage; lock?: RefreshLock } = {}) {
    const timers = new FakeTimers();
    const storage = options.storage ?? new MemoryStorage();
    const store = new SessionStore(storage);
    let n = 1;
    const refresh = vi.fn(options.refresh ?? (async () => session(++n, timers.now() + HOUR)));
    const onSignedOut = vi.fn();
    const refresher = new TokenRefresher({ store, refresh, onSignedOut, timers, lock: options.lock ?? sharedLock(), random: () => 0 });
    return { timers, storage, store, refresh, onSignedOut, refresher };
  }

  it('refreshes once, a minute before expiresAt, and plans the next one', async () => {
    const { timers, store, refresh, refresher } = setup();
    store.set(session(1, timers.now() + HOUR));
    refresher.start();

    timers.advance(HOUR - 60_001);
    await flush();
    expect(refresh).not.toHaveBeenCalled();

    timers.advance(1);
    await flush();
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith('refresh-1');
    expect(store.get()?.accessToken).toBe('access-2');

    timers.advance(HOUR - 60_000);
    await flush();
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(refresh).toHaveBeenLastCalledWith('refresh-2');
  });

  it('runs one refresh at a time: concurrent callers share it and the refresh token is spent once', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { timers, store, refresh, refresher } = setup({
      lock: (fn) => fn(), // no Web Locks (older browsers): the tab's own guard must hold
      refresh: async () => {
        await gate;
        return session(2, timers.now() + HOUR);
      },
    });
    store.set(session(1, timers.now() + HOUR));
    refresher.start();

    const a = refresher.refreshNow();
    const b = refresher.refreshNow();
    expect(refresher.refreshing).toBe(true);
    release();
    const [sa, sb] = await Promise.all([a, b]);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(sa?.accessToken).toBe('access-2');
    expect(sb).toBe(sa);
    expect(refresher.refreshing).toBe(false);
  });

  it('a timer firing during a 401-triggered refresh does not refresh a second time', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { timers, store, refresh, refresher } = setup({
      refresh: async () => {
        await gate;
        return session(2, timers.now() + HOUR);
      },
    });
    store.set(session(1, timers.now() + 30_000));
    refresher.start();
    const forced = refresher.refreshNow();
    timers.advance(30_000); // the planned refresh falls due meanwhile
    release();
    await forced;
    await flush();
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('signs out when the refresh token is refused', async () => {
    const { timers, store, onSignedOut, refresher } = setup({
      refresh: async () => {
        throw new ApiError(401, '/problems/unauthorized', 'Unauthorized', 'spent');
      },
    });
    store.set(session(1, timers.now() + HOUR));
    refresher.start();
    expect(await refresher.refreshNow()).toBeNull();
    expect(store.get()).toBeNull();
    expect(onSignedOut).toHaveBeenCalledTimes(1);
  });

  it('tries again later after a network failure, keeping the session', async () => {
    let fail = true;
    const { timers, store, refresh, onSignedOut, refresher } = setup({
      refresh: async () => {
        if (fail) throw new ApiError(0, 'network', 'Network error', 'down');
        return session(2, timers.now() + HOUR);
      },
    });
    store.set(session(1, timers.now() + HOUR));
    refresher.start();
    await expect(refresher.refreshNow()).rejects.toBeInstanceOf(ApiError);
    expect(store.get()?.refreshToken).toBe('refresh-1');
    expect(onSignedOut).not.toHaveBeenCalled();

    fail = false;
    timers.advance(RETRY_AFTER_FAILURE_MS);
    await flush();
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(store.get()?.refreshToken).toBe('refresh-2');
  });

  it('a second tab that waited for the lock adopts the first tab’s tokens instead of spending the same one', async () => {
    const storage = new MemoryStorage();
    const lock = sharedLock();
    const server = { spent: new Set<string>(), n: 1 };
    const timers = new FakeTimers();
    const refresh = vi.fn(async (token: string) => {
      if (server.spent.has(token)) throw new ApiError(401, '/problems/unauthorized', 'Unauthorized', 'reused');
      server.spent.add(token);
      server.n += 1;
      return session(server.n, timers.now() + HOUR);
    });
    const first = new SessionStore(storage);
    first.set(session(1, timers.now() + 30_000));
    const second = new SessionStore(storage); // the other tab read the same session
    const tabA = new TokenRefresher({ store: first, refresh, onSignedOut: vi.fn(), timers, lock });
    const signedOutB = vi.fn();
    const tabB = new TokenRefresher({ store: second, refresh, onSignedOut: signedOutB, timers, lock });

    const [a, b] = await Promise.all([tabA.refreshNow(), tabB.refreshNow()]);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(a?.refreshToken).toBe('refresh-2');
    expect(b?.refreshToken).toBe('refresh-2');
    expect(signedOutB).not.toHaveBeenCalled();
  });

  it('does not adopt another user’s session signed in from another tab', () => {
    const storage = new MemoryStorage();
    const mine = new SessionStore(storage);
    mine.set(session(1, Date.now() + HOUR, 'u1'));
    const other = new SessionStore(storage);
    other.set(session(9, Date.now() + 2 * HOUR, 'u2'));
    expect(mine.adoptPersisted()).toBe(false);
    expect(mine.get()?.user.id).toBe('u1');
  });
});
