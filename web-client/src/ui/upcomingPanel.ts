import { describe } from '../room/roomNotices';
import { h, setText } from './dom';
import { icon } from './icons';

export type UpcomingAction = 'start' | 'remind' | 'unremind';

/**
 * A SCHEDULED room: when it starts; its HOST gets "Start room", everyone else "Remind me" (or "Reminder set", which
 * takes the reminder back).
 */
export class UpcomingPanel {
  readonly element: HTMLElement;
  private readonly when = h('p', { class: 'upcoming-when', 'data-testid': 'starts-at' });
  private readonly start = h('button', { type: 'button', 'data-testid': 'start-room' }, 'Start room');
  private readonly remind = h('button', { type: 'button', class: 'secondary', 'data-testid': 'remind-me', 'aria-pressed': 'false' });
  private readonly error = h('p', { class: 'error', role: 'alert', hidden: true });
  private busy = false;
  private reminded = false;

  constructor(private readonly onAction: (action: UpcomingAction) => Promise<void>) {
    this.start.addEventListener('click', () => void this.press('start'));
    this.remind.addEventListener('click', () => void this.press(this.reminded ? 'unremind' : 'remind'));
    this.element = h('section', { class: 'upcoming card', 'aria-label': 'Upcoming room', 'data-testid': 'upcoming', hidden: true }, this.when, h('div', { class: 'upcoming-buttons' }, this.start, this.remind), this.error);
  }

  /** `scheduledFor` null with `visible`: a SCHEDULED room without a time. */
  update(visible: boolean, scheduledFor: string | null, isHost: boolean, reminded: boolean, canRemind: boolean): void {
    this.element.hidden = !visible;
    if (!visible) return;
    this.reminded = reminded;
    if (this.when.dataset.at !== (scheduledFor ?? '')) {
      this.when.dataset.at = scheduledFor ?? '';
      this.when.replaceChildren(...(scheduledFor ? ['Starts ', h('time', { datetime: scheduledFor }, formatStart(scheduledFor))] : ['Starts soon']));
    }
    this.start.hidden = !isHost;
    this.remind.hidden = isHost || !canRemind;
    this.remind.replaceChildren(icon(reminded ? 'check' : 'bell'), reminded ? 'Reminder set' : 'Remind me');
    this.remind.setAttribute('aria-pressed', String(reminded));
    this.start.disabled = this.busy;
    this.remind.disabled = this.busy;
  }

  private async press(action: UpcomingAction): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.start.disabled = true;
    this.remind.disabled = true;
    this.error.hidden = true;
    try {
      await this.onAction(action);
    } catch (e) {
      this.error.hidden = false;
      setText(this.error, describe(e));
    } finally {
      this.busy = false;
      this.start.disabled = false;
      this.remind.disabled = false;
    }
  }
}

/** "Friday 4 December, 21:00" in the reader's own time zone. */
export function formatStart(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
}
