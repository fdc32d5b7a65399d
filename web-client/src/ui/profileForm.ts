import { ApiError } from '../api/http';
import { updateMe, type Me } from '../api/people';
import type { App } from '../app';
import { h, setText } from './dom';

export const BIO_MAX = 300;

/**
 * Display name and bio, saved with PATCH /me. The session's user takes the new display name, so the header and
 * rooms show it at once.
 */
export function profileForm(app: App, current: { displayName: string; bio: string | null }, saved: (me: Me) => void): HTMLFormElement {
  const name = h('input', { name: 'display-name', 'data-testid': 'profile-displayname', required: true, maxlength: 50, autocomplete: 'name', value: current.displayName });
  const bio = h('textarea', { name: 'bio', 'data-testid': 'profile-bio', maxlength: BIO_MAX, rows: 3 });
  bio.value = current.bio ?? '';
  const counter = h('span', { class: 'hint counter', 'aria-live': 'polite' });
  const count = (): void => setText(counter, `${bio.value.length} / ${BIO_MAX}`);
  bio.addEventListener('input', count);
  count();
  const status = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite', 'data-testid': 'profile-saved' });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'profile-error', hidden: true });
  const submit = h('button', { type: 'submit', 'data-testid': 'profile-save' }, 'Save profile');
  const form = h('form', { class: 'card profile-form', 'aria-label': 'Edit profile' }, h('h2', {}, 'Edit profile'), h('label', { class: 'field' }, 'Display name', name), h('label', { class: 'field' }, 'Bio', bio, counter), submit, status, error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    setText(status, '');
    submit.disabled = true;
    try {
      const me = await updateMe(app.api, { displayName: name.value.trim(), bio: bio.value.trim() });
      const session = app.session.get();
      if (session && me?.displayName) app.session.set({ ...session, user: { ...session.user, displayName: me.displayName } });
      setText(status, 'Saved.');
      saved(me);
    } catch (e) {
      setText(error, e instanceof ApiError ? e.describe() : 'Your profile could not be saved. Try again.');
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
