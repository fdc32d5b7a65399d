import { ApiError } from '../api/http';
import { MAX_APPEAL } from '../room/notices';
import { h, setText } from './dom';

export const APPEAL_THANKS = 'Your appeal is in. A staff member who did not take this action will decide, and you will get a notice.';

/** "Appeal": a few words on why the action was wrong, once per action (the server answers 409 to a second). */
export class AppealForm {
  readonly element: HTMLElement;
  private sending = false;
  private readonly text: HTMLTextAreaElement;
  private readonly button: HTMLButtonElement;
  private readonly counter = h('span', { class: 'hint counter' });
  private readonly error = h('p', { class: 'error', role: 'alert', hidden: true });
  private readonly form: HTMLFormElement;
  private readonly done: HTMLElement;

  constructor(
    auditId: string,
    private readonly submit: (text: string) => Promise<unknown>,
  ) {
    this.text = h('textarea', { 'data-testid': `appeal-text-${auditId}`, rows: 3, maxlength: MAX_APPEAL, placeholder: 'Why was this wrong? What should the staff know?', 'aria-label': 'Your appeal' });
    this.button = h('button', { type: 'submit', 'data-testid': `appeal-submit-${auditId}` }, 'Send appeal');
    this.text.addEventListener('input', () => this.draw());
    this.form = h(
      'form',
      { class: 'appeal', onsubmit: (e: Event) => { e.preventDefault(); void this.send(); } },
      h('label', {}, 'Appeal this decision', this.text, this.counter),
      this.error,
      this.button,
    );
    this.done = h('p', { class: 'appeal-done', 'data-testid': `appeal-done-${auditId}`, hidden: true }, APPEAL_THANKS);
    this.element = h('div', { class: 'appeal-box' }, this.form, this.done);
    this.draw();
  }

  private async send(): Promise<void> {
    const text = this.text.value.trim();
    if (this.sending || !text) return;
    this.sending = true;
    this.error.hidden = true;
    this.draw();
    try {
      await this.submit(text);
      this.form.hidden = true;
      this.done.hidden = false;
    } catch (e) {
      this.error.hidden = false;
      setText(this.error, e instanceof ApiError ? e.describe() : String(e));
    } finally {
      this.sending = false;
      this.draw();
    }
  }

  private draw(): void {
    setText(this.counter, `${this.text.value.length} / ${MAX_APPEAL}`);
    this.button.disabled = this.sending || this.text.value.trim() === '';
  }
}
