import { ApiError } from '../api/http';
import { MODERATION_ACTIONS, reportedPerson, type ModerationAction, type ReportDetail, type ResolveRequest } from '../api/moderationTypes';
import { timelineOf } from '../room/evidenceTimeline';
import { actionWords, reasonWords } from '../room/moderationWords';
import { when } from '../room/notices';
import { append, h, setText } from './dom';

/** What an action does, said before it is confirmed. */
const CONSEQUENCE: Record<ModerationAction, string> = {
  DISMISS: 'No violation: the report is closed and the reporter is told so.',
  WARN: 'The person gets a warning notice they can appeal.',
  REMOVE_FROM_ROOM: 'The person is taken out of the room now (they may come back).',
  BAN_FROM_ROOM: 'The person is taken out of the room and cannot come back.',
  BAN_FROM_CLUB: "The person is banned from every room of the room's club.",
  SUSPEND_ACCOUNT: 'The account can do nothing but read why and appeal, for the days given (empty: until lifted).',
};

/** One report for staff and club ADMINs: who and why, the quoted message, the evidence as a timeline, the person's
 * history, and the actions, each confirmed with a note. */
export class ReportView {
  readonly element = h('article', { class: 'report-view card', 'data-testid': 'report-view' });
  private report: ReportDetail | null = null;

  constructor(private readonly resolve: (reportId: string, body: ResolveRequest) => Promise<ReportDetail>) {}

  show(report: ReportDetail): void {
    this.report = report;
    const person = reportedPerson(report);
    const name = person?.displayName ?? person?.username ?? 'Someone (account deleted)';
    const timeline = timelineOf(report.evidence, person?.id ?? null, name);
    const history = report.history;
    this.element.replaceChildren();
    append(this.element, [
      h('h2', {}, `${name} · ${reasonWords(report.reason)}`),
      h('p', { class: 'hint' }, report.room ? `In ${report.room.name}` : 'No room', report.createdAt ? ` · reported ${when(report.createdAt)}` : '', ` · ${report.status === 'OPEN' ? 'open' : 'resolved'}`),
      report.message ? h('blockquote', { class: 'quoted', 'data-testid': 'report-view-quote' }, report.message.text ?? '(text erased)', report.message.deleted ? ' (deleted since)' : '') : null,
      report.details ? h('p', {}, h('strong', {}, 'The reporter says: '), report.details) : null,
      h('h3', {}, 'Evidence'),
      timeline.length === 0
        ? h('p', { class: 'hint' }, report.evidence ? 'Nothing happened in the window.' : 'No evidence (no room, or erased after the retention period).')
        : h(
            'ol',
            { class: 'timeline', 'data-testid': 'evidence-timeline' },
            ...timeline.map((line) =>
              h('li', { class: `line-${line.kind}${line.aboutReported ? ' reported' : ''}${line.deleted ? ' deleted' : ''}` }, h('time', { class: 'hint' }, when(line.at)), ' ', h('strong', {}, line.who), line.kind === 'chat' ? ': ' : ' ', line.text, line.deleted ? h('span', { class: 'tag' }, 'deleted') : null),
            ),
          ),
      report.evidence?.panel?.length ? h('p', { class: 'hint' }, 'On the panel: ', report.evidence.panel.map((s) => s.displayName ?? 'Someone').join(', ')) : null,
      h('h3', {}, 'History'),
      h(
        'div',
        { 'data-testid': 'report-history' },
        h('p', {}, `${history?.reportCount ?? 0} earlier report(s), ${history?.actionCount ?? 0} action(s).`),
        history?.actions?.length ? h('ul', {}, ...history.actions.map((a) => h('li', {}, `${when(a.at)}: ${actionWords(a.action)}${a.durationDays ? ` (${a.durationDays} days)` : ''}`))) : null,
        history?.reports?.length ? h('ul', {}, ...history.reports.map((r) => h('li', {}, `${when(r.createdAt)}: ${reasonWords(r.reason)}, ${r.action ? actionWords(r.action) : r.status.toLowerCase()}`))) : null,
      ),
      report.resolution
        ? h('p', { class: 'resolution', 'data-testid': 'report-resolution' }, `Resolved: ${actionWords(report.resolution.action)}`, report.resolution.durationDays ? ` for ${report.resolution.durationDays} days` : '', report.resolution.note ? ` (${report.resolution.note})` : '')
        : this.actions(report.id),
    ]);
  }

  private actions(reportId: string): HTMLElement {
    const confirm = h('div', { class: 'confirm', hidden: true });
    const buttons = h(
      'div',
      { class: 'actions' },
      ...MODERATION_ACTIONS.map((action) =>
        h('button', { type: 'button', class: action === 'DISMISS' ? 'secondary' : action === 'WARN' || action === 'REMOVE_FROM_ROOM' ? null : 'danger', 'data-testid': `resolve-${action}`, onclick: () => this.ask(reportId, action, confirm) }, actionWords(action)),
      ),
    );
    return h('div', { class: 'report-actions' }, h('h3', {}, 'Decide'), buttons, confirm);
  }

  private ask(reportId: string, action: ModerationAction, box: HTMLElement): void {
    const note = h('textarea', { 'data-testid': 'resolve-note', rows: 2, maxlength: 2000, placeholder: 'A note for the audit log (and the person, for a warning or ban)' });
    const days = h('input', { type: 'number', min: 1, max: 3650, 'data-testid': 'resolve-days', placeholder: 'until lifted' });
    const error = h('p', { class: 'error', role: 'alert', hidden: true });
    const go = h('button', { type: 'button', class: action === 'DISMISS' || action === 'WARN' ? null : 'danger', 'data-testid': 'resolve-confirm' }, `Confirm: ${actionWords(action)}`);
    go.addEventListener('click', async () => {
      const body: ResolveRequest = { action };
      if (note.value.trim()) body.note = note.value.trim();
      if (action === 'SUSPEND_ACCOUNT' && days.value) body.durationDays = Number(days.value);
      go.disabled = true;
      try {
        this.show(await this.resolve(reportId, body));
      } catch (e) {
        error.hidden = false;
        setText(error, e instanceof ApiError ? e.describe() : String(e));
        go.disabled = false;
      }
    });
    box.hidden = false;
    box.replaceChildren();
    append(box, [
      h('p', {}, h('strong', {}, `${actionWords(action)}? `), CONSEQUENCE[action]),
      h('label', {}, 'Note', note),
      action === 'SUSPEND_ACCOUNT' ? h('label', {}, 'Days (1-3650)', days) : null,
      error,
      h('div', { class: 'dialog-buttons' }, h('button', { type: 'button', class: 'secondary', 'data-testid': 'resolve-cancel', onclick: () => { box.hidden = true; box.replaceChildren(); } }, 'Cancel'), go),
    ]);
    note.focus();
  }

  get shown(): ReportDetail | null {
    return this.report;
  }
}
