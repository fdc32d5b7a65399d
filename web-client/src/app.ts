import { ApiClient } from './api/http';
import type { Session } from './api/types';
import { MemoryStorage, SessionStore, type KeyValueStorage } from './auth/sessionStore';
import { TokenRefresher } from './auth/tokenRefresher';
import { hooks } from './hooks';
import { Router, signInPath } from './router';

/** What every page gets: the API, the session, the refresher and the router. */
export interface App {
  api: ApiClient;
  session: SessionStore;
  refresher: TokenRefresher;
  router: Router;
  /** Sign out in this tab and go to /signin, coming back to `next` afterwards. */
  signOut(next?: string): void;
}

function browserStorage(): KeyValueStorage {
  try {
    const storage = window.localStorage;
    storage.getItem('tribune.session');
    return storage;
  } catch {
    return new MemoryStorage();
  }
}

export function createApp(): App {
  const api = new ApiClient();
  const session = new SessionStore(browserStorage());
  const router = new Router();
  const signOut = (next?: string): void => {
    const route = router.current;
    if (route.name !== 'signin') {
      // leave the page first: a room page says goodbye to the room while the token still works
      router.navigate(signInPath(next ?? router.currentPath), { replace: true });
    }
    session.set(null);
  };
  const refresher = new TokenRefresher({
    store: session,
    refresh: (refreshToken) => api.post<Session>('/api/v1/auth/refresh', { refreshToken }, { auth: false }),
    onSignedOut: () => signOut(),
  });
  api.useCredentials({
    accessToken: () => session.get()?.accessToken ?? null,
    refresh: async () => (await refresher.refreshNow().catch(() => null)) !== null,
    signedOut: () => signOut(),
  });
  // another tab of the same user refreshed the shared tokens: use them (ours are spent)
  session.followOtherTabs(window);
  session.subscribe((s) => {
    hooks.me = s ? { userId: s.user.id, role: hooks.me?.userId === s.user.id ? hooks.me.role : null } : null;
  });
  const current = session.get();
  hooks.me = current ? { userId: current.user.id, role: null } : null;
  refresher.start();
  return { api, session, refresher, router, signOut };
}
