import { ApiError } from '../api/http';
import type { AuditEntry, AuditFilter, PersonRef } from '../api/moderationTypes';
import type { Page } from '../api/types';
import { actionWords } from '../room/moderationWords';
import { when } from '../room/notices';
import { h, setText } from './dom';

function person(ref: PersonRef | string | null): string {
  if (ref === null) return '—';
  return typeof ref === 'string' ? ref : (ref.displayName ?? ref.username ?? ref.id);
}

/** The audit log, newest first, with its filters (room, club, person, actor, action). */
export class AuditLog {
  readonly element: HTMLElement;
  private readonly inputs: Record<keyof AuditFilter, HTMLInputElement>;
  private readonly rows = h('tbody', { 'data-testid': 'audit-rows' });
  private readonly more = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => void this.load(false) }, 'Older');
  private readonly error = h('p', { class: 'error', role: 'alert', hidden: true });
  private cursor: string | null = null;

  constructor(private readonly list: (filter: AuditFilter, cursor: string | null) => Promise<Page<AuditEntry>>) {
    const input = (key: keyof AuditFilter, label: string) => h('input', { 'data-testid': `audit-${key}`, placeholder: label, 'aria-label': label });
    this.inputs = { roomId: input('roomId', 'Room id'), clubId: input('clubId', 'Club id'), userId: input('userId', 'Person id'), actorId: input('actorId', 'Moderator id'), action: input('action', 'Action (e.g. WARN)') };
    const filters = h('form', { class: 'filters', onsubmit: (e: Event) => { e.preventDefault(); void this.load(true); } }, ...Object.values(this.inputs), h('button', { type: 'submit', 'data-testid': 'audit-filter' }, 'Show'));
    const table = h('table', { class: 'audit' }, h('thead', {}, h('tr', {}, ...['When', 'Who acted', 'Action', 'On whom', 'Note', ''].map((t) => h('th', {}, t)))), this.rows);
    this.element = h('section', { class: 'audit-log' }, filters, this.error, table, this.more);
  }

  filter(): AuditFilter {
    const filter: AuditFilter = {};
    for (const [key, el] of Object.entries(this.inputs) as Array<[keyof AuditFilter, HTMLInputElement]>) {
      if (el.value.trim()) filter[key] = el.value.trim();
    }
    return filter;
  }

  async load(fresh: boolean): Promise<void> {
    if (fresh) this.cursor = null;
    try {
      const page = await this.list(this.filter(), this.cursor);
      if (fresh) this.rows.replaceChildren();
      for (const e of page.items) {
        this.rows.append(
          h('tr', { 'data-testid': `audit-${e.id}`, class: e.reversedBy ? 'reversed' : '' }, h('td', {}, when(e.at)), h('td', {}, person(e.actor)), h('td', {}, actionWords(e.action), e.durationDays ? ` (${e.durationDays} d)` : ''), h('td', {}, person(e.target)), h('td', {}, e.note ?? ''), h('td', {}, e.reversedBy ? 'reversed' : '')),
        );
      }
      this.cursor = page.nextCursor;
      this.more.hidden = !this.cursor;
      this.error.hidden = true;
    } catch (e) {
      this.error.hidden = false;
      setText(this.error, e instanceof ApiError ? e.describe() : String(e));
    }
  }
}
