import type { Listener } from '../api/roomAdmin';
import type { PersonAction } from '../room/personActions';
import type { RoomPeople } from '../room/roomPeople';
import { h, setText, syncChildren } from './dom';
import { PersonMenu } from './personMenu';

/** What the audience list needs from the page: my menu on each listener. */
export interface ListenerMenu {
  actions(listener: Listener): PersonAction[];
  act(listener: Listener, action: PersonAction): void;
}

/**
 * "Audience": for the room's HOST and MODERATORs the listeners themselves (searchable, a page at a time, live), each
 * name opening a menu; for everyone else only how many are listening.
 */
export class AudienceList {
  readonly element: HTMLElement;
  private readonly count = h('p', { class: 'hint', 'data-testid': 'audience-summary' });
  private readonly search = h('input', { type: 'search', 'data-testid': 'audience-search', autocomplete: 'off' });
  private readonly searchBox = h('label', { class: 'audience-search' }, 'Find a listener', this.search);
  private readonly list = h('ul', { class: 'audience-list', 'aria-label': 'Listeners', 'data-testid': 'audience-list' });
  private readonly empty = h('p', { class: 'hint', 'data-testid': 'audience-empty', hidden: true });
  private readonly error = h('p', { class: 'error', role: 'alert', hidden: true });
  private readonly more = h('button', { type: 'button', class: 'secondary', 'data-testid': 'audience-more', hidden: true }, 'Show more');
  private readonly menus = new Map<string, PersonMenu>();
  private byId = new Map<string, Listener>();

  constructor(
    private readonly people: RoomPeople,
    private readonly menu: ListenerMenu,
  ) {
    this.search.addEventListener('input', () => this.people.search(this.search.value));
    this.more.addEventListener('click', () => void this.people.more());
    this.element = h(
      'section',
      { class: 'audience', 'aria-labelledby': 'audience-heading', 'data-testid': 'audience' },
      h('h2', { id: 'audience-heading' }, 'Audience'),
      this.count,
      this.searchBox,
      this.error,
      this.list,
      this.empty,
      this.more,
    );
  }

  /** `audienceCount` null: the room has ended (no counts). */
  update(audienceCount: number | null): void {
    this.element.hidden = audienceCount === null;
    const staff = this.people.isActive;
    setText(this.count, audienceCount === null ? '' : audienceCount === 1 ? '1 person listening' : `${audienceCount} people listening`);
    this.searchBox.hidden = !staff;
    this.list.hidden = !staff;
    this.error.hidden = !staff || this.people.error === null;
    setText(this.error, this.people.error ?? '');
    this.more.hidden = !staff || !this.people.hasMore;
    this.more.disabled = this.people.loading;
    const shown = staff ? this.people.shown : [];
    this.empty.hidden = !staff || shown.length > 0 || this.people.loading;
    setText(this.empty, this.people.query.trim() ? 'Nobody listed has that name.' : 'Nobody in the audience yet.');
    this.byId = new Map(shown.map((l) => [l.userId, l]));
    for (const userId of this.menus.keys()) {
      if (!this.byId.has(userId)) this.menus.delete(userId);
    }
    syncChildren(
      this.list,
      shown,
      (l) => l.userId,
      (l) => h('li', { class: 'listener', 'data-testid': `listener-${l.userId}` }, this.menuOf(l.userId).element),
      (_el, l) => {
        const name = l.displayName ?? 'Someone';
        this.menuOf(l.userId).update(l.userId, name, name, this.menu.actions(l));
      },
    );
  }

  private menuOf(userId: string): PersonMenu {
    let menu = this.menus.get(userId);
    if (!menu) {
      menu = new PersonMenu(`listener-${userId}`, (action) => {
        const listener = this.byId.get(userId);
        if (listener) this.menu.act(listener, action);
      });
      this.menus.set(userId, menu);
    }
    return menu;
  }
}
