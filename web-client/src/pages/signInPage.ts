import { login, register, signInAsGuest } from '../api/auth';
import { ApiError, isProblem } from '../api/http';
import type { Session } from '../api/types';
import type { App } from '../app';
import { h } from '../ui/dom';
import { appealClient, showSuspended } from './noticesPage';
import type { Page } from './page';

/** /signin: sign in, sign up, or continue as a guest; then on to `next`. */
export function mountSignInPage(root: HTMLElement, app: App, next: string): Page {
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'signin-error', hidden: true });

  const showError = (e: unknown): void => {
    error.textContent = e instanceof ApiError ? e.describe() : String(e);
    error.hidden = false;
  };

  const done = (session: Session): void => {
    app.session.set(session);
    app.router.navigate(next, { replace: true });
  };

  const submitting = (form: HTMLFormElement, call: () => Promise<Session>) => async (event: Event) => {
    event.preventDefault();
    error.hidden = true;
    const buttons = Array.from(form.querySelectorAll('button'));
    buttons.forEach((b) => (b.disabled = true));
    try {
      done(await call());
    } catch (e) {
      // API.md names `/problems/suspended`; older servers answered `/problems/account-suspended` (no appeal token)
      if (e instanceof ApiError && (isProblem(e, '/problems/suspended') || isProblem(e, '/problems/account-suspended'))) {
        suspended(e);
        return;
      }
      showError(e);
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  };

  // a suspended account may read why and appeal, nothing else: its appeal token goes nowhere but those two calls
  const suspended = (e: ApiError): void => {
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
    const { until, reason, appealToken } = e.properties;
    const token = text(appealToken);
    showSuspended(root, { until: text(until), reason: text(reason) ?? (e.detail || null), appealToken: token }, () => mountSignInPage(root, app, next), token ? appealClient(token) : null);
  };

  const username = h('input', { 'data-testid': 'signin-username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', {
    'data-testid': 'signin-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const signIn = h(
    'form',
    { class: 'card', 'aria-label': 'Sign in' },
    h('h2', {}, 'Sign in'),
    h('label', {}, 'Username', username),
    h('label', {}, 'Password', password),
    h('button', { type: 'submit', 'data-testid': 'signin-submit' }, 'Sign in'),
    h('p', { class: 'hint' }, 'Demo account: ', h('code', {}, 'alice'), ' / ', h('code', {}, 'tribune-demo')),
  );
  signIn.addEventListener(
    'submit',
    submitting(signIn, () =>
      login(app.api, { username: username.value.trim(), password: password.value }),
    ),
  );

  const newUsername = h('input', { 'data-testid': 'signup-username', name: 'new-username', autocomplete: 'username', required: true });
  const newPassword = h('input', {
    'data-testid': 'signup-password',
    name: 'new-password',
    type: 'password',
    autocomplete: 'new-password',
    minlength: 8,
    required: true,
  });
  const displayName = h('input', { 'data-testid': 'signup-displayname', name: 'display-name', autocomplete: 'name', required: true });
  const signUp = h(
    'form',
    { class: 'card', 'aria-label': 'Sign up' },
    h('h2', {}, 'Sign up'),
    h('label', {}, 'Username', newUsername),
    h('label', {}, 'Password (8 or more characters)', newPassword),
    h('label', {}, 'Display name', displayName),
    h('button', { type: 'submit', 'data-testid': 'signup-submit' }, 'Create account'),
  );
  signUp.addEventListener(
    'submit',
    submitting(signUp, () =>
      register(app.api, { username: newUsername.value.trim(), password: newPassword.value, displayName: displayName.value.trim() }),
    ),
  );

  const guestName = h('input', { 'data-testid': 'guest-name', name: 'guest-name', placeholder: 'Your name' });
  const guest = h(
    'form',
    { class: 'card', 'aria-label': 'Continue as a guest' },
    h('h2', {}, 'Just listen'),
    h('p', { class: 'hint' }, 'Guests can listen to public rooms and raise a hand.'),
    h('label', {}, 'Display name', guestName),
    h('button', { type: 'submit', 'data-testid': 'guest-submit' }, 'Continue as a guest'),
  );
  guest.addEventListener(
    'submit',
    submitting(guest, () => {
      const name = guestName.value.trim();
      return signInAsGuest(app.api, name ? { displayName: name } : {});
    }),
  );

  root.replaceChildren(
    h('main', { class: 'signin' }, h('h1', {}, 'Tribune'), error, h('div', { class: 'cards' }, signIn, guest, signUp)),
  );
  username.focus();
  return { destroy: () => root.replaceChildren() };
}
