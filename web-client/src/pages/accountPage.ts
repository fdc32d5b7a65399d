import '../styles/hallway.css';
import { login } from '../api/auth';
import { firebaseSignIn, readConfig, type FirebaseWebConfig } from '../api/config';
import { ApiError } from '../api/http';
import { changePassword, deleteAccount, readMe, signOutEverywhere } from '../api/people';
import type { App } from '../app';
import { continueWithGoogle, googleSignInProblem, prepareGoogleSignIn } from '../auth/googleSignIn';
import { h, setText } from '../ui/dom';
import { siteHeader } from '../ui/header';
import { closeModal, openModal } from '../ui/modal';
import { profileForm } from '../ui/profileForm';
import type { Page } from './page';

function plainWords(e: unknown, fallback: string): string {
  return e instanceof ApiError ? e.describe() : fallback;
}

function passwordForm(app: App): HTMLFormElement {
  const current = h('input', { type: 'password', name: 'current-password', autocomplete: 'current-password', required: true, 'data-testid': 'password-current' });
  const fresh = h('input', { type: 'password', name: 'new-password', autocomplete: 'new-password', required: true, minlength: 8, 'data-testid': 'password-new' });
  const status = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite', 'data-testid': 'password-saved' });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'password-error', hidden: true });
  const submit = h('button', { type: 'submit', 'data-testid': 'password-save' }, 'Change password');
  const form = h(
    'form',
    { class: 'card', 'aria-label': 'Change password' },
    h('h2', {}, 'Change password'),
    h('label', { class: 'field' }, 'Current password', current),
    h('label', { class: 'field' }, 'New password (8 or more characters)', fresh),
    submit,
    status,
    error,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    setText(status, '');
    submit.disabled = true;
    try {
      await changePassword(app.api, current.value, fresh.value);
      // the change revokes every refresh token, this tab's too: sign in again with the new password to stay signed in
      const username = app.session.get()?.user.username;
      if (username) {
        app.session.set(await login(app.api, { username, password: fresh.value }).catch(() => app.session.get()));
      }
      current.value = '';
      fresh.value = '';
      setText(status, 'Password changed. Other devices have to sign in again.');
    } catch (e) {
      setText(error, plainWords(e, 'The password could not be changed. Try again.'));
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** Link Google account: after it, "Continue with Google" signs in to this account too. */
function googleLinkCard(app: App, firebase: FirebaseWebConfig): HTMLElement {
  const status = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite', 'data-testid': 'google-link-status' });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'google-link-error', hidden: true });
  const link = h('button', { type: 'button', class: 'secondary', 'data-testid': 'google-link' }, 'Link Google account');
  link.addEventListener('click', async () => {
    error.hidden = true;
    setText(status, '');
    link.disabled = true;
    try {
      app.session.set(await continueWithGoogle(app.api, firebase, app.session.get()?.accessToken ?? null));
      setText(status, 'Google account linked. You can sign in with Google from now on.');
    } catch (e) {
      const words = googleSignInProblem(e, true);
      if (words !== null) {
        setText(error, words);
        error.hidden = false;
      }
    } finally {
      link.disabled = false;
    }
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'google-heading', 'data-testid': 'google-link-card' },
    h('h2', { id: 'google-heading' }, 'Google account'),
    h('p', { class: 'hint' }, 'Link a Google account to sign in with it as well as with your password.'),
    link,
    status,
    error,
  );
}

/** Delete account: a dialog that asks for the username, typed, before DELETE /me; then signed out. */
export function openDeleteAccountDialog(app: App, username: string): HTMLDialogElement {
  const typed = h('input', { name: 'confirm-username', autocomplete: 'off', 'data-testid': 'delete-confirm-username' });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'delete-error', hidden: true });
  const confirm = h('button', { type: 'submit', class: 'danger', disabled: true, 'data-testid': 'delete-confirm' }, 'Delete my account');
  typed.addEventListener('input', () => (confirm.disabled = typed.value.trim().toLowerCase() !== username.toLowerCase()));
  const form = h(
    'form',
    {},
    h('h2', { id: 'delete-account-heading' }, 'Delete your account?'),
    h('p', {}, 'Your profile, follows and memberships are erased. Your chat messages stay, shown as from a deleted user. This cannot be undone.'),
    h('label', { class: 'field' }, `Type your username (${username}) to confirm`, typed),
    error,
    h('div', { class: 'dialog-buttons' }, h('button', { type: 'button', class: 'secondary', onclick: () => closeModal(dialog) }, 'Cancel'), confirm),
  );
  const dialog = h('dialog', { class: 'dialog card', 'aria-labelledby': 'delete-account-heading', 'data-testid': 'delete-account-dialog' }, form);
  dialog.addEventListener('close', () => dialog.remove());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (confirm.disabled) return;
    confirm.disabled = true;
    try {
      await deleteAccount(app.api);
      closeModal(dialog);
      app.signOut('/');
    } catch (e) {
      setText(error, plainWords(e, 'The account could not be deleted. Try again.'));
      error.hidden = false;
      confirm.disabled = false;
    }
  });
  openModal(dialog);
  typed.focus();
  return dialog;
}

