import '../styles/hallway.css';
import { discoverClubs, listTopics, type ClubCard } from '../api/clubs';
import { ApiError } from '../api/http';
import type { App } from '../app';
import { realTimers } from '../timers';
import { openCreateClubDialog } from '../ui/createClubDialog';
import { h, setText, syncChildren } from '../ui/dom';
import { siteHeader } from '../ui/header';
import { icon } from '../ui/icons';
import type { Page } from './page';

const SEARCH_DELAY_MS = 250;

export function clubCardView(club: ClubCard): HTMLElement {
  return h(
    'li',
    { class: 'room-card club-card', 'data-club-id': club.id },
    h('a', { href: `/clubs/${club.id}`, class: 'room-name', 'data-testid': `club-link-${club.id}` }, club.name),
    club.topic ? h('span', { class: 'club' }, club.topic.name) : null,
    club.description ? h('p', { class: 'speakers' }, club.description) : null,
    h('p', { class: 'counts' }, `${club.memberCount} members · ${club.followerCount} followers`),
  );
}

/** `/clubs`: discover clubs by words and topic, a page at a time, and Create club. */
export function mountClubsPage(root: HTMLElement, app: App): Page {
  const guest = !app.session.get()?.user.username;
  const words = h('input', { type: 'search', 'aria-label': 'Search clubs', placeholder: 'Search clubs', 'data-testid': 'clubs-search', autocomplete: 'off' });
  const topic = h('select', { 'aria-label': 'Topic', 'data-testid': 'clubs-topic' }, h('option', { value: '' }, 'All topics'));
  const list = h('ul', { class: 'rooms', 'data-testid': 'club-list' });
  const status = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite', 'data-testid': 'clubs-status' }, 'Loading clubs…');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true, 'data-testid': 'clubs-more' }, 'More clubs');
  let clubs: ClubCard[] = [];
  let cursor: string | null = null;
  let generation = 0;
  let destroyed = false;
  let timer: unknown = null;

  const load = async (fresh: boolean): Promise<void> => {
    const ticket = ++generation;
    if (fresh) cursor = null;
    more.disabled = true;
    try {
      const page = await discoverClubs(app.api, words.value, topic.value || null, cursor);
      if (destroyed || ticket !== generation) return;
      clubs = fresh ? page.items : [...clubs, ...page.items];
      cursor = page.nextCursor;
      syncChildren(list, clubs, (c) => c.id, clubCardView, () => undefined);
      more.hidden = cursor === null;
      status.classList.toggle('quiet', clubs.length > 0);
      setText(status, clubs.length === 0 ? (words.value.trim() ? 'No club matches these words.' : 'No clubs yet. Found the first one!') : '');
    } catch (e) {
      if (!destroyed && ticket === generation) setText(status, e instanceof ApiError ? e.describe() : 'The clubs could not be read. Try again.');
    } finally {
      more.disabled = false;
    }
  };
  words.addEventListener('input', () => {
    if (timer !== null) realTimers.clearTimeout(timer);
    timer = realTimers.setTimeout(() => void load(true), SEARCH_DELAY_MS);
  });
  topic.addEventListener('change', () => void load(true));
  more.addEventListener('click', () => void load(false));
  listTopics(app.api).then((page) => topic.append(...page.items.map((t) => h('option', { value: t.id }, t.name))), () => undefined);

  root.replaceChildren(
    siteHeader(app),
    h(
      'main',
      { class: 'hallway clubs' },
      h(
        'div',
        { class: 'hallway-top' },
        h('h1', {}, 'Clubs'),
        h('div', { class: 'search-box' }, icon('search'), words),
        topic,
        guest
          ? h('p', { class: 'hint' }, 'Guests can browse clubs. ', h('a', { href: '/signin' }, 'Sign up'), ' to found or follow one.')
          : h('button', { type: 'button', 'data-testid': 'create-club-open', onclick: () => openCreateClubDialog(app) }, icon('plus'), 'Create club'),
      ),
      status,
      list,
      more,
    ),
  );
  document.title = 'Clubs · Tribune';
  void load(true);
  return {
    destroy: () => {
      destroyed = true;
      if (timer !== null) realTimers.clearTimeout(timer);
      root.replaceChildren();
    },
  };
}
