import { myStaffRole } from '../api/moderation';
import type { App } from '../app';
import { h } from './dom';

/** The top bar: the hallway link, who is signed in, and Sign out. */
export function siteHeader(app: App): HTMLElement {
  const user = app.session.get()?.user;
  // staff see the way to the moderation area (club ADMINs reach /moderation too; GET /me does not say who they are)
  const moderation = h('a', { href: '/moderation', class: 'notices-link', 'data-testid': 'moderation-link', hidden: true }, 'Moderation');
  if (user?.username) {
    myStaffRole(app.api).then((role) => (moderation.hidden = role === null), () => undefined);
  }
  return h(
    'header',
    { class: 'site' },
    h('a', { href: '/', class: 'brand' }, 'Tribune'),
    h(
      'span',
      { class: 'who' },
      user ? `${user.displayName}${user.username ? '' : ' (guest)'}` : '',
      ' ',
      moderation,
      ' ',
      h('a', { href: '/notices', class: 'notices-link', 'data-testid': 'notices-link' }, 'Notices'),
      ' ',
      h('button', { type: 'button', class: 'link', 'data-testid': 'sign-out', onclick: () => app.signOut('/') }, 'Sign out'),
    ),
  );
}
