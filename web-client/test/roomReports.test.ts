import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/http';
import type { ModerationAction, ReportDetail, ReportSummary } from '../src/api/moderationTypes';
import type { Page } from '../src/api/types';
import { RoomReports, type RoomReportsApi } from '../src/room/roomReports';
import { flush } from './fakeTimers';

class FakeReportsApi implements RoomReportsApi {
  pages: Record<string, Page<ReportSummary>> = { first: { items: [], nextCursor: null } };
  details: Record<string, ReportDetail> = {};
  listed: Array<string | null> = [];
  resolved: Array<[string, ModerationAction]> = [];
  resolveError: unknown = null;
  listError: unknown = null;
  hold: Promise<void> | null = null;
  async listOpen(cursor: string | null) {
    this.listed.push(cursor);
    if (this.hold) await this.hold;
    if (this.listError) throw this.listError;
    return this.pages[cursor ?? 'first']!;
  }
  async read(reportId: string) {
    const detail = this.details[reportId];
    if (!detail) throw new ApiError(404, '/problems/not-found', 'Not found', '');
    return detail;
  }
  async resolve(reportId: string, action: ModerationAction) {
    if (this.resolveError) throw this.resolveError;
    this.resolved.push([reportId, action]);
    return {};
  }
}

const summary = (id: string, user = 'u-' + id): ReportSummary => ({ id, status: 'OPEN', reason: 'SPAM', reportedUser: { id: user, displayName: 'N' + user } });
const detail = (id: string, text: string): ReportDetail => ({ ...summary(id), message: { id: 'm-' + id, text } });

function reports(api: FakeReportsApi) {
  let changes = 0;
  const r = new RoomReports(api, () => changes++);
  return { r, changes: () => changes };
}

describe('RoomReports', () => {
  it('reads every page of open reports on start, once, and completes each from its detail', async () => {
    const api = new FakeReportsApi();
    api.pages.first = { items: [summary('a')], nextCursor: 'k' };
    api.pages.k = { items: [summary('b')], nextCursor: null };
    api.details.a = detail('a', 'buy coins');
    const { r, changes } = reports(api);
    expect(r.isActive).toBe(false);
    await r.start();
    await r.start();
    await flush();
    expect(api.listed).toEqual([null, 'k']);
    expect(r.items.map((x) => x.id)).toEqual(['a', 'b']);
    expect(r.count).toBe(2);
    expect(r.items[0]!.detail?.message?.text).toBe('buy coins');
    expect(r.items[1]!.detail).toBeNull(); // its detail failed: still shown with who and why
    expect(r.items[1]!.reportedUserId).toBe('u-b');
    expect(changes()).toBeGreaterThan(0);
  });

  it('adds a report.filed once, only while started, and keeps it when the list did not have it yet', async () => {
    const api = new FakeReportsApi();
    const { r } = reports(api);
    r.onEvent('report.filed', { reportId: 'x', reportedUserId: 'u-x', reason: 'HATE' });
    expect(r.count).toBe(0);
    await r.start();
    api.details.c = detail('c', 'nasty');
    r.onEvent('report.filed', { reportId: 'c', reportedUserId: 'u-c', reason: 'HATE' });
    r.onEvent('report.filed', { reportId: 'c', reportedUserId: 'u-c', reason: 'HATE' });
    r.onEvent('chat.message', { id: 'c' });
    r.onEvent('report.filed', { reportId: 'd' });
    await flush();
    expect(r.items.map((x) => [x.id, x.reason, x.detail?.message?.text])).toEqual([['c', 'HATE', 'nasty']]);
    // the server's list is the truth, except for what was filed while it was being read
    let release = () => {};
    api.hold = new Promise((resolve) => (release = resolve));
    api.pages.first = { items: [summary('a')], nextCursor: null };
    const reading = r.reload();
    r.onEvent('report.filed', { reportId: 'e', reportedUserId: 'u-e', reason: 'SPAM' });
    release();
    await reading;
    expect(r.items.map((x) => x.id)).toEqual(['a', 'e']);
  });

  it('drops an entry once resolved, or when someone else was first (409); keeps it with the error otherwise', async () => {
    const api = new FakeReportsApi();
    api.pages.first = { items: [summary('a'), summary('b'), summary('c')], nextCursor: null };
    const { r } = reports(api);
    await r.start();
    await r.resolve('a', 'REMOVE_FROM_ROOM');
    expect(api.resolved).toEqual([['a', 'REMOVE_FROM_ROOM']]);
    expect(r.items.map((x) => x.id)).toEqual(['b', 'c']);
    expect(r.lastNote).toBe('Remove from room: done.');
    api.resolveError = new ApiError(409, '/problems/conflict', 'Conflict', 'Already resolved');
    await r.resolve('b', 'WARN');
    expect(r.items.map((x) => x.id)).toEqual(['c']);
    expect(r.lastNote).toBe('Someone else resolved that report first.');
    api.resolveError = new ApiError(403, '/problems/forbidden', 'Forbidden', 'Not within your reach.');
    await r.resolve('c', 'BAN_FROM_ROOM');
    expect(r.items.map((x) => [x.id, x.error, x.acting])).toEqual([['c', 'Not within your reach.', null]]);
  });

  it('takes one action at a time per report', async () => {
    const api = new FakeReportsApi();
    api.pages.first = { items: [summary('a')], nextCursor: null };
    const { r } = reports(api);
    await r.start();
    const first = r.resolve('a', 'DISMISS');
    expect(r.items[0]!.acting).toBe('DISMISS');
    await r.resolve('a', 'WARN');
    await first;
    expect(api.resolved).toEqual([['a', 'DISMISS']]);
  });

  it('drops a report its detail says is resolved, says when the list cannot be read, and forgets all on stop', async () => {
    const api = new FakeReportsApi();
    api.pages.first = { items: [summary('a')], nextCursor: null };
    api.details.a = { ...detail('a', 'x'), status: 'RESOLVED' };
    const { r } = reports(api);
    await r.start();
    await flush();
    expect(r.count).toBe(0);
    r.stop();
    expect(r.isActive).toBe(false);
    api.listError = new ApiError(403, '/problems/forbidden', 'Forbidden', 'Not yours.');
    await r.start();
    expect(r.lastNote).toBe('The reports could not be read: Not yours.');
    r.stop();
    expect(r.lastNote).toBeNull();
  });
});
