import { ApiError } from '../api/http';
import { REPORT_REASONS, reportedPerson, type ReportDetail, type ReportFilter, type ReportSummary, type ResolveRequest } from '../api/moderationTypes';
import type { Page } from '../api/types';
import { actionWords, reasonWords } from '../room/moderationWords';
import { when } from '../room/notices';
import { h, setText } from './dom';
import { ReportView } from './reportView';

export interface QueueApi {
  list(filter: ReportFilter, cursor: string | null): Promise<Page<ReportSummary>>;
  read(reportId: string): Promise<ReportDetail>;
  resolve(reportId: string, body: ResolveRequest): Promise<ReportDetail>;
}

function describe(e: unknown): string {
  return e instanceof ApiError ? e.describe() : String(e);
}

/** The queue (oldest open first) with its filters; a report opens beside it. Reason is filtered here if the server
 * does not (API.md names no `reason` query). */
export class ModerationQueue {
  readonly element: HTMLElement;
  private readonly status = h('select', { 'data-testid': 'queue-status', 'aria-label': 'Status' }, h('option', { value: 'OPEN' }, 'Open'), h('option', { value: 'RESOLVED' }, 'Resolved'), h('option', { value: '' }, 'All'));
  private readonly reason = h('select', { 'data-testid': 'queue-reason', 'aria-label': 'Reason' }, h('option', { value: '' }, 'Any reason'), ...REPORT_REASONS.map((r) => h('option', { value: r }, reasonWords(r))));
  private readonly club = h('input', { 'data-testid': 'queue-club', placeholder: 'Club id', 'aria-label': 'Club id' });
  private readonly room = h('input', { 'data-testid': 'queue-room', placeholder: 'Room id', 'aria-label': 'Room id' });
  private readonly list = h('ul', { class: 'queue', 'data-testid': 'queue-list' });
  private readonly more = h('button', { type: 'button', class: 'secondary', 'data-testid': 'queue-more', hidden: true, onclick: () => void this.load(false) }, 'More');
  private readonly error = h('p', { class: 'error', role: 'alert', hidden: true });
  private readonly view: ReportView;
  private cursor: string | null = null;

  constructor(private readonly api: QueueApi) {
    this.view = new ReportView(async (id, body) => {
      const report = await this.api.resolve(id, body);
      void this.load(true);
      return report;
    });
    this.view.element.hidden = true;
    const filters = h('form', { class: 'filters', onsubmit: (e: Event) => { e.preventDefault(); void this.load(true); } }, this.status, this.reason, this.club, this.room, h('button', { type: 'submit', 'data-testid': 'queue-filter' }, 'Show'));
    this.element = h('section', { class: 'moderation-queue' }, filters, this.error, h('div', { class: 'queue-split' }, h('div', {}, this.list, this.more), this.view.element));
  }

  filter(): ReportFilter {
    const filter: ReportFilter = {};
    if (this.status.value) filter.status = this.status.value as ReportFilter['status'];
    if (this.club.value.trim()) filter.clubId = this.club.value.trim();
    if (this.room.value.trim()) filter.roomId = this.room.value.trim();
    if (this.reason.value) filter.reason = this.reason.value as ReportFilter['reason'];
    return filter;
  }

  async load(fresh: boolean): Promise<void> {
    if (fresh) this.cursor = null;
    try {
      const page = await this.api.list(this.filter(), this.cursor);
      if (fresh) this.list.replaceChildren();
      const reason = this.reason.value;
      for (const report of page.items.filter((r) => !reason || r.reason === reason)) this.list.append(this.row(report));
      this.cursor = page.nextCursor;
      this.more.hidden = !this.cursor;
      this.error.hidden = true;
      if (this.list.children.length === 0) this.list.append(h('li', { class: 'hint' }, 'No reports match.'));
    } catch (e) {
      this.error.hidden = false;
      setText(this.error, describe(e));
    }
  }

  async open(reportId: string): Promise<void> {
    try {
      this.view.show(await this.api.read(reportId));
      this.view.element.hidden = false;
    } catch (e) {
      this.error.hidden = false;
      setText(this.error, describe(e));
    }
  }

  private row(report: ReportSummary): HTMLElement {
    const person = reportedPerson(report);
    return h(
      'li',
      { class: 'queue-item', 'data-testid': `queue-item-${report.id}` },
      h('button', { type: 'button', class: 'link', 'data-testid': `queue-open-${report.id}`, onclick: () => void this.open(report.id) }, person?.displayName ?? person?.username ?? 'Someone'),
      ` · ${reasonWords(report.reason)}`,
      h('span', { class: 'hint' }, report.createdAt ? ` · ${when(report.createdAt)}` : '', report.resolutionAction ? ` · ${actionWords(report.resolutionAction)}` : ''),
    );
  }
}
