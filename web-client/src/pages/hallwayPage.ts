import '../styles/hallway.css';
import { listRooms, search, type ClubHit, type Feed, type SearchHit } from '../api/hallway';
import type { App } from '../app';
import { HallwayFeed, type HallwayView } from '../hallway/hallwayFeed';
import { openCreateRoomDialog } from '../ui/createRoomDialog';
import { h, setText, syncChildren } from '../ui/dom';
import { siteHeader } from '../ui/header';
import { icon } from '../ui/icons';
import { roomCardView } from '../ui/roomCard';
import { tabList } from '../ui/tabs';
import type { RoomCard } from '../api/types';
import type { Page } from './page';

export { roomCardView } from '../ui/roomCard';

const TABS: Array<{ key: Feed; label: string }> = [
  { key: 'all', label: 'All' },
  { key: 'following', label: 'Following' },
  { key: 'scheduled', label: 'Upcoming' },
];

/** A club found by search. */
export function clubHitView(club: ClubHit): HTMLElement {
  return h(
    'li',
    { class: 'room-card club-card', 'data-club-id': club.id },
    h('a', { href: `/clubs/${club.id}`, class: 'room-name', 'data-testid': `club-link-${club.id}` }, club.name),
    h('span', { class: 'tag' }, 'Club'),
    club.topic ? h('span', { class: 'club' }, club.topic) : null,
    club.description ? h('p', { class: 'speakers' }, club.description) : null,
    h('p', { class: 'counts' }, `${club.memberCount} members · ${club.followerCount} followers`),
  );
}

function drawnCard(room: RoomCard): HTMLElement {
  const el = roomCardView(room);
  el.dataset.drawn = JSON.stringify(room);
  return el;
}

function hitView(hit: SearchHit): HTMLElement {
  return hit.kind === 'club' ? clubHitView(hit) : roomCardView(hit);
}

/** What an empty list says, per feed: an invitation, never a dead end. */
function emptyWords(feed: Feed, guest: boolean): string {
  if (feed === 'following' && guest) return 'Nothing live here yet. Sign up to follow clubs and people and fill this tab.';
  if (feed === 'following') return 'Nobody you follow is live right now. Follow clubs and people to fill this tab.';
  if (feed === 'scheduled') return 'Nothing is scheduled yet. Plan a room for later and people can ask to be reminded.';
  return 'No live rooms right now. Be the first: start a room and invite people in.';
}

/** `/`: the hallway. Tabs All / Following / Upcoming, search over rooms and clubs, and Create room. */
export function mountHallwayPage(root: HTMLElement, app: App): Page {
  const guest = !app.session.get()?.user.username;
  const feed = new HallwayFeed({
    listRooms: (f, limit, cursor) => listRooms(app.api, f, limit, cursor),
    search: (q, signal) => search(app.api, q, 20, signal),
  });

  const createButton = (testId: string): HTMLElement =>
    guest
      ? h('p', { class: 'hint' }, 'Guests listen and raise their hand. ', h('a', { href: '/signin' }, 'Sign up'), ' to start your own rooms.')
      : h('button', { type: 'button', class: 'create-room-button', 'data-testid': testId, onclick: () => openCreateRoomDialog(app) }, icon('plus'), 'Create room');

  const searchBox = h('input', { type: 'search', 'aria-label': 'Search', placeholder: 'Search rooms and clubs', 'data-testid': 'hallway-search', autocomplete: 'off' });
  searchBox.addEventListener('input', () => feed.type(searchBox.value));
  searchBox.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && searchBox.value.trim()) void feed.search(searchBox.value.trim());
    if (event.key === 'Escape' && searchBox.value) {
      searchBox.value = '';
      feed.type('');
    }
  });

  const panelId = 'hallway-panel';
  const tabs = tabList('Rooms', TABS, 'all', panelId, (key) => void feed.show(key));
  const list = h('ul', { class: 'rooms', 'data-testid': 'room-list' });
  const status = h('p', { class: 'hint', 'data-testid': 'hallway-status', role: 'status', 'aria-live': 'polite' }, 'Loading rooms…');
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'hallway-error', hidden: true });
  const browseClubs = h('a', { href: '/clubs', 'data-testid': 'empty-browse-clubs' }, 'Browse clubs');
  const empty = h('div', { class: 'empty-state card', 'data-testid': 'hallway-empty', hidden: true }, h('p', {}), createButton('empty-create-room'), browseClubs);
  const more = h('button', { type: 'button', class: 'secondary', 'data-testid': 'load-more', hidden: true, onclick: () => void feed.loadMore() }, 'More rooms');
  const panel = h('section', { id: panelId, role: 'tabpanel', class: 'hallway-feed' }, list, empty, more);
  const results = h('ul', { class: 'rooms', 'data-testid': 'search-results' });
  const resultsSection = h('section', { class: 'search-results', 'aria-label': 'Search results', hidden: true }, h('h2', {}, 'Search results'), results);

  // an empty status line takes no room (the list sits right under the tabs), yet stays a live region
  const say = (text: string): void => {
    setText(status, text);
    status.classList.toggle('quiet', text === '');
  };
  const render = (view: HallwayView): void => {
    const searching = view.query !== '';
    panel.hidden = searching;
    tabs.element.hidden = searching;
    resultsSection.hidden = !searching;
    panel.setAttribute('aria-labelledby', `${panelId}-tab-${view.feed}`);
    error.hidden = view.error === null;
    setText(error, view.error ?? '');
    if (searching) {
      syncChildren(results, view.results ?? [], (r) => `${r.kind}-${r.id}`, hitView, () => undefined);
      const count = view.results?.length ?? 0;
      say(view.loading ? 'Searching…' : view.results === null ? '' : count === 0 ? `Nothing found for “${view.query}”.` : `${count} found for “${view.query}”.`);
      return;
    }
    syncChildren(list, view.rooms, (r) => r.id, drawnCard, (el, room) => {
      // cards are cheap; a changed room is drawn again so counts and panel stay true
      if (el.dataset.drawn !== JSON.stringify(room)) {
        const fresh = roomCardView(room);
        el.replaceChildren(...Array.from(fresh.childNodes));
        el.dataset.drawn = JSON.stringify(room);
      }
    });
    more.hidden = !view.more;
    more.disabled = view.loading;
    const none = !view.loading && view.error === null && view.rooms.length === 0;
    empty.hidden = !none;
    setText(empty.firstElementChild as HTMLElement, emptyWords(view.feed, guest));
    browseClubs.hidden = view.feed !== 'following';
    say(view.loading && view.rooms.length === 0 ? 'Loading rooms…' : '');
  };
  feed.subscribe(render);

  root.replaceChildren(
    siteHeader(app),
    h(
      'main',
      { class: 'hallway' },
      h(
        'div',
        { class: 'hallway-top' },
        h('h1', {}, 'Hallway'),
        h('div', { class: 'search-box' }, icon('search'), searchBox),
        createButton('create-room-open'),
      ),
      tabs.element,
      status,
      error,
      panel,
      resultsSection,
    ),
  );
  document.title = 'Hallway · Tribune';
  void feed.show('all');
  return {
    destroy: () => {
      feed.stop();
      root.replaceChildren();
    },
  };
}
