import { h } from './dom';
import { field } from './field';
import { closeModal, openModal } from './modal';

/** The Google account a person says they are, in the Firebase Auth emulator's world. */
export interface EmulatedGoogleAccount {
  email: string;
  name: string;
}

/** Cancelling is closing Google's window: the sign-in code says nothing about it (see googleSignInProblem). */
export class EmulatedSignInCancelled extends Error {
  readonly code = 'auth/popup-closed-by-user';
  constructor() {
    super('Cancelled.');
    this.name = 'EmulatedSignInCancelled';
  }
}

/**
 * With the Firebase Auth emulator (a development or test setup, `authEmulatorUrl` in /api/v1/config), Google's popup
 * cannot be used: the Firebase SDK loads it through Google's own scripts (apis.google.com), which an offline setup
 * cannot reach, and the emulator's popup is itself only a form for a made-up account. This dialog is that form, in
 * the page: the account is signed in at the emulator with an emulated Google credential.
 */
export function chooseEmulatedGoogleAccount(): Promise<EmulatedGoogleAccount> {
  return new Promise((resolve, reject) => {
    const email = h('input', { type: 'email', name: 'email', required: true, autocomplete: 'off', 'data-testid': 'emulated-google-email' });
    const name = h('input', { name: 'name', required: true, maxlength: 50, autocomplete: 'off', 'data-testid': 'emulated-google-name' });
    const submit = h('button', { type: 'submit', 'data-testid': 'emulated-google-submit' }, 'Sign in');
    let settled = false;
    const form = h(
      'form',
      {},
      h('h2', { id: 'emulated-google-heading' }, 'Google account (emulator)'),
      h('p', { class: 'hint' }, 'This server signs in through the Firebase Auth emulator: say which made-up Google account you are.'),
      field('Email', email),
      field('Name', name),
      h('div', { class: 'dialog-buttons' }, h('button', { type: 'button', class: 'secondary', onclick: () => closeModal(dialog) }, 'Cancel'), submit),
    );
    const dialog = h('dialog', { class: 'dialog card', 'aria-labelledby': 'emulated-google-heading', 'data-testid': 'emulated-google-dialog' }, form);
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (!settled) {
        settled = true;
        reject(new EmulatedSignInCancelled());
      }
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!email.value.trim() || !name.value.trim()) return;
      settled = true;
      resolve({ email: email.value.trim().toLowerCase(), name: name.value.trim() });
      closeModal(dialog);
    });
    document.body.append(dialog);
    openModal(dialog);
    email.focus();
  });
}

/**
 * The emulator takes a Google ID token's claims as plain JSON in place of a signed token. The same email is the same
 * Google user (its `sub`), as it would be at Google.
 */
export function emulatedGoogleIdToken(account: EmulatedGoogleAccount): string {
  return JSON.stringify({ sub: `emulated-${account.email}`, email: account.email, email_verified: true, name: account.name });
}
