import { readConfig } from '../api/config';
import { openRoom, type NewRoom, type Visibility } from '../api/hallway';
import { ApiError } from '../api/http';
import { readProfile, type ClubRef } from '../api/people';
import type { App } from '../app';
import { h, setText } from './dom';
import { closeModal, openModal } from './modal';
import { field } from './field';

let nextId = 0;

/** How people know the providers; an unknown name is shown as the server spells it. */
const PROVIDER_NAMES: Record<string, string> = {
  mesh: 'Mesh (peer to peer, small rooms)',
  janus: 'Janus',
  twilio: 'Twilio',
  hms: '100ms',
  livekit: 'LiveKit',
};

/** Now as a `datetime-local` value in the reader's zone (the earliest start to offer). */
export function localNow(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** What a `datetime-local` value means in the reader's zone, as ISO-8601 UTC; null when empty or unreadable. */
export function scheduledFor(local: string): string | null {
  if (!local) return null;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

export interface CreateRoomOptions {
  /** Opened from a club page: that club, preselected. */
  club?: ClubRef;
}

/**
 * The create-room dialog: Name, description, Visibility, Club, Start at, Provider (only the active ones, the
 * default preselected, hidden when there is no choice). A live room is joined at once; a scheduled one opens its page.
 */
export function openCreateRoomDialog(app: App, options: CreateRoomOptions = {}): HTMLDialogElement {
  const id = `create-room-${++nextId}`;

  const name = h('input', { 'data-testid': 'create-room-name', name: 'room-name', required: true, maxlength: 100, autocomplete: 'off' });
  const description = h('textarea', { 'data-testid': 'create-room-description', name: 'description', maxlength: 2000, rows: 2 });
  const visibility = h(
    'select',
    { 'data-testid': 'create-room-visibility', name: 'visibility' },
    h('option', { value: 'PUBLIC' }, 'Public'),
    h('option', { value: 'CLUB' }, 'Club'),
    h('option', { value: 'PRIVATE' }, 'Private'),
  );
  const visibilityHint = h('span', { class: 'hint' });
  const club = h('select', { 'data-testid': 'create-room-club', name: 'club' }, h('option', { value: '' }, 'No club'));
  if (options.club) club.append(h('option', { value: options.club.id, selected: true }, options.club.name));
  const clubHint = h('span', { class: 'hint', hidden: true }, 'You are not a member of any club yet.');
  const startAt = h('input', { 'data-testid': 'create-room-start', name: 'start-at', type: 'datetime-local', min: localNow() });
  const provider = h('select', { 'data-testid': 'create-room-provider', name: 'provider' });
  const providerField = field('Provider', provider);
  providerField.hidden = true;
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'create-room-error', hidden: true });
  const submit = h('button', { type: 'submit', 'data-testid': 'create-room-submit' }, 'Start room');
  const cancel = h('button', { type: 'button', class: 'secondary', onclick: () => closeModal(dialog) }, 'Cancel');

  const describeVisibility = (): void => {
    const v = visibility.value as Visibility;
    setText(
      visibilityHint,
      v === 'PUBLIC' ? 'Anyone can find and join it.' : v === 'CLUB' ? "Listed to the club's members and followers." : 'Never listed: people join with its invite link.',
    );
    club.required = v === 'CLUB';
  };
  visibility.addEventListener('change', describeVisibility);
  describeVisibility();
  startAt.addEventListener('input', () => setText(submit, startAt.value ? 'Schedule room' : 'Start room'));

  const form = h(
    'form',
    { class: 'create-room-form' },
    h('h2', { id: `${id}-heading` }, 'Create room'),
    field('Name', name),
    field('Description (optional)', description),
    field('Visibility', visibility, visibilityHint),
    field('Club', club, clubHint),
    field('Start at', startAt, h('span', { class: 'hint' }, 'Leave empty to start now.')),
    providerField,
    error,
    h('div', { class: 'dialog-buttons' }, cancel, submit),
  );
  const dialog = h('dialog', { class: 'dialog card create-room-dialog', 'aria-labelledby': `${id}-heading`, 'data-testid': 'create-room-dialog' }, form);
  dialog.addEventListener('close', () => dialog.remove());

  // the choices are read when the dialog opens, never on the hallway's first render
  readConfig(app.api).then(
    (config) => {
      const active = config.providers.active ?? [];
      provider.replaceChildren(...active.map((p) => h('option', { value: p, selected: p === config.providers.default }, PROVIDER_NAMES[p] ?? p)));
      providerField.hidden = active.length <= 1;
    },
    () => undefined,
  );
  const me = app.session.get()?.user;
  if (me?.username) {
    readProfile(app.api, me.id).then(
      (profile) => {
        const clubs = (profile.clubs ?? []).filter((c) => c.id !== options.club?.id);
        club.append(...clubs.map((c) => h('option', { value: c.id }, c.name)));
        clubHint.hidden = club.options.length > 1;
      },
      () => undefined,
    );
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const body: NewRoom = { name: name.value.trim(), visibility: visibility.value as Visibility };
    if (description.value.trim()) body.description = description.value.trim();
    if (club.value) body.clubId = club.value;
    const when = scheduledFor(startAt.value);
    if (when) body.scheduledFor = when;
    if (!providerField.hidden && provider.value) body.provider = provider.value;
    if (!body.name) {
      showError('Give the room a name.');
      return;
    }
    if (body.visibility === 'CLUB' && !body.clubId) {
      showError('Choose the club this room belongs to.');
      return;
    }
    submit.disabled = true;
    try {
      const room = await openRoom(app.api, body);
      closeModal(dialog);
      if (room.status === 'LIVE') {
        app.router.navigate(`/rooms/${room.id}`, { state: { autoJoin: true } });
      } else {
        app.router.navigate(`/rooms/${room.id}`);
      }
    } catch (e) {
      showError(e instanceof ApiError ? e.describe() : 'The room could not be created. Try again.');
    } finally {
      submit.disabled = false;
    }
  });
  const showError = (text: string): void => {
    setText(error, text);
    error.hidden = false;
  };

  openModal(dialog);
  name.focus();
  return dialog;
}
