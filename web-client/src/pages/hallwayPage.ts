import { ApiError } from '../api/http';
import { createRoom, listLiveRooms } from '../api/rooms';
import type { CreateRoomRequest, RoomCard } from '../api/types';
import type { App } from '../app';
import { KNOWN_PROVIDERS } from '../media/providers';
import { h } from '../ui/dom';
import { siteHeader } from '../ui/header';
import type { Page } from './page';

const PAGE_SIZE = 20;

/** A hallway card: name, club, who is on stage, counts; the link joins the room. */
export function roomCardView(room: RoomCard): HTMLElement {
  const speakers = room.panel.map((s) => `${s.displayName ?? 'Someone'}${s.role === 'HOST' ? ' (host)' : ''}`);
  const listening = Math.max(0, room.participantCount - room.speakerCount);
  return h(
    'li',
    { class: 'room-card', 'data-room-id': room.id },
    h(
      'a',
      { href: `/rooms/${room.id}`, 'data-testid': `room-link-${room.id}`, 'data-autojoin': 'true', class: 'room-name' },
      room.name,
    ),
    room.club ? h('span', { class: 'club' }, room.club.name) : null,
    h('p', { class: 'speakers' }, speakers.length ? speakers.join(', ') : 'Nobody on stage yet'),
    h(
      'p',
      { class: 'counts' },
      `${room.speakerCount} on stage · ${listening} listening`,
    ),
  );
}

/** The create-room form: a name and, optionally, a provider other than the server's default. */
function createRoomForm(app: App): HTMLElement {
  const name = h('input', { 'data-testid': 'create-room-name', name: 'room-name', required: true, maxlength: 100 });
  const provider = h(
    'select',
    { 'data-testid': 'create-room-provider', name: 'provider' },
    h('option', { value: '' }, 'Server default'),
    ...KNOWN_PROVIDERS.map((p) => h('option', { value: p }, p)),
  );
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'create-room-error', hidden: true });
  const submit = h('button', { type: 'submit', 'data-testid': 'create-room-submit' }, 'Start a room');
  const form = h(
    'form',
    { class: 'card create-room', 'aria-label': 'Start a room' },
    h('h2', {}, 'Start a room'),
    h('label', {}, 'Name', name),
    h('label', {}, 'Audio provider', provider),
    submit,
    error,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    try {
      const body: CreateRoomRequest = { name: name.value.trim() };
      if (provider.value) body.provider = provider.value;
      const room = await createRoom(app.api, body);
      app.router.navigate(`/rooms/${room.id}`, { state: { autoJoin: true } });
    } catch (e) {
      // the server says which providers are active when it refuses one
      error.textContent = e instanceof ApiError ? e.describe() : String(e);
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** `/`: the live rooms (paged) and the create-room form. */
export function mountHallwayPage(root: HTMLElement, app: App): Page {
  const list = h('ul', { class: 'rooms', 'data-testid': 'room-list' });
  const status = h('p', { class: 'hint', 'data-testid': 'hallway-status' }, 'Loading rooms…');
  const more = h('button', { type: 'button', 'data-testid': 'load-more', hidden: true }, 'More rooms');
  let cursor: string | null = null;
  let destroyed = false;

  const load = async (): Promise<void> => {
    more.disabled = true;
    try {
      const page = await listLiveRooms(app.api, PAGE_SIZE, cursor);
      if (destroyed) return;
      list.append(...page.items.map(roomCardView));
      cursor = page.nextCursor;
      more.hidden = cursor === null;
      status.textContent = list.children.length === 0 ? 'No live rooms right now. Start one!' : '';
    } catch (e) {
      if (!destroyed) status.textContent = e instanceof ApiError ? e.describe() : String(e);
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => void load());

  const guest = !app.session.get()?.user.username;
  root.replaceChildren(
    siteHeader(app),
    h(
      'main',
      { class: 'hallway' },
      h('section', { class: 'live' }, h('h1', {}, 'Live now'), status, list, more),
      guest
        ? h('p', { class: 'hint card' }, 'Guests listen and raise their hand. Sign up to start your own rooms.')
        : createRoomForm(app),
    ),
  );
  void load();
  return {
    destroy: () => {
      destroyed = true;
      root.replaceChildren();
    },
  };
}
