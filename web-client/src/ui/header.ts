import '../styles/hallway.css';
import { readMe } from '../api/people';
import { stopPushOnSignOut } from '../push/webPush';
import type { App } from '../app';
import { h, setText } from './dom';
import { guestGoogleSignIn } from './guestGoogleSignIn';
import { icon } from './icons';
import { noticesLabel, watchUnread } from './unreadNotices';

/**
 * The top bar: Hallway, Clubs, Notices (a bell with the unread count), Moderation (staff and club ADMINs), my name (my
 * profile), Account and Sign out. It wraps onto two lines on a phone.
 */
export function siteHeader(app: App): HTMLElement {
  const user = app.session.get()?.user;
  const registered = Boolean(user?.username);
  const moderation = h('a', { href: '/moderation', class: 'nav-link', 'data-testid': 'moderation-link', hidden: true }, icon('shield'), 'Moderation');
  const badge = h('span', { class: 'badge', 'data-testid': 'notices-badge', 'aria-hidden': 'true', hidden: true });
  // the name is said from the words ("Notices, 3 unread"), the badge is only seen: no aria-label that differs from the text
  const unreadWords = h('span', { class: 'visually-hidden', 'data-testid': 'notices-unread' });
  // a bell with the count: "Notices" is said (and shown as a tooltip), not drawn
  const notices = h(
    'a',
    { href: '/notices', class: 'nav-link notices-link', 'data-testid': 'notices-link', title: 'Notices' },
    icon('bell'),
    h('span', { class: 'visually-hidden' }, 'Notices'),
    badge,
    unreadWords,
  );
  const here = typeof window === 'undefined' ? '' : window.location.pathname;
  const link = (href: string, text: string, testId: string): HTMLElement =>
    h('a', { href, class: 'nav-link', 'data-testid': testId, 'aria-current': here === href ? 'page' : null }, text);

  const header = h(
    'header',
    { class: 'site' },
    h('a', { href: '/', class: 'brand' }, 'Tribune'),
    h(
      'nav',
      { class: 'site-nav', 'aria-label': 'Main' },
      link('/', 'Hallway', 'hallway-link'),
      link('/clubs', 'Clubs', 'clubs-link'),
      user ? notices : null,
      moderation,
    ),
    h(
      'span',
      { class: 'who' },
      user
        ? registered
          ? h('a', { href: `/users/${user.id}`, class: 'nav-link me-link', 'data-testid': 'me-link' }, user.displayName)
          : h('span', { class: 'me-link' }, `${user.displayName} (guest)`)
        : null,
      // a guest becomes an account where they are; the new header then shows it
      user && !registered ? guestGoogleSignIn(app, () => header.replaceWith(siteHeader(app))) : null,
      registered ? link('/account', 'Account', 'account-link') : null,
      user
        ? h('button', { type: 'button', class: 'link', 'data-testid': 'sign-out', onclick: () => void stopPushOnSignOut(app.api, user.id).finally(() => app.signOut('/')) }, 'Sign out')
        : null,
    ),
  );
  if (user) {
    // staff, and club ADMINs (they handle reports about their clubs' rooms), reach the moderation area
    readMe(app.api).then(
      (me) => (moderation.hidden = !(me?.staffRole || (me?.adminOfClubs?.length ?? 0) > 0)),
      () => undefined,
    );
    // a header is made on every navigation: that is the count's refresh on navigation
    watchUnread(
      app.api,
      (count, more) => {
        badge.hidden = count === 0;
        setText(badge, `${count}${more ? '+' : ''}`);
        setText(unreadWords, noticesLabel(count, more).slice('Notices'.length));
      },
      () => header.isConnected,
    );
  }
  return header;
}