/** `/account`: display name and bio, password, sign out everywhere, delete account. */
export function mountAccountPage(root: HTMLElement, app: App): Page {
  const user = app.session.get()?.user ?? null;
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'account-error', hidden: true });
  const profileSlot = h('div', {}, h('p', { class: 'hint' }, 'Loading your profile…'));
  const googleSlot = h('div', { hidden: true });
  const everywhere = h('button', { type: 'button', class: 'secondary', 'data-testid': 'sign-out-everywhere' }, 'Sign out everywhere');
  everywhere.addEventListener('click', async () => {
    error.hidden = true;
    everywhere.disabled = true;
    try {
      await signOutEverywhere(app.api);
      app.signOut('/');
    } catch (e) {
      setText(error, plainWords(e, 'That did not work. Try again.'));
      error.hidden = false;
      everywhere.disabled = false;
    }
  });
  const username = user?.username ?? null;
  const remove = h('button', { type: 'button', class: 'danger', 'data-testid': 'delete-account', onclick: () => username && openDeleteAccountDialog(app, username) }, 'Delete account');

  root.replaceChildren(
    siteHeader(app),
    h(
      'main',
      { class: 'hallway account-page' },
      h('h1', {}, 'Account'),
      error,
      username
        ? h(
            'div',
            { class: 'account-cards' },
            profileSlot,
            passwordForm(app),
            googleSlot,
            h('section', { class: 'card', 'aria-labelledby': 'sessions-heading' }, h('h2', { id: 'sessions-heading' }, 'Sessions'), h('p', { class: 'hint' }, 'Signs you out on every device, this one included.'), everywhere),
            h('section', { class: 'card danger-zone', 'aria-labelledby': 'delete-heading' }, h('h2', { id: 'delete-heading' }, 'Delete account'), h('p', { class: 'hint' }, 'Erases your account for good.'), remove),
          )
        : h('p', { class: 'hint card' }, 'Guests have no account to manage. ', h('a', { href: '/signin' }, 'Sign up'), ' to keep a name, follow people and found clubs.'),
    ),
  );
  document.title = 'Account · Tribune';
  let destroyed = false;
  if (username) {
    readMe(app.api).then(
      (me) => !destroyed && profileSlot.replaceChildren(profileForm(app, { displayName: me.displayName, bio: me.bio ?? null }, () => undefined)),
      (e: unknown) => !destroyed && profileSlot.replaceChildren(h('p', { class: 'error' }, plainWords(e, 'Your profile could not be read.'))),
    );
    // offered only when the service has Firebase sign-in on
    readConfig(app.api).then(
      (config) => {
        const firebase = firebaseSignIn(config);
        if (!firebase || destroyed) return;
        googleSlot.replaceChildren(googleLinkCard(app, firebase));
        googleSlot.hidden = false;
        prepareGoogleSignIn(firebase);
      },
      () => undefined,
    );
  }
  return {
    destroy: () => {
      destroyed = true;
      root.replaceChildren();
    },
  };
}
