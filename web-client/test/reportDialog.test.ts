// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/http';
import type { FileReportRequest } from '../src/api/moderationTypes';
import { ChatPanel } from '../src/ui/chatPanel';
import { REPORT_THANKS, ReportDialog } from '../src/ui/reportDialog';
import { RaisedHandsList } from '../src/ui/raisedHands';
import { StagePanel } from '../src/ui/stagePanel';
import { flush } from './fakeTimers';

const q = (root: HTMLElement, id: string) => root.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;

function dialog(answer: (body: Omit<FileReportRequest, 'roomId'>) => Promise<unknown> = async () => ({ id: 'r1', status: 'OPEN' })) {
  const sent: Array<Omit<FileReportRequest, 'roomId'>> = [];
  const d = new ReportDialog((body) => {
    sent.push(body);
    return answer(body);
  });
  document.body.replaceChildren(d.element);
  return { d, sent };
}

function choose(d: ReportDialog, reason: string): void {
  const input = q(d.element, `report-reason-${reason}`) as HTMLInputElement;
  input.checked = true;
  input.dispatchEvent(new Event('change'));
}

describe('ReportDialog', () => {
  it('offers every reason in plain words, needs one, and thanks plainly once sent', async () => {
    const { d, sent } = dialog();
    expect(d.element.hidden).toBe(true);
    d.open({ userId: 'u-lisa', displayName: 'Lisa' });
    expect(d.element.hidden).toBe(false);
    expect(d.element.textContent).toContain('Report Lisa');
    const reasons = Array.from(d.element.querySelectorAll('[data-testid^="report-reason-"]')).map((e) => e.getAttribute('data-testid'));
    expect(reasons).toEqual(['HARASSMENT', 'HATE', 'SPAM', 'SEXUAL_CONTENT', 'VIOLENCE', 'IMPERSONATION', 'OTHER'].map((r) => `report-reason-${r}`));
    expect(d.element.textContent).toContain('Harassment or bullying');
    expect(d.element.textContent).not.toContain('SEXUAL_CONTENT');
    const submit = q(d.element, 'report-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    choose(d, 'HARASSMENT');
    expect(submit.disabled).toBe(false);
    submit.click();
    await flush();
    expect(sent).toEqual([{ reportedUserId: 'u-lisa', reason: 'HARASSMENT' }]);
    expect(q(d.element, 'report-done')?.textContent).toBe(REPORT_THANKS);
    expect(REPORT_THANKS).toBe("Thanks — the room's moderators have been told.");
    q(d.element, 'report-close')!.click();
    expect(d.element.hidden).toBe(true);
  });

  it('reports a message with trimmed details, and counts them against 2000', async () => {
    const { d, sent } = dialog();
    d.open({ userId: 'u-max', displayName: 'Max', messageId: 'm7', messageText: 'buy my coins' });
    expect(q(d.element, 'report-quote')?.textContent).toBe('buy my coins');
    expect(d.element.textContent).toContain('Report a message from Max');
    const details = q(d.element, 'report-details') as HTMLTextAreaElement;
    expect(details.maxLength).toBe(2000);
    expect(q(d.element, 'report-details-count')?.textContent).toBe('0 / 2000');
    details.value = '  third time today ';
    details.dispatchEvent(new Event('input'));
    expect(q(d.element, 'report-details-count')?.textContent).toBe('19 / 2000');
    choose(d, 'SPAM');
    q(d.element, 'report-submit')!.click();
    await flush();
    expect(sent).toEqual([{ reportedUserId: 'u-max', messageId: 'm7', reason: 'SPAM', details: 'third time today' }]);
  });

  it('shows the problem detail of a refusal and lets the person try again', async () => {
    let refuse = true;
    const { d, sent } = dialog(async () => {
      if (refuse) throw new ApiError(422, '/problems/validation', 'Unprocessable', 'You were never in that room.');
      return { id: 'r1', status: 'OPEN' };
    });
    d.open({ userId: 'u-lisa', displayName: 'Lisa' });
    choose(d, 'OTHER');
    q(d.element, 'report-submit')!.click();
    await flush();
    expect(q(d.element, 'report-error')?.hidden).toBe(false);
    expect(q(d.element, 'report-error')?.textContent).toBe('You were never in that room.');
    expect((q(d.element, 'report-done')!.parentElement as HTMLElement).hidden).toBe(true);
    refuse = false;
    q(d.element, 'report-submit')!.click();
    await flush();
    expect(sent).toHaveLength(2);
    expect(q(d.element, 'report-error')?.hidden).toBe(true);
    expect((q(d.element, 'report-done')!.parentElement as HTMLElement).hidden).toBe(false);
  });

  it('starts afresh when opened again; Cancel, a click beside it and Escape close it', () => {
    const { d } = dialog();
    d.open({ userId: 'u-lisa', displayName: 'Lisa' });
    choose(d, 'HATE');
    q(d.element, 'report-cancel')!.click();
    expect(d.element.hidden).toBe(true);
    d.open({ userId: 'u-max', displayName: 'Max' });
    expect((q(d.element, 'report-submit') as HTMLButtonElement).disabled).toBe(true);
    expect(d.element.querySelector('input:checked')).toBeNull();
    q(d.element, 'report-details')!.click();
    expect(d.element.hidden).toBe(false);
    d.element.click();
    expect(d.element.hidden).toBe(true);
    d.open({ userId: 'u-max', displayName: 'Max' });
    d.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(d.element.hidden).toBe(true);
  });
});

describe('Report on people and messages', () => {
  it('is on every stage tile but mine, once I am in the room', () => {
    const reported: string[] = [];
    const stage = new StagePanel((userId, name) => reported.push(`${userId}:${name}`));
    const seat = (userId: string, displayName: string) => ({ userId, displayName, role: 'SPEAKER' as const, muted: true, mutedKnown: false });
    stage.update([seat('u-me', 'Me'), seat('u-lisa', 'Lisa')], new Set(), null);
    expect(q(stage.element, 'report-user-u-lisa')?.hidden).toBe(true);
    stage.update([seat('u-me', 'Me'), seat('u-lisa', 'Lisa')], new Set(), 'u-me');
    expect(q(stage.element, 'report-user-u-me')?.hidden).toBe(true);
    expect(q(stage.element, 'report-user-u-lisa')?.hidden).toBe(false);
    q(stage.element, 'report-user-u-lisa')!.click();
    expect(reported).toEqual(['u-lisa:Lisa']);
  });

  it('is on every raised hand (the audience a HOST or MODERATOR sees)', () => {
    const reported: string[] = [];
    const hands = new RaisedHandsList(() => undefined, () => undefined, (userId, name) => reported.push(`${userId}:${name}`));
    hands.update([{ userId: 'u-g', displayName: null, raisedAt: '2026-01-01T00:00:00Z' }], { 'u-g': 'Guest Gus' });
    q(hands.element, 'report-hand-u-g')!.click();
    expect(reported).toEqual(['u-g:Guest Gus']);
  });

  it('is on every chat message but mine, guests included', async () => {
    const targets: unknown[] = [];
    const msg = (id: string, from: string) => ({ id, from: { id: from, displayName: 'N' + from }, text: 't' + id, sentAt: '2026-01-01T00:00:00Z', toUserId: null, toRole: null });
    const panel = new ChatPanel(
      { list: async () => ({ items: [msg('m2', 'u-me'), msg('m1', 'u-guest')], nextCursor: null }), send: async () => ({}), remove: async () => undefined },
      (target) => targets.push(target),
    );
    document.body.replaceChildren(panel.element);
    panel.update({ myUserId: 'u-me', role: 'HOST', mode: 'EVERYONE', slowModeSeconds: 0, names: {} });
    await panel.start();
    expect(q(panel.element, 'chat-report-m2')).toBeNull();
    expect(q(panel.element, 'chat-delete-m1')).not.toBeNull();
    q(panel.element, 'chat-report-m1')!.click();
    expect(targets).toEqual([{ userId: 'u-guest', displayName: 'Nu-guest', messageId: 'm1', messageText: 'tm1' }]);
  });
});
