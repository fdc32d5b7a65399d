import { vi } from 'vitest';
import { ApiClient } from '../src/api/http';
import type { Session } from '../src/api/types';
import type { App } from '../src/app';
import { MemoryStorage, SessionStore } from '../src/auth/sessionStore';
import { TokenRefresher } from '../src/auth/tokenRefresher';

export type Route = (body: unknown, url: string) => [number, unknown];

/**
 * A fetch answering `METHOD /path` (the query string is matched first with it, then without), recording every
 * call; unknown calls answer a 404 problem.
 */
export function fakeFetch(routes: Record<string, Route>) {
  const calls: Array<[string, unknown]> = [];
  const fn = vi.fn(async (url: string, init: RequestInit) => {
    const call = `${init.method} ${url}`;
    const body = init.body === undefined ? undefined : JSON.parse(String(init.body));
    calls.push([call, body]);
    const route = routes[call] ?? routes[call.split('?')[0] as string];
    const [status, answer] = route ? route(body, url) : [404, { type: '/problems/not-found', title: 'Not found', status: 404, detail: 'No such thing' }];
    return new Response(answer === undefined ? null : JSON.stringify(answer), {
      status,
      headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
    });
  });
  return { fn, calls, called: (prefix: string) => calls.filter((c) => c[0].startsWith(prefix)) };
}

export const ME = 'u-me';

/** An App on that fetch, signed in as `user` (a guest when username is null). */
export function appWith(fetchFn: typeof fetch, user: Session['user'] = { id: ME, username: 'lisa', displayName: 'Lisa' }) {
  const api = new ApiClient(fetchFn);
  const session = new SessionStore(new MemoryStorage());
  const s: Session = { accessToken: 'a', refreshToken: 'r', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user };
  session.set(s);
  api.useCredentials({ accessToken: () => 'a', refresh: async () => true, signedOut: vi.fn() });
  const navigate = vi.fn();
  const signOut = vi.fn();
  const app: App = { api, session, refresher: new TokenRefresher({ store: session, refresh: async () => s, onSignedOut: vi.fn() }), router: { navigate } as unknown as App['router'], signOut };
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  return { app, root, navigate, signOut };
}

/** The form control labelled `text` (a label tied by `for`, a wrapping label's own first words, or an aria-label). */
export function byLabel<E extends HTMLElement = HTMLInputElement>(root: ParentNode, text: string): E | null {
  for (const label of Array.from(root.querySelectorAll('label'))) {
    const own = label.firstChild?.nodeType === Node.TEXT_NODE ? label.firstChild.textContent?.trim() : '';
    if (own !== text) continue;
    const tied = label.htmlFor ? label.ownerDocument.getElementById(label.htmlFor) : null;
    return (tied ?? label.querySelector('input, select, textarea')) as E | null;
  }
  return root.querySelector(`[aria-label="${text}"]`) as E | null;
}

/** The button whose accessible name (aria-label, else text) is `name`. */
export function button(root: ParentNode, name: string): HTMLButtonElement | null {
  return (Array.from(root.querySelectorAll('button')).find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name) ?? null) as HTMLButtonElement | null;
}

export function room(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: `Room ${id}`,
    club: null,
    visibility: 'PUBLIC',
    status: 'LIVE',
    panel: [{ userId: 'u-h', displayName: 'Hana', role: 'HOST' }],
    speakerCount: 1,
    participantCount: 4,
    startedAt: '2026-12-01T10:00:00Z',
    scheduledFor: null,
    ...extra,
  };
}
