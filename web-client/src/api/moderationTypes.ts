// The shapes of API.md's "Reports and moderation", "Appeals" and notices that the web client reads. The server may
// add fields; the client reads only these, and treats the ones API.md leaves loose (evidence, history) as optional.

export const REPORT_REASONS = ['HARASSMENT', 'HATE', 'SPAM', 'SEXUAL_CONTENT', 'VIOLENCE', 'IMPERSONATION', 'OTHER'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const MODERATION_ACTIONS = ['DISMISS', 'WARN', 'REMOVE_FROM_ROOM', 'BAN_FROM_ROOM', 'BAN_FROM_CLUB', 'SUSPEND_ACCOUNT'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** What a room's HOST and MODERATORs may take (club ADMINs add BAN_FROM_CLUB, staff all). */
export const ROOM_ACTIONS: readonly ModerationAction[] = ['DISMISS', 'WARN', 'REMOVE_FROM_ROOM', 'BAN_FROM_ROOM'];

export type ReportStatus = 'OPEN' | 'RESOLVED';
export type StaffRole = 'MODERATOR' | 'ADMIN';

/** Someone as a report or an audit entry names them (a deleted account has no name any more). */
export interface PersonRef {
  id: string;
  displayName?: string | null;
  username?: string | null;
}

/** POST /reports's body. */
export interface FileReportRequest {
  reportedUserId: string;
  roomId?: string;
  messageId?: string;
  reason: ReportReason;
  details?: string;
}

/** POST /reports's answer (201, or 200 with the first report when repeated within 10 minutes). */
export interface FiledReport {
  id: string;
  status: ReportStatus;
}

/** A report in a list (GET /reports). The person reported is `reportedUser` (older drafts: `reportedUserId`). */
export interface ReportSummary {
  id: string;
  status: ReportStatus;
  reason: ReportReason;
  details?: string | null;
  reportedUser?: PersonRef | null;
  reportedUserId?: string;
  reported?: PersonRef | null;
  roomId?: string | null;
  clubId?: string | null;
  messageId?: string | null;
  createdAt?: string;
  resolutionAction?: ModerationAction | null;
}

/** The person a report is about, whichever way the server names them. */
export function reportedPerson(report: ReportSummary): PersonRef | null {
  const person = report.reportedUser ?? report.reported ?? null;
  if (person) return person;
  return report.reportedUserId ? { id: report.reportedUserId } : null;
}

export interface QuotedMessage {
  id: string;
  text: string | null;
  sentAt?: string;
  deleted?: boolean;
  fromUserId?: string | null;
}

/** A chat line of the evidence, deleted ones included and marked. */
export interface EvidenceChatLine {
  id: string;
  fromUserId: string | null;
  fromDisplayName?: string | null;
  text: string | null;
  toUserId?: string | null;
  toRole?: string | null;
  sentAt: string;
  deleted: boolean;
}

/** A stage act of the reported person in the window: a room event (type and data as over /ws). */
export interface EvidenceAct {
  seq?: number;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

/** Frozen when the report was filed (null once purged after the retention period). */
export interface Evidence {
  from?: string;
  to?: string;
  chat?: EvidenceChatLine[];
  acts?: EvidenceAct[];
  panel?: Array<{ userId: string; displayName?: string | null; role: string }>;
}

export interface ReportHistory {
  reportCount?: number;
  actionCount?: number;
  reports?: Array<{ id: string; reason: string; status: string; action?: string | null; createdAt: string }>;
  actions?: Array<{ id: string; action: string; at: string; roomId?: string | null; clubId?: string | null; durationDays?: number | null }>;
}

export interface Resolution {
  action: ModerationAction;
  note?: string | null;
  durationDays?: number | null;
  by?: string | null;
  at?: string;
}

/** GET /reports/{id}: the report with its room, the quoted message, the frozen evidence and the person's history. */
export interface ReportDetail extends ReportSummary {
  reporterId?: string | null;
  room?: { id: string; name: string; clubId?: string | null; status?: string } | null;
  message?: QuotedMessage | null;
  evidence?: Evidence | null;
  history?: ReportHistory | null;
  resolution?: Resolution | null;
}

export interface ReportFilter {
  status?: ReportStatus;
  roomId?: string;
  clubId?: string;
  reportedUserId?: string;
  reason?: ReportReason;
}

/** POST /reports/{id}/resolve's body. */
export interface ResolveRequest {
  action: ModerationAction;
  note?: string;
  durationDays?: number;
}

/** GET /me/reports: what the reporter may know. */
export interface MyReport {
  id: string;
  status: ReportStatus;
  outcome: 'ACTION_TAKEN' | 'NO_VIOLATION' | null;
  reason?: ReportReason;
  createdAt?: string;
}

export interface AuditFilter {
  roomId?: string;
  clubId?: string;
  userId?: string;
  actorId?: string;
  action?: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: PersonRef | string | null;
  action: string;
  target: PersonRef | string | null;
  roomId: string | null;
  clubId: string | null;
  reportId: string | null;
  note: string | null;
  durationDays: number | null;
  until?: string | null;
  reversedBy: string | null;
}

/** GET /staff's items: `{user, role}` (older drafts: the user's fields flat). */
export interface StaffMember {
  user?: PersonRef;
  userId?: string;
  role: StaffRole;
  username?: string | null;
  displayName?: string | null;
}

export type NoticeKind =
  | 'ROOM_LIVE'
  | 'ROOM_STARTING'
  | 'FOLLOWED_SPEAKING'
  | 'SPEAKER_INVITE'
  | 'WARNED'
  | 'SUSPENDED'
  | 'BANNED'
  | 'APPEAL_DECIDED'
  | 'REPORT_OUTCOME'
  | (string & {});

/** GET /me/notices's items, and the socket's `{"op":"notice"}`. `data` depends on the kind. */
export interface Notice {
  id: string;
  kind: NoticeKind;
  at: string;
  read: boolean;
  data: Record<string, unknown>;
}

/** POST /appeals's body: the audit entry of the action appealed. */
export interface AppealRequest {
  auditId: string;
  text: string;
}

export interface Appeal {
  id: string;
  status: 'OPEN' | 'DECIDED' | (string & {});
  auditId?: string;
  /** The action appealed (its name). */
  action?: string | null;
  userId?: string;
  appellant?: PersonRef | null;
  text?: string;
  createdAt?: string;
  decision?: AppealDecision | null;
  note?: string | null;
}

export type AppealDecision = 'UPHOLD' | 'OVERTURN';

/** The 403 `/problems/suspended` a suspended person's sign-in answers (its extra members). */
export interface Suspension {
  until: string | null;
  reason: string | null;
  appealToken: string | null;
}
