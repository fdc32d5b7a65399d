import type { PersonAction } from '../room/personActions';
import type { StageSeat } from '../room/roomState';
import { icon } from './icons';
import { h, setText, syncChildren } from './dom';
import { PersonMenu } from './personMenu';

/** Each tile's menu: what I may do to that person, and doing it. */
export interface SeatMenu {
  actions(seat: StageSeat): PersonAction[];
  act(seat: StageSeat, action: PersonAction): void;
}

const ROLE_LABEL: Record<string, string> = { HOST: 'Host', MODERATOR: 'Moderator', SPEAKER: 'Speaker' };

/** The people on stage: one tile each, with a speaking ring (from audio levels), a muted icon, and Report. */
export class StagePanel {
  readonly element = h('ul', { class: 'stage', 'data-testid': 'stage', 'aria-label': 'Stage' });
  private readonly menus = new Map<string, PersonMenu>();
  private seats = new Map<string, StageSeat>();

  /**
   * `onReport`: the tile's Report button (anyone but me, once I am in the room); `menu`: the name opens a menu of what
   * I may do to that person.
   */
  constructor(
    private readonly onReport: ((userId: string, displayName: string) => void) | null = null,
    private readonly menu: SeatMenu | null = null,
  ) {}

  update(panel: StageSeat[], speaking: ReadonlySet<string>, myUserId: string | null): void {
    this.seats = new Map(panel.map((seat) => [seat.userId, seat]));
    for (const userId of this.menus.keys()) {
      if (!this.seats.has(userId)) this.menus.delete(userId);
    }
    syncChildren(
      this.element,
      panel,
      (seat) => seat.userId,
      (seat) =>
        h(
          'li',
          { class: 'speaker', 'data-testid': `speaker-${seat.userId}` },
          h('span', { class: 'avatar', 'aria-hidden': 'true' }),
          this.menuOf(seat.userId)?.element ?? h('span', { class: 'name' }),
          h('span', { class: 'role' }),
          h('span', { class: 'muted-icon', title: 'Muted' }, icon('mic-off', 'muted')),
          this.onReport &&
            h('button', { type: 'button', class: 'link report', 'data-testid': `report-user-${seat.userId}`, hidden: true, onclick: (e: Event) => this.onReport?.(seat.userId, (e.currentTarget as HTMLElement).dataset.name ?? '') }, 'Report'),
        ),
      (el, seat) => {
        const isSpeaking = speaking.has(seat.userId) && !seat.muted;
        el.setAttribute('data-speaking', String(isSpeaking));
        el.setAttribute('data-muted', String(seat.muted));
        el.setAttribute('data-role', seat.role);
        el.classList.toggle('speaking', isSpeaking);
        el.classList.toggle('muted', seat.muted);
        el.classList.toggle('me', seat.userId === myUserId);
        setText(el.querySelector('.avatar') as HTMLElement, (seat.displayName.trim()[0] ?? '?').toUpperCase());
        const shownName = seat.userId === myUserId ? `${seat.displayName} (you)` : seat.displayName;
        const menu = this.menuOf(seat.userId);
        if (menu && this.menu) menu.update(seat.userId, seat.displayName, shownName, this.menu.actions(seat));
        else setText(el.querySelector('.name') as HTMLElement, shownName);
        setText(el.querySelector('.role') as HTMLElement, ROLE_LABEL[seat.role] ?? seat.role);
        (el.querySelector('.muted-icon') as HTMLElement).hidden = !seat.muted;
        const report = el.querySelector<HTMLElement>('.report');
        if (report) {
          report.hidden = myUserId === null || seat.userId === myUserId;
          report.dataset.name = seat.displayName;
          report.setAttribute('aria-label', `Report ${seat.displayName}`);
        }
      },
    );
  }

  private menuOf(userId: string): PersonMenu | null {
    if (!this.menu) return null;
    let menu = this.menus.get(userId);
    if (!menu) {
      const seatMenu = this.menu;
      menu = new PersonMenu(`speaker-${userId}`, (action) => {
        const seat = this.seats.get(userId);
        if (seat) seatMenu.act(seat, action);
      });
      this.menus.set(userId, menu);
    }
    return menu;
  }

  /** Only the speaking attribute changes (several times a second): touch nothing else. */
  setSpeaking(userId: string, speaking: boolean, muted: boolean): void {
    const el = this.element.querySelector<HTMLElement>(`[data-testid="speaker-${CSS.escape(userId)}"]`);
    if (!el) return;
    const value = String(speaking && !muted);
    if (el.getAttribute('data-speaking') !== value) {
      el.setAttribute('data-speaking', value);
      el.classList.toggle('speaking', value === 'true');
    }
  }
}
