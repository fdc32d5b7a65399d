import type { RoomBan } from '../api/roomAdmin';
import type { Page } from '../api/types';
import { describe } from '../room/roomNotices';
import { h, setText, syncChildren } from './dom';

export interface BansSource {
  list(cursor: string | null): Promise<Page<RoomBan>>;
  unban(userId: string): Promise<void>;
}

/** "Bans" (HOST, MODERATOR): the room's bans, read when opened, each with Unban. */
export class BansList {
  readonly element: HTMLDetailsElement;
  private bans: RoomBan[] = [];
  private cursor: string | null = null;
  private loaded = false;
  private busy = false;
  private readonly list = h('ul', { class: 'bans-list', 'aria-label': 'Banned people' });
  private readonly empty = h('p', { class: 'hint', hidden: true }, 'Nobody is banned from this room.');
  private readonly error = h('p', { class: 'error', role: 'alert', 'data-testid': 'bans-error', hidden: true });
  private readonly more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Show more');

  constructor(private readonly source: BansSource) {
    this.more.addEventListener('click', () => void this.load(this.cursor));
    this.element = h('details', { class: 'room-admin bans card', 'data-testid': 'bans' }, h('summary', {}, 'Bans'), this.error, this.list, this.empty, this.more) as HTMLDetailsElement;
    this.element.addEventListener('toggle', () => {
      if (this.element.open) void this.load(null);
    });
  }

  /** Shown to HOSTs and MODERATORs only; hiding forgets the list (it is read again when opened). */
  setVisible(visible: boolean): void {
    this.element.hidden = !visible;
    if (!visible) {
      this.element.open = false;
      this.bans = [];
      this.loaded = false;
    }
  }

  async load(cursor: string | null): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.showError(null);
    try {
      const page = await this.source.list(cursor);
      this.bans = cursor ? [...this.bans, ...page.items.filter((b) => !this.bans.some((x) => x.user.id === b.user.id))] : page.items;
      this.cursor = page.nextCursor;
      this.loaded = true;
    } catch (e) {
      this.showError(describe(e));
    } finally {
      this.busy = false;
      this.draw();
    }
  }

  private async unban(ban: RoomBan): Promise<void> {
    this.showError(null);
    try {
      await this.source.unban(ban.user.id);
      this.bans = this.bans.filter((b) => b.user.id !== ban.user.id);
    } catch (e) {
      this.showError(describe(e));
    }
    this.draw();
  }

  private showError(text: string | null): void {
    this.error.hidden = text === null;
    setText(this.error, text ?? '');
  }

  private draw(): void {
    this.empty.hidden = !this.loaded || this.bans.length > 0;
    this.more.hidden = this.cursor === null;
    syncChildren(
      this.list,
      this.bans,
      (b) => b.user.id,
      (b) => {
        const name = nameOf(b.user);
        return h(
          'li',
          { 'data-testid': `ban-${b.user.id}` },
          h('span', { class: 'name' }, name),
          ' ',
          h('span', { class: 'hint' }, `${b.scope === 'CLUB' ? 'club ban' : 'room ban'}${b.by ? ` by ${nameOf(b.by)}` : ''}`),
          ' ',
          h('button', { type: 'button', class: 'secondary', 'aria-label': `Unban ${name}`, onclick: () => void this.unban(b) }, 'Unban'),
        );
      },
      () => undefined,
    );
  }
}

function nameOf(person: { displayName: string | null; username: string | null }): string {
  return person.displayName ?? person.username ?? 'Someone';
}
