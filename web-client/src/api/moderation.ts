// The calls of API.md's "Reports and moderation", "Appeals" and the notices of "People, notices and notifications",
// typed.
import type { ApiClient } from './http';
import type {
  Appeal,
  AppealDecision,
  AppealRequest,
  AuditEntry,
  AuditFilter,
  FiledReport,
  FileReportRequest,
  MyReport,
  Notice,
  ReportDetail,
  ReportFilter,
  ReportSummary,
  ResolveRequest,
  StaffMember,
  StaffRole,
} from './moderationTypes';
import type { Page } from './types';

const V1 = '/api/v1';

/** Paging plus the filters that are set, in the order given (empty values are left out). */
function query(filter: object, cursor: string | null = null, limit?: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  if (limit !== undefined) params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
}

const id = encodeURIComponent;

/** GET /me: only what moderation needs of it, `staffRole` (null for most people). */
export function myStaffRole(api: ApiClient): Promise<StaffRole | null> {
  return api.get<{ staffRole?: StaffRole | null } | undefined>(`${V1}/me`).then((me) => me?.staffRole ?? null);
}

/** POST /reports: 201 `{id, status: OPEN}` (200 and the first report when repeated within 10 minutes). */
export function fileReport(api: ApiClient, body: FileReportRequest): Promise<FiledReport> {
  return api.post<FiledReport>(`${V1}/reports`, body);
}

/** GET /reports?status=&roomId=&clubId=&reportedUserId=: oldest open first. */
export function listReports(api: ApiClient, filter: ReportFilter, cursor: string | null = null): Promise<Page<ReportSummary>> {
  return api.get<Page<ReportSummary>>(`${V1}/reports${query(filter, cursor)}`);
}

/** GET /reports/{id}: with the room, the quoted message, the evidence and the person's history. */
export function readReport(api: ApiClient, reportId: string): Promise<ReportDetail> {
  return api.get<ReportDetail>(`${V1}/reports/${id(reportId)}`);
}

/** POST /reports/{id}/resolve: 200 the report; 409 when someone resolved it first. */
export function resolveReport(api: ApiClient, reportId: string, body: ResolveRequest): Promise<ReportDetail> {
  return api.post<ReportDetail>(`${V1}/reports/${id(reportId)}/resolve`, body);
}

/** GET /me/reports: my reports with their status and outcome. */
export function myReports(api: ApiClient, cursor: string | null = null): Promise<Page<MyReport>> {
  return api.get<Page<MyReport>>(`${V1}/me/reports${query({}, cursor)}`);
}

/** GET /audit?roomId=&clubId=&userId=&actorId=&action=: newest first. */
export function listAudit(api: ApiClient, filter: AuditFilter, cursor: string | null = null): Promise<Page<AuditEntry>> {
  return api.get<Page<AuditEntry>>(`${V1}/audit${query(filter, cursor)}`);
}

/** GET /bans/export?format=&clubId=: a link (the browser downloads it), not a call. */
export function bansExportUrl(format: 'csv' | 'json', clubId: string | null = null): string {
  return `${V1}/bans/export${query({ format, clubId })}`;
}

/** GET /staff. */
export function listStaff(api: ApiClient): Promise<Page<StaffMember>> {
  return api.get<Page<StaffMember>>(`${V1}/staff`);
}

/** PUT /staff/{userId} `{role}` (an ADMIN only). */
export function putStaff(api: ApiClient, userId: string, role: StaffRole): Promise<StaffMember | undefined> {
  return api.put<StaffMember | undefined>(`${V1}/staff/${id(userId)}`, { role });
}

/** DELETE /staff/{userId}. */
export function deleteStaff(api: ApiClient, userId: string): Promise<void> {
  return api.delete<void>(`${V1}/staff/${id(userId)}`);
}

/** GET /me/notices: newest first (a suspended person's appeal token may read it too). */
export function myNotices(api: ApiClient, cursor: string | null = null): Promise<Page<Notice>> {
  return api.get<Page<Notice>>(`${V1}/me/notices${query({}, cursor)}`);
}

/** POST /me/notices/read `{upTo}`: 204; every notice up to that one is read. */
export function markNoticesRead(api: ApiClient, upTo: string): Promise<void> {
  return api.post<void>(`${V1}/me/notices/read`, { upTo });
}

/** POST /appeals `{auditId, text}`: 201 `{id, status: OPEN}`; a second appeal of the same action 409. */
export function fileAppeal(api: ApiClient, body: AppealRequest): Promise<Appeal> {
  return api.post<Appeal>(`${V1}/appeals`, body);
}

/** GET /appeals?status=: staff. */
export function listAppeals(api: ApiClient, status: string | null = 'OPEN', cursor: string | null = null): Promise<Page<Appeal>> {
  return api.get<Page<Appeal>>(`${V1}/appeals${query({ status }, cursor)}`);
}

/** POST /appeals/{id}/decide `{decision, note}`. */
export function decideAppeal(api: ApiClient, appealId: string, decision: AppealDecision, note: string): Promise<Appeal> {
  return api.post<Appeal>(`${V1}/appeals/${id(appealId)}/decide`, { decision, note });
}
