import { reportedPerson, ROOM_ACTIONS, type ModerationAction } from '../api/moderationTypes';
import { actionWords, reasonWords } from '../room/moderationWords';
import type { RoomReport } from '../room/roomReports';
import { h, setText, syncChildren } from './dom';

/**
 * For a room's HOST and MODERATORs: the badge in the room's head (how many reports are open) and the panel listing
 * them, each with who, why, the quoted message and one-click room actions.
 */
export class ReportsPanel {
  readonly element: HTMLElement;
  readonly badge: HTMLButtonElement;
  private readonly count = h('span', { class: 'count', 'data-testid': 'reports-count' }, '0');
  private readonly list = h('ul', { class: 'reports' });
  private readonly empty = h('p', { class: 'hint' }, 'No open reports.');
  private readonly note = h('p', { class: 'hint', 'data-testid': 'reports-note', role: 'status', hidden: true });

  constructor(private readonly onAction: (reportId: string, action: ModerationAction) => void) {
    this.element = h('section', { class: 'room-reports', id: 'room-reports', 'data-testid': 'room-reports', hidden: true }, h('h2', {}, 'Reports'), this.note, this.empty, this.list);
    this.badge = h(
      'button',
      { type: 'button', class: 'reports-badge', 'data-testid': 'reports-badge', hidden: true, onclick: () => this.element.scrollIntoView?.({ behavior: 'smooth' }) },
      'Reports ',
      this.count,
    );
  }

  /** `reports` null: I do not moderate this room (nothing shown). */
  update(reports: readonly RoomReport[] | null, note: string | null, names: Record<string, string>): void {
    this.element.hidden = reports === null;
    this.badge.hidden = reports === null;
    const items = reports ?? [];
    setText(this.count, String(items.length));
    this.badge.dataset.count = String(items.length);
    // the visible "Reports 2" starts the name, so speech input ("click Reports") finds it too
    this.badge.setAttribute('aria-label', `Reports: ${items.length} open`);
    this.empty.hidden = items.length > 0;
    this.note.hidden = note === null;
    setText(this.note, note ?? '');
    syncChildren(
      this.list,
      items as RoomReport[],
      (r) => r.id,
      (r) =>
        h(
          'li',
          { class: 'room-report', 'data-testid': `room-report-${r.id}` },
          h('p', { class: 'who' }, h('strong', { class: 'name' }), ' · ', h('span', { class: 'reason' })),
          h('blockquote', { class: 'quoted', 'data-testid': `room-report-quote-${r.id}`, hidden: true }),
          h('p', { class: 'hint details', hidden: true }),
          h(
            'div',
            { class: 'actions' },
            ...ROOM_ACTIONS.map((action) =>
              h('button', { type: 'button', class: action === 'DISMISS' ? 'secondary' : action.startsWith('BAN') ? 'danger' : null, 'data-testid': `report-action-${r.id}-${action}`, onclick: () => this.onAction(r.id, action) }, actionWords(action)),
            ),
          ),
          h('p', { class: 'error', role: 'alert', hidden: true }),
        ),
      (el, r) => {
        const detail = r.detail;
        setText(el.querySelector('.name') as HTMLElement, (detail ? reportedPerson(detail)?.displayName : null) ?? names[r.reportedUserId] ?? 'Someone');
        setText(el.querySelector('.reason') as HTMLElement, reasonWords(r.reason));
        const quote = el.querySelector('.quoted') as HTMLElement;
        const message = detail?.message ?? null;
        quote.hidden = !message;
        setText(quote, message ? `${message.text ?? ''}${message.deleted ? ' (deleted since)' : ''}` : '');
        const details = el.querySelector('.details') as HTMLElement;
        details.hidden = !detail?.details;
        setText(details, detail?.details ?? '');
        for (const button of Array.from(el.querySelectorAll<HTMLButtonElement>('.actions button'))) {
          button.disabled = r.acting !== null;
        }
        const error = el.querySelector('.error') as HTMLElement;
        error.hidden = r.error === null;
        setText(error, r.error ?? '');
      },
    );
  }
}
