/** Client-side routes (history API). The service answers every such path with index.html. */
export type Route =
  | { name: 'signin'; next: string }
  | { name: 'hallway' }
  | { name: 'room'; roomId: string }
  | { name: 'notices' }
  | { name: 'moderation' }
  | { name: 'clubs' }
  | { name: 'club'; clubId: string }
  | { name: 'user'; userId: string }
  | { name: 'account' }
  | { name: 'not-found'; path: string };

const ROOM = /^\/rooms\/([0-9a-fA-F-]{1,64})\/?$/;
const CLUB = /^\/clubs\/([0-9a-fA-F-]{1,64})\/?$/;
const USER = /^\/users\/([0-9a-fA-F-]{1,64})\/?$/;

export function matchRoute(pathname: string, search = ''): Route {
  const path = pathname.replace(/\/{2,}/g, '/');
  if (path === '/' || path === '') {
    return { name: 'hallway' };
  }
  if (path === '/signin' || path === '/signin/') {
    return { name: 'signin', next: safeNext(new URLSearchParams(search).get('next')) };
  }
  if (path === '/notices' || path === '/notices/') {
    return { name: 'notices' };
  }
  if (path === '/moderation' || path === '/moderation/') {
    return { name: 'moderation' };
  }
  if (path === '/clubs' || path === '/clubs/') {
    return { name: 'clubs' };
  }
  if (path === '/account' || path === '/account/') {
    return { name: 'account' };
  }
  const club = CLUB.exec(path);
  if (club?.[1]) {
    return { name: 'club', clubId: club[1].toLowerCase() };
  }
  const user = USER.exec(path);
  if (user?.[1]) {
    return { name: 'user', userId: user[1].toLowerCase() };
  }
  const room = ROOM.exec(path);
  if (room?.[1]) {
    return { name: 'room', roomId: room[1].toLowerCase() };
  }
  return { name: 'not-found', path };
}

/** Where to go after signing in: a path of this site only (never another origin), else the hallway. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/signin')) {
    return '/';
  }
  return next;
}

export function signInPath(next: string): string {
  const target = safeNext(next);
  return target === '/' ? '/signin' : `/signin?next=${encodeURIComponent(target)}`;
}

/** Does this route need a signed-in session? */
export function needsSession(route: Route): boolean {
  return route.name !== 'signin';
}

export interface NavigationState {
  /** Arrived from the hallway (or a room just created): join without a click. */
  autoJoin?: boolean;
}

export type RouteListener = (route: Route, state: NavigationState) => void;

/** Pushes history entries, answers back/forward, and turns clicks on same-site links into navigations. */
export class Router {
  private listener: RouteListener | null = null;

  constructor(private readonly win: Window = window) {}

  start(listener: RouteListener): void {
    this.listener = listener;
    this.win.addEventListener('popstate', (e) => this.emit((e.state as NavigationState | null) ?? {}));
    this.win.document.addEventListener('click', (e) => this.onClick(e));
    this.emit((this.win.history.state as NavigationState | null) ?? {});
  }

  get current(): Route {
    return matchRoute(this.win.location.pathname, this.win.location.search);
  }

  /** The path and query now (for `next`). */
  get currentPath(): string {
    return this.win.location.pathname + this.win.location.search;
  }

  navigate(path: string, options: { replace?: boolean; state?: NavigationState } = {}): void {
    const state = options.state ?? {};
    if (options.replace) {
      this.win.history.replaceState(state, '', path);
    } else {
      this.win.history.pushState(state, '', path);
    }
    this.emit(state);
  }

  private emit(state: NavigationState): void {
    this.listener?.(this.current, state);
  }

  private onClick(event: MouseEvent): void {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) {
      return;
    }
    const url = new URL(anchor.href, this.win.location.href);
    if (url.origin !== this.win.location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/swagger')) {
      return;
    }
    event.preventDefault();
    const state: NavigationState = anchor.dataset.autojoin === 'true' ? { autoJoin: true } : {};
    this.navigate(url.pathname + url.search, { state });
  }
}
