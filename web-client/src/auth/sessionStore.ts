import type { Session } from '../api/types';

const KEY = 'tribune.session';

/** The part of Web Storage the store uses (localStorage in the page, a map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

type Listener = (session: Session | null) => void;

/** Where `storage` events arrive (window in the page). */
export type StorageEvents = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/**
 * The signed-in session: kept in memory for this tab and persisted in localStorage so a reload or a new tab stays
 * signed in. A tab keeps its own user even if another tab signs in as someone else; it adopts another tab's
 * session only for the same user (that tab refreshed the shared tokens).
 */
export class SessionStore {
  private current: Session | null;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly storage: KeyValueStorage) {
    this.current = this.readPersisted();
  }

  get(): Session | null {
    return this.current;
  }

  set(session: Session | null): void {
    this.current = session;
    try {
      if (session) {
        this.storage.setItem(KEY, JSON.stringify(session));
      } else {
        this.storage.removeItem(KEY);
      }
    } catch {
      // storage full or disabled: the session still lives in this tab
    }
    this.listeners.forEach((l) => l(session));
  }

  /** What is persisted now (possibly written by another tab). */
  readPersisted(): Session | null {
    try {
      const raw = this.storage.getItem(KEY);
      if (!raw) {
        return null;
      }
      const parsed = JSON.parse(raw) as Session;
      return parsed && typeof parsed.accessToken === 'string' && typeof parsed.refreshToken === 'string' && parsed.user
        ? parsed
        : null;
    } catch {
      return null;
    }
  }

  /**
   * Another tab of the same user stored newer tokens: take them (it has spent the refresh token this tab holds).
   * Returns true when adopted.
   */
  adoptPersisted(): boolean {
    const persisted = this.readPersisted();
    const mine = this.current;
    if (
      persisted &&
      mine &&
      persisted.user.id === mine.user.id &&
      persisted.refreshToken !== mine.refreshToken &&
      Date.parse(persisted.expiresAt) >= Date.parse(mine.expiresAt)
    ) {
      this.current = persisted;
      this.listeners.forEach((l) => l(persisted));
      return true;
    }
    return false;
  }

  /**
   * Adopts what another tab stores whenever it does (browsers fire `storage` in every other tab of the origin): that
   * tab refreshed the shared tokens, and the refresh token this tab holds is spent. Returns the way to stop.
   */
  followOtherTabs(events: StorageEvents): () => void {
    const onStorage = (event: Event): void => {
      const key = (event as Event & { key?: string | null }).key;
      // a null key: the other tab cleared all of storage
      if (key === KEY || key === null) {
        this.adoptPersisted();
      }
    };
    events.addEventListener('storage', onStorage);
    return () => events.removeEventListener('storage', onStorage);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** An in-memory KeyValueStorage, for tests and for browsers without localStorage. */
export class MemoryStorage implements KeyValueStorage {
  private readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}
