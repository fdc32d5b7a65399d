import type { StageSeat } from '../room/roomState';
import { icon } from './icons';
import { h, setText, syncChildren } from './dom';

const ROLE_LABEL: Record<string, string> = { HOST: 'Host', MODERATOR: 'Moderator', SPEAKER: 'Speaker' };

/** The people on stage: one tile each, with a speaking ring (from audio levels), a muted icon, and Report. */
export class StagePanel {
  readonly element = h('ul', { class: 'stage', 'data-testid': 'stage', 'aria-label': 'On stage' });

  /** `onReport`: the tile's Report button (anyone but me, once I am in the room). */
  constructor(private readonly onReport: ((userId: string, displayName: string) => void) | null = null) {}

  update(panel: StageSeat[], speaking: ReadonlySet<string>, myUserId: string | null): void {
    syncChildren(
      this.element,
      panel,
      (seat) => seat.userId,
      (seat) =>
        h(
          'li',
          { class: 'speaker', 'data-testid': `speaker-${seat.userId}` },
          h('span', { class: 'avatar', 'aria-hidden': 'true' }),
          h('span', { class: 'name' }),
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
        setText(el.querySelector('.name') as HTMLElement, seat.userId === myUserId ? `${seat.displayName} (you)` : seat.displayName);
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
