// Each typed moderation call sends what API.md names ("Reports and moderation", "Appeals", notices): method, path,
// query and body.
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../src/api/http';
import {
  bansExportUrl,
  decideAppeal,
  deleteStaff,
  fileAppeal,
  fileReport,
  listAppeals,
  listAudit,
  listReports,
  listStaff,
  markNoticesRead,
  myNotices,
  myReports,
  putStaff,
  readReport,
  resolveReport,
} from '../src/api/moderation';

const ROOM = '0190a0b0-1234-7abc-8def-00000000000a';
const USER = '0190a0b0-1234-7abc-8def-0000000000b1';

function recorder() {
  const sent: Array<[string, unknown]> = [];
  const api = new ApiClient((async (url: string, init: RequestInit) => {
    sent.push([`${init.method} ${url}`, init.body === undefined ? undefined : JSON.parse(String(init.body))]);
    return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch);
  api.useCredentials({ accessToken: () => 'token', refresh: async () => true, signedOut: () => undefined });
  return { api, sent };
}

describe('typed moderation calls', () => {
  it('reports', async () => {
    const { api, sent } = recorder();
    await fileReport(api, { reportedUserId: USER, roomId: ROOM, messageId: 'm1', reason: 'SPAM', details: 'ads' });
    await fileReport(api, { reportedUserId: USER, reason: 'OTHER' });
    await listReports(api, { status: 'OPEN', roomId: ROOM });
    await listReports(api, { status: 'OPEN', clubId: 'c1', reportedUserId: USER, roomId: '' }, 'next/page');
    await readReport(api, 'r1');
    await resolveReport(api, 'r1', { action: 'BAN_FROM_ROOM', note: 'again' });
    await resolveReport(api, 'r1', { action: 'SUSPEND_ACCOUNT', durationDays: 7 });
    await myReports(api);
    expect(sent).toEqual([
      ['POST /api/v1/reports', { reportedUserId: USER, roomId: ROOM, messageId: 'm1', reason: 'SPAM', details: 'ads' }],
      ['POST /api/v1/reports', { reportedUserId: USER, reason: 'OTHER' }],
      [`GET /api/v1/reports?status=OPEN&roomId=${ROOM}`, undefined],
      [`GET /api/v1/reports?status=OPEN&clubId=c1&reportedUserId=${USER}&cursor=next%2Fpage`, undefined],
      ['GET /api/v1/reports/r1', undefined],
      ['POST /api/v1/reports/r1/resolve', { action: 'BAN_FROM_ROOM', note: 'again' }],
      ['POST /api/v1/reports/r1/resolve', { action: 'SUSPEND_ACCOUNT', durationDays: 7 }],
      ['GET /api/v1/me/reports', undefined],
    ]);
  });

  it('audit, ban export and staff', async () => {
    const { api, sent } = recorder();
    await listAudit(api, { roomId: ROOM, actorId: USER, action: 'WARN' });
    await listAudit(api, {}, 'c');
    await listStaff(api);
    await putStaff(api, USER, 'MODERATOR');
    await deleteStaff(api, USER);
    expect(sent).toEqual([
      [`GET /api/v1/audit?roomId=${ROOM}&actorId=${USER}&action=WARN`, undefined],
      ['GET /api/v1/audit?cursor=c', undefined],
      ['GET /api/v1/staff', undefined],
      [`PUT /api/v1/staff/${USER}`, { role: 'MODERATOR' }],
      [`DELETE /api/v1/staff/${USER}`, undefined],
    ]);
    expect(bansExportUrl('csv')).toBe('/api/v1/bans/export?format=csv');
    expect(bansExportUrl('json', 'c1')).toBe('/api/v1/bans/export?format=json&clubId=c1');
  });

  it('notices and appeals', async () => {
    const { api, sent } = recorder();
    await myNotices(api);
    await myNotices(api, 'k');
    await markNoticesRead(api, 'n9');
    await fileAppeal(api, { auditId: 'a1', text: 'It was a joke between friends' });
    await listAppeals(api);
    await listAppeals(api, null, 'k');
    await decideAppeal(api, 'p1', 'OVERTURN', 'fair point');
    expect(sent).toEqual([
      ['GET /api/v1/me/notices', undefined],
      ['GET /api/v1/me/notices?cursor=k', undefined],
      ['POST /api/v1/me/notices/read', { upTo: 'n9' }],
      ['POST /api/v1/appeals', { auditId: 'a1', text: 'It was a joke between friends' }],
      ['GET /api/v1/appeals?status=OPEN', undefined],
      ['GET /api/v1/appeals?cursor=k', undefined],
      ['POST /api/v1/appeals/p1/decide', { decision: 'OVERTURN', note: 'fair point' }],
    ]);
  });
});
