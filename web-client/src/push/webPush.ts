// Web push for this browser: the person's permission, our own service worker (/push-sw.js, from public/), an FCM
// registration token from the Firebase SDK (loaded on demand), and the token registered with Tribune. Which account
// this browser pushes for is remembered in localStorage, per browser.
import type { FirebaseWebConfig } from '../api/config';
import { ApiError, type ApiClient } from '../api/http';
import { forgetPushToken, registerPushToken } from '../api/notifications';
import type { KeyValueStorage } from '../auth/sessionStore';
import type { FirebaseLib } from '../firebase/firebaseLib';

/** Served at the site root (web-client/public/push-sw.js, copied as it is into the build), so its scope is the site. */
export const PUSH_WORKER_URL = '/push-sw.js';
export const PUSH_STORAGE_KEY = 'tribune.push';

/** What web push needs of the browser; tests hand in their own. */
export interface PushBrowser {
  /** The Notification permission, or null where the browser has no notifications, service workers or Push API. */
  permission(): NotificationPermission | null;
  requestPermission(): Promise<NotificationPermission>;
  /** Registers (or finds) the worker and resolves once it is active: a push subscription needs an active worker. */
  registerWorker(url: string): Promise<ServiceWorkerRegistration>;
  /** The worker's registration if there is one. */
  findWorker(url: string): Promise<ServiceWorkerRegistration | null>;
  storage: KeyValueStorage;
}

function localStorageOrNull(): KeyValueStorage {
  try {
    return window.localStorage;
  } catch {
    const kept = new Map<string, string>();
    return { getItem: (k) => kept.get(k) ?? null, setItem: (k, v) => void kept.set(k, v), removeItem: (k) => void kept.delete(k) };
  }
}

export function browserPush(): PushBrowser {
  const able = typeof Notification !== 'undefined' && typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof PushManager !== 'undefined';
  return {
    permission: () => (able ? Notification.permission : null),
    requestPermission: () => Notification.requestPermission(),
    registerWorker: async (url) => {
      await navigator.serviceWorker.register(url, { scope: '/' });
      return navigator.serviceWorker.ready;
    },
    findWorker: async (url) => (await navigator.serviceWorker.getRegistration(url)) ?? null,
    storage: localStorageOrNull(),
  };
}

/** A failure already in words. */
export class PushProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PushProblem';
  }
}

interface Remembered {
  token: string;
  userId: string;
}

export class WebPush {
  constructor(
    private readonly api: ApiClient,
    private readonly config: FirebaseWebConfig,
    private readonly userId: string,
    private readonly browser: PushBrowser = browserPush(),
    private readonly load: () => Promise<FirebaseLib> = async () => (await import('../firebase/firebaseLib')).firebaseLib,
  ) {}

  /** False where the browser cannot receive push at all. */
  get supported(): boolean {
    return this.browser.permission() !== null;
  }

  /** The person blocked notifications for this site: only the browser's settings can undo that. */
  get blocked(): boolean {
    return this.browser.permission() === 'denied';
  }

  /** Push is on in this browser for this account (the token registered, the permission still given). */
  get on(): boolean {
    return this.browser.permission() === 'granted' && this.remembered()?.userId === this.userId;
  }

  private remembered(): Remembered | null {
    try {
      const value = JSON.parse(this.browser.storage.getItem(PUSH_STORAGE_KEY) ?? 'null') as Partial<Remembered> | null;
      return value && typeof value.token === 'string' && typeof value.userId === 'string' ? { token: value.token, userId: value.userId } : null;
    } catch {
      return null;
    }
  }

  /** Asks for permission, installs the worker, gets this browser's FCM token and registers it with Tribune. */
  async turnOn(): Promise<void> {
    if (!this.supported) throw new PushProblem('This browser cannot receive push notifications.');
    const permission = await this.browser.requestPermission();
    if (permission === 'denied') {
      throw new PushProblem('Notifications are blocked for this site. Allow them in the browser’s site settings, then try again.');
    }
    if (permission !== 'granted') {
      throw new PushProblem('Push notifications need your permission: choose Allow when the browser asks.');
    }
    const registration = await this.browser.registerWorker(PUSH_WORKER_URL).catch(() => {
      throw new PushProblem('The notification worker could not be installed. Reload the page and try again.');
    });
    const lib = await this.firebase();
    let token: string;
    try {
      token = await lib.pushToken(this.config, registration);
    } catch (e) {
      throw new PushProblem(
        e instanceof Error && e.name === 'PushUnsupportedError' ? 'This browser cannot receive push notifications.' : 'Firebase gave this browser no push token. Try again later.',
      );
    }
    try {
      await registerPushToken(this.api, token);
    } catch (e) {
      throw new PushProblem(`Tribune did not take this browser’s push token: ${e instanceof ApiError ? e.describe() : 'try again'}.`);
    }
    this.browser.storage.setItem(PUSH_STORAGE_KEY, JSON.stringify({ token, userId: this.userId } satisfies Remembered));
  }

  /** Forgets this browser's token at Tribune (no more pushes) and at Firebase (its subscription ends). */
  async turnOff(): Promise<void> {
    const remembered = this.remembered();
    if (remembered) {
      try {
        await forgetPushToken(this.api, remembered.token);
      } catch (e) {
        // gone already (pruned after FCM said it was unregistered): what turning off wants
        if (!(e instanceof ApiError && e.status === 404)) {
          throw new PushProblem(`Push notifications could not be turned off: ${e instanceof ApiError ? e.describe() : 'try again'}.`);
        }
      }
    }
    this.browser.storage.removeItem(PUSH_STORAGE_KEY);
    // Tribune pushes nothing more to this browser now; the token at Firebase goes as well where it can
    const registration = await this.browser.findWorker(PUSH_WORKER_URL).catch(() => null);
    if (registration && this.browser.permission() === 'granted') {
      await this.firebase()
        .then((lib) => lib.deletePushToken(this.config, registration))
        .catch(() => undefined);
    }
  }

  private async firebase(): Promise<FirebaseLib> {
    try {
      return await this.load();
    } catch {
      throw new PushProblem('Push notifications could not be loaded. Check your connection and reload the page.');
    }
  }
}

/**
 * Signing out stops this browser's pushes for that account (a shared browser must not show the next person someone
 * else's notices): the token is deleted at Tribune while the session still works. Never fails: signing out goes on.
 */
export async function stopPushOnSignOut(api: ApiClient, userId: string, storage: KeyValueStorage = localStorageOrNull()): Promise<void> {
  let remembered: Partial<Remembered> | null = null;
  try {
    remembered = JSON.parse(storage.getItem(PUSH_STORAGE_KEY) ?? 'null') as Partial<Remembered> | null;
  } catch {
    remembered = null;
  }
  if (!remembered || remembered.userId !== userId || typeof remembered.token !== 'string') return;
  storage.removeItem(PUSH_STORAGE_KEY);
  await forgetPushToken(api, remembered.token).catch(() => undefined);
}
