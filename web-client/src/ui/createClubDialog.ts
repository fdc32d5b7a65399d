import { createClub, listTopics } from '../api/clubs';
import { ApiError } from '../api/http';
import type { App } from '../app';
import { h, setText } from './dom';
import { closeModal, openModal } from './modal';
import { field } from './field';

/** The create-club dialog: name, topic, description; the new club's page opens after. */
export function openCreateClubDialog(app: App): HTMLDialogElement {
  const name = h('input', { 'data-testid': 'create-club-name', name: 'club-name', required: true, maxlength: 100, autocomplete: 'off' });
  const topic = h('select', { 'data-testid': 'create-club-topic', name: 'topic', required: true }, h('option', { value: '' }, 'Loading topics…'));
  const description = h('textarea', { 'data-testid': 'create-club-description', name: 'description', maxlength: 2000, rows: 3 });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'create-club-error', hidden: true });
  const submit = h('button', { type: 'submit', 'data-testid': 'create-club-submit' }, 'Found club');
  const form = h(
    'form',
    {},
    h('h2', { id: 'create-club-heading' }, 'Create club'),
    field('Name', name),
    field('Topic', topic),
    field('Description (optional)', description),
    error,
    h('div', { class: 'dialog-buttons' }, h('button', { type: 'button', class: 'secondary', onclick: () => closeModal(dialog) }, 'Cancel'), submit),
  );
  const dialog = h('dialog', { class: 'dialog card', 'aria-labelledby': 'create-club-heading', 'data-testid': 'create-club-dialog' }, form);
  dialog.addEventListener('close', () => dialog.remove());
  const showError = (text: string): void => {
    setText(error, text);
    error.hidden = false;
  };

  listTopics(app.api).then(
    (page) => topic.replaceChildren(h('option', { value: '' }, 'Choose a topic'), ...page.items.map((t) => h('option', { value: t.id }, t.name))),
    (e: unknown) => showError(e instanceof ApiError ? e.describe() : 'The topics could not be read. Try again.'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    if (!name.value.trim() || !topic.value) {
      showError('A club needs a name and a topic.');
      return;
    }
    submit.disabled = true;
    try {
      const body = { name: name.value.trim(), topicId: topic.value, ...(description.value.trim() ? { description: description.value.trim() } : {}) };
      const club = await createClub(app.api, body);
      closeModal(dialog);
      app.router.navigate(`/clubs/${club.id}`);
    } catch (e) {
      showError(e instanceof ApiError ? e.describe() : 'The club could not be created. Try again.');
    } finally {
      submit.disabled = false;
    }
  });
  openModal(dialog);
  name.focus();
  return dialog;
}
