import { ApiError } from '../api/http';
import type { Appeal, AppealDecision } from '../api/moderationTypes';
import type { Page } from '../api/types';
import { actionWords } from '../room/moderationWords';
import { when } from '../room/notices';
import { h, setText } from './dom';

export interface AppealsApi {
  list(cursor: string | null): Promise<Page<Appeal>>;
  decide(appealId: string, decision: AppealDecision, note: string): Promise<unknown>;
}

/** Open appeals, for staff: the appeal's words, and Uphold or Overturn with a note (never by whoever acted). */
export class AppealsQueue {
  readonly element: HTMLElement;
  private readonly list = h('ul', { class: 'appeals', 'data-testid': 'appeals-list' });
  private readonly error = h('p', { class: 'error', role: 'alert', hidden: true });

  constructor(private readonly api: AppealsApi) {
    this.element = h('section', { class: 'appeals-queue' }, this.error, this.list);
  }

  async load(): Promise<void> {
    try {
      const page = await this.api.list(null);
      this.list.replaceChildren(...page.items.map((a) => this.item(a)));
      if (page.items.length === 0) this.list.append(h('li', { class: 'hint' }, 'No open appeals.'));
      this.error.hidden = true;
    } catch (e) {
      this.error.hidden = false;
      setText(this.error, e instanceof ApiError ? e.describe() : String(e));
    }
  }

  private item(appeal: Appeal): HTMLElement {
    const note = h('textarea', { rows: 2, 'data-testid': `appeal-note-${appeal.id}`, placeholder: 'Why (the person is told)', 'aria-label': 'Decision note' });
    const error = h('p', { class: 'error', role: 'alert', hidden: true });
    const outcome = h('p', { class: 'hint', hidden: true });
    const decide = async (decision: AppealDecision): Promise<void> => {
      try {
        await this.api.decide(appeal.id, decision, note.value.trim());
        buttons.hidden = true;
        error.hidden = true;
        outcome.hidden = false;
        setText(outcome, decision === 'OVERTURN' ? 'Overturned: the action is lifted.' : 'Upheld.');
      } catch (e) {
        error.hidden = false;
        setText(error, e instanceof ApiError ? e.describe() : String(e));
      }
    };
    const buttons = h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', 'data-testid': `appeal-uphold-${appeal.id}`, onclick: () => void decide('UPHOLD') }, 'Uphold'),
      h('button', { type: 'button', 'data-testid': `appeal-overturn-${appeal.id}`, onclick: () => void decide('OVERTURN') }, 'Overturn'),
    );
    const who = appeal.appellant?.displayName ?? appeal.appellant?.username ?? (appeal.userId ? `Person ${appeal.userId}` : 'Someone');
    return h(
      'li',
      { class: 'card appeal-item', 'data-testid': `appeal-${appeal.id}` },
      h('p', {}, h('strong', {}, who), appeal.action ? ` appeals: ${actionWords(appeal.action)}` : ' appeals', appeal.createdAt ? h('span', { class: 'hint' }, ` · ${when(appeal.createdAt)}`) : ''),
      appeal.text ? h('blockquote', { class: 'quoted' }, appeal.text) : '',
      h('label', {}, 'Note', note),
      buttons,
      error,
      outcome,
    );
  }
}
