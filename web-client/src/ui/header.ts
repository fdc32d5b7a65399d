import type { App } from '../app';
import { h } from './dom';

/** The top bar: the hallway link, who is signed in, and Sign out. */
export function siteHeader(app: App): HTMLElement {
  const user = app.session.get()?.user;
  return h(
    'header',
    { class: 'site' },
    h('a', { href: '/', class: 'brand' }, 'Tribune'),
    h(
      'span',
      { class: 'who' },
      user ? `${user.displayName}${user.username ? '' : ' (guest)'}` : '',
      ' ',
      h('a', { href: '/notices', class: 'notices-link', 'data-testid': 'notices-link' }, 'Notices'),
      ' ',
      h('button', { type: 'button', class: 'link', 'data-testid': 'sign-out', onclick: () => app.signOut('/') }, 'Sign out'),
    ),
  );
}
