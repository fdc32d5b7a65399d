import { login, register, signInAsGuest } from '../api/auth';
import { firebaseSignIn, readConfig } from '../api/config';
import { ApiError, isProblem } from '../api/http';
import type { Session } from '../api/types';
import type { App } from '../app';
import { continueWithGoogle, googleSignInProblem, prepareGoogleSignIn } from '../auth/googleSignIn';
import { h } from '../ui/dom';
import { icon } from '../ui/icons';
import { appealClient, showSuspended } from './noticesPage';
import type { Page } from './page';

/** /signin: sign in, sign up, or continue as a guest; then on to `next`. */
export function mountSignInPage(root: HTMLElement, app: App, next: string): Page {
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'signin-error', hidden: true });

  const describeError = (e: unknown): string => (e instanceof ApiError ? e.describe() : String(e));
  const showError = (text: string): void => {
    error.textContent = text;
    error.hidden = false;
  };

  const done = (session: Session): void => {
    app.session.set(session);
    app.router.navigate(next, { replace: true });
  };

  /** Runs a sign-in with `buttons` disabled; a suspended account is told why, anything else shown in words. */
  const attempt = async (buttons: HTMLButtonElement[], call: () => Promise<Session>, words: (e: unknown) => string | null = describeError): Promise<void> => {
    error.hidden = true;
    buttons.forEach((b) => (b.disabled = true));
    try {
      done(await call());
    } catch (e) {
      // API.md names `/problems/suspended`; older servers answered `/problems/account-suspended` (no appeal token)
      if (e instanceof ApiError && (isProblem(e, '/problems/suspended') || isProblem(e, '/problems/account-suspended'))) {
        suspended(e);
        return;
      }
      const text = words(e);
      if (text !== null) showError(text);
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  };

  const submitting = (form: HTMLFormElement, call: () => Promise<Session>) => (event: Event) => {
    event.preventDefault();
    return attempt(Array.from(form.querySelectorAll('button')), call);
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

  // only when the service has Firebase on: without it, nothing of Google (nor the SDK) reaches the page
  const google = h('div', { class: 'google-signin', hidden: true });
  let destroyed = false;
  readConfig(app.api).then(
    (config) => {
      const firebase = firebaseSignIn(config);
      if (!firebase || destroyed) return;
      // a guest signs in as themselves: the guest account (the same id, in the rooms it joined) becomes the Google one
      const guestToken = (): string | null => {
        const current = app.session.get();
        return current && !current.user.username ? current.accessToken : null;
      };
      const button = h('button', { type: 'button', class: 'secondary google', 'data-testid': 'google-signin' }, icon('log-in'), 'Continue with Google');
      button.addEventListener('click', () => void attempt([button], () => continueWithGoogle(app.api, firebase, guestToken()), googleSignInProblem));
      google.replaceChildren(
        button,
        h('p', { class: 'hint' }, guestToken() ? 'Your guest account becomes your Google account.' : 'Signs you in, or makes your account the first time.'),
      );
      google.hidden = false;
      prepareGoogleSignIn(firebase);
    },
    () => undefined,
  );

  root.replaceChildren(
    h('main', { class: 'signin' }, h('h1', {}, 'Tribune'), error, google, h('div', { class: 'cards' }, signIn, guest, signUp)),
  );
  username.focus();
  return {
    destroy: () => {
      destroyed = true;
      root.replaceChildren();
    },
  };
}
