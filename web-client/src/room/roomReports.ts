// The open reports of one room, for its HOST and MODERATORs (no DOM): read on start (GET /reports?status=OPEN&roomId=),
// added by `report.filed`, each completed from GET /reports/{id} (who, the quoted message), and gone once resolved,
// by me or by someone else first (409).
import { ApiError } from '../api/http';
import { reportedPerson, type ModerationAction, type ReportDetail, type ReportSummary } from '../api/moderationTypes';
import type { Page } from '../api/types';
import { actionWords } from './moderationWords';
import { describe } from './roomNotices';

/** The calls the room's reports need, relative to the room. */
export interface RoomReportsApi {
  listOpen(cursor: string | null): Promise<Page<ReportSummary>>;
  read(reportId: string): Promise<ReportDetail>;
  resolve(reportId: string, action: ModerationAction): Promise<unknown>;
}

/** One open report as the panel shows it. */
export interface RoomReport {
  id: string;
  reportedUserId: string;
  reason: string;
  /** Null until GET /reports/{id} answered (or when it failed: the entry still shows who and why). */
  detail: ReportDetail | null;
  /** The action being taken, while its call is out. */
  acting: ModerationAction | null;
  error: string | null;
}

/** At most this many pages of open reports are read on start (a room with more has bigger problems). */
const MAX_PAGES = 5;

export class RoomReports {
  private reports: RoomReport[] = [];
  private active = false;
  private generation = 0;
  private note: string | null = null;
  /** Filed (by event) since the list was last asked for: kept when the list does not have them yet. */
  private filedSince = new Set<string>();

  constructor(
    private readonly api: RoomReportsApi,
    private readonly changed: () => void,
  ) {}

  /** The open reports, oldest first. */
  get items(): readonly RoomReport[] {
    return this.reports;
  }

  get count(): number {
    return this.reports.length;
  }

  get isActive(): boolean {
    return this.active;
  }

  /** What happened last that is not an entry any more (e.g. "Lisa: someone else already resolved it"). */
  get lastNote(): string | null {
    return this.note;
  }

  /** I moderate this room now: read its open reports (again nothing if already started). */
  async start(): Promise<void> {
    if (this.active) return;
    this.active = true;
    await this.reload();
  }

  /** Not a moderator here any more, or gone: forget them. */
  stop(): void {
    if (!this.active) return;
    this.active = false;
    this.generation++;
    this.reports = [];
    this.note = null;
    this.changed();
  }

  async reload(): Promise<void> {
    if (!this.active) return;
    const generation = ++this.generation;
    this.filedSince = new Set();
    const found: ReportSummary[] = [];
    try {
      let cursor: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer: Page<ReportSummary> = await this.api.listOpen(cursor);
        if (generation !== this.generation) return;
        found.push(...answer.items);
        cursor = answer.nextCursor;
        if (!cursor) break;
      }
    } catch (e) {
      if (generation !== this.generation) return;
      this.note = `The reports could not be read: ${describe(e)}`;
      this.changed();
      return;
    }
    const known = new Map(this.reports.map((r) => [r.id, r]));
    // reports filed while the list was read stay; the rest is what the server says is open
    const listed = new Set(found.map((s) => s.id));
    const arrived = this.reports.filter((r) => !listed.has(r.id) && this.filedSince.has(r.id));
    this.reports = [...found.map((s) => known.get(s.id) ?? this.entryOf(s.id, reportedPerson(s)?.id ?? '', s.reason)), ...arrived];
    this.changed();
    for (const report of this.reports) {
      if (report.detail === null) void this.complete(report.id, generation);
    }
  }

  /** A room event: `report.filed` adds an entry (once). */
  onEvent(type: string, data: Record<string, unknown>): void {
    if (!this.active || type !== 'report.filed') return;
    const { reportId, reportedUserId, reason } = data;
    if (typeof reportId !== 'string' || typeof reportedUserId !== 'string' || typeof reason !== 'string') return;
    if (this.reports.some((r) => r.id === reportId)) return;
    this.filedSince.add(reportId);
    this.reports = [...this.reports, this.entryOf(reportId, reportedUserId, reason)];
    this.changed();
    void this.complete(reportId, this.generation);
  }

  /** One click: resolve with a room action; the entry goes once the server agreed (or someone else was first). */
  async resolve(reportId: string, action: ModerationAction): Promise<void> {
    const report = this.reports.find((r) => r.id === reportId);
    if (!report || report.acting) return;
    this.update(reportId, { acting: action, error: null });
    try {
      await this.api.resolve(reportId, action);
      this.note = `${actionWords(action)}: done.`;
      this.drop(reportId);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        this.note = 'Someone else resolved that report first.';
        this.drop(reportId);
      } else {
        this.update(reportId, { acting: null, error: describe(e) });
      }
    }
  }

  private entryOf(id: string, reportedUserId: string, reason: string): RoomReport {
    return { id, reportedUserId, reason, detail: null, acting: null, error: null };
  }

  private async complete(reportId: string, generation: number): Promise<void> {
    try {
      const detail = await this.api.read(reportId);
      if (generation !== this.generation) return;
      if (detail.status && detail.status !== 'OPEN') {
        this.drop(reportId);
        return;
      }
      this.update(reportId, { detail });
    } catch {
      // the entry still says who and why; its actions work without the quote
    }
  }

  private update(reportId: string, change: Partial<RoomReport>): void {
    if (!this.reports.some((r) => r.id === reportId)) return;
    this.reports = this.reports.map((r) => (r.id === reportId ? { ...r, ...change } : r));
    this.changed();
  }

  private drop(reportId: string): void {
    this.reports = this.reports.filter((r) => r.id !== reportId);
    this.changed();
  }
}
