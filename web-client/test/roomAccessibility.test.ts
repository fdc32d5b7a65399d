// @vitest-environment jsdom
// axe-core over the room page as its HOST and as a listener sees it (rules that need a real layout, such as colour
// contrast, run in the browser tests).
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detail, HOST, ROOM } from './roomFakes';
import { mountPage, PageSocket } from './roomPageHarness';

const LISA = '0190a0b0-1234-7abc-8def-0000000000l1';

async function seriousViolations(): Promise<string[]> {
  const result = await axe.run(document, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the room page is accessible', () => {
  beforeEach(() => {
    PageSocket.all = [];
    vi.stubGlobal('WebSocket', PageSocket);
    window.history.replaceState({}, '', `/rooms/${ROOM}`);
    document.documentElement.lang = 'en'; // as index.html says
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.replaceChildren();
  });

  it('for its HOST, with a person’s menu open and a confirmation asked', async () => {
    const t = mountPage({
      userId: HOST,
      role: 'HOST',
      room: (j) => detail(j ? { role: 'HOST', handRaised: false, muted: true, forcedMute: false, invited: false } : null, { visibility: 'PRIVATE', inviteCode: 'INV', panel: [{ userId: HOST, displayName: 'Alice', role: 'HOST' }, { userId: LISA, displayName: 'Lisa', role: 'SPEAKER' }] }),
      answer: (call) => (call.includes('/audience') ? { status: 200, body: { items: [{ userId: 'u-3', displayName: 'Zed', joinedAt: '2026-01-01T00:00:00Z' }], nextCursor: null } } : undefined),
    });
    await t.joinAndGoLive();
    await vi.waitFor(() => expect(t.byTestId('invite-qr')?.hidden).toBe(false), { timeout: 5000 });
    (t.byTestId(`speaker-${LISA}-person`) as HTMLButtonElement).click();
    expect(await seriousViolations()).toEqual([]);
    t.button('Ban', t.byTestId(`speaker-${LISA}-menu`)!)?.click();
    expect(await seriousViolations()).toEqual([]);
    t.page.destroy();
  }, 30_000);

  it('for a listener, and once the room has ended', async () => {
    const t = mountPage({ userId: LISA, role: 'AUDIENCE' });
    const socket = await t.joinAndGoLive();
    expect(await seriousViolations()).toEqual([]);
    socket.event('room.ended', { by: HOST });
    expect(await seriousViolations()).toEqual([]);
    t.page.destroy();
  }, 30_000);
});
