import { REPORT_REASONS, type FileReportRequest, type ReportReason } from '../api/moderationTypes';
import { describeSendError } from '../room/chat';
import { MAX_DETAILS, REASON_WORDS } from '../room/moderationWords';
import { h, setText } from './dom';

/** Who (and, for a chat message, what) is being reported. */
export interface ReportTarget {
  userId: string;
  displayName: string;
  messageId?: string;
  messageText?: string;
}

export const REPORT_THANKS = "Thanks — the room's moderators have been told.";

/**
 * "Report": a reason, optional details, then a plain thank-you. The room is the page's business: `submit` gets the
 * person and message, and adds the room.
 */
export class ReportDialog {
  readonly element: HTMLElement;
  private target: ReportTarget | null = null;
  private sending = false;
  private readonly heading = h('h2', { id: 'report-heading' });
  private readonly quote = h('blockquote', { class: 'quoted', 'data-testid': 'report-quote', hidden: true });
  private readonly reasons = h('fieldset', { class: 'reasons' }, h('legend', {}, 'What is wrong?'));
  private readonly details = h('textarea', { 'data-testid': 'report-details', rows: 3, maxlength: MAX_DETAILS, placeholder: 'Anything the moderators should know (optional)', 'aria-label': 'Details' });
  private readonly counter = h('span', { class: 'hint counter', 'data-testid': 'report-details-count' });
  private readonly error = h('p', { class: 'error', 'data-testid': 'report-error', role: 'alert', hidden: true });
  private readonly submitButton = h('button', { type: 'submit', 'data-testid': 'report-submit' }, 'Send report');
  private readonly form: HTMLFormElement;
  private readonly done = h('div', { class: 'report-done', hidden: true }, h('p', { 'data-testid': 'report-done' }, REPORT_THANKS), h('button', { type: 'button', 'data-testid': 'report-close', onclick: () => this.close() }, 'Close'));

  constructor(private readonly submit: (body: Omit<FileReportRequest, 'roomId'>) => Promise<unknown>) {
    for (const reason of REPORT_REASONS) {
      this.reasons.append(
        h('label', { class: 'reason' }, h('input', { type: 'radio', name: 'report-reason', value: reason, 'data-testid': `report-reason-${reason}`, onchange: () => this.draw() }), REASON_WORDS[reason]),
      );
    }
    this.details.addEventListener('input', () => this.draw());
    this.form = h(
      'form',
      { onsubmit: (e: Event) => { e.preventDefault(); void this.send(); } },
      this.reasons,
      h('label', {}, 'Details', this.details, this.counter),
      this.error,
      h('div', { class: 'dialog-buttons' }, h('button', { type: 'button', class: 'secondary', 'data-testid': 'report-cancel', onclick: () => this.close() }, 'Cancel'), this.submitButton),
    );
    const box = h('div', { class: 'dialog card', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'report-heading' }, this.heading, this.quote, this.form, this.done);
    this.element = h('div', { class: 'dialog-backdrop', 'data-testid': 'report-dialog', hidden: true }, box);
    this.element.addEventListener('keydown', (e: KeyboardEvent) => {
      if (e.key === 'Escape') this.close();
    });
    // a click beside the dialog closes it, as Cancel does
    this.element.addEventListener('click', (e: MouseEvent) => {
      if (e.target === this.element) this.close();
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(target: ReportTarget): void {
    this.target = target;
    this.sending = false;
    setText(this.heading, target.messageId ? `Report a message from ${target.displayName}` : `Report ${target.displayName}`);
    this.quote.hidden = target.messageText === undefined;
    setText(this.quote, target.messageText ?? '');
    this.form.reset();
    this.form.hidden = false;
    this.done.hidden = true;
    this.showError(null);
    this.element.hidden = false;
    this.draw();
    this.reasons.querySelector('input')?.focus();
  }

  close(): void {
    this.element.hidden = true;
    this.target = null;
  }

  private chosen(): ReportReason | null {
    const input = this.reasons.querySelector<HTMLInputElement>('input:checked');
    return input ? (input.value as ReportReason) : null;
  }

  private async send(): Promise<void> {
    const target = this.target;
    const reason = this.chosen();
    if (!target || !reason || this.sending) return;
    const details = this.details.value.trim();
    this.sending = true;
    this.showError(null);
    this.draw();
    try {
      await this.submit({
        reportedUserId: target.userId,
        ...(target.messageId ? { messageId: target.messageId } : {}),
        reason,
        ...(details ? { details } : {}),
      });
      if (this.target !== target) return;
      this.form.hidden = true;
      this.done.hidden = false;
      (this.done.querySelector('button') as HTMLButtonElement).focus();
    } catch (e) {
      if (this.target === target) this.showError(describeSendError(e));
    } finally {
      this.sending = false;
      this.draw();
    }
  }

  private showError(message: string | null): void {
    this.error.hidden = message === null;
    setText(this.error, message ?? '');
  }

  private draw(): void {
    setText(this.counter, `${this.details.value.length} / ${MAX_DETAILS}`);
    this.submitButton.disabled = this.sending || this.chosen() === null;
  }
}
