// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flush } from './fakeTimers';
import { detail, HOST, ROOM } from './roomFakes';
import { mountPage, PageSocket } from './roomPageHarness';

const LISA = '0190a0b0-1234-7abc-8def-0000000000l1';
const MO = '0190a0b0-1234-7abc-8def-0000000000m1';
const AUDIENCE_URL = `GET /api/v1/rooms/${ROOM}/audience?limit=50`;

function hostRoom(joined: boolean, extra: Parameters<typeof detail>[1] = {}) {
  return detail(joined ? { role: 'HOST', handRaised: false, muted: true, forcedMute: false, invited: false } : null, {
    panel: [
      { userId: HOST, displayName: 'Alice', role: 'HOST' },
      { userId: MO, displayName: 'Mo', role: 'MODERATOR' },
    ],
    ...extra,
  });
}

describe('running a room from its page', () => {
  beforeEach(() => {
    PageSocket.all = [];
    vi.stubGlobal('WebSocket', PageSocket);
    window.history.replaceState({}, '', `/rooms/${ROOM}`);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    document.body.replaceChildren();
  });

  it('a HOST sees the Stage and the Audience, live, and invites a listener from the menu on their name', async () => {
    const t = mountPage({
      userId: HOST,
      role: 'HOST',
      room: hostRoom,
      answer: (call) => (call === AUDIENCE_URL ? { status: 200, body: { items: [{ userId: LISA, displayName: 'Lisa', joinedAt: '2026-01-01T00:00:00Z' }], nextCursor: null } } : undefined),
    });
    const socket = await t.joinAndGoLive();
    expect(t.root.querySelector('[aria-label="Stage"]')).not.toBeNull();
    expect(document.getElementById('audience-heading')?.textContent).toBe('Audience');
    expect(t.calls).toContain(AUDIENCE_URL);

    const name = t.byTestId(`listener-${LISA}-person`) as HTMLButtonElement;
    expect(name.getAttribute('aria-haspopup')).toBe('menu');
    expect(name.getAttribute('aria-expanded')).toBe('false');
    name.click();
    expect(name.getAttribute('aria-expanded')).toBe('true');
    const menu = t.byTestId(`listener-${LISA}-menu`) as HTMLElement;
    expect(menu.getAttribute('role')).toBe('menu');
    const items = Array.from(menu.querySelectorAll('[role="menuitem"]')).map((el) => el.textContent);
    expect(items).toEqual(['Invite to speak', 'Make moderator', 'Chat mute', 'Remove from room', 'Ban', 'Report', 'View profile']);
    expect(menu.querySelector('a')?.getAttribute('href')).toBe(`/users/${LISA}`);
    // Escape closes the menu and gives the focus back
    menu.querySelector<HTMLElement>('[role="menuitem"]')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(menu.hidden).toBe(true);
    expect(document.activeElement).toBe(name);

    name.click();
    t.button('Invite to speak', menu)?.click();
    await flush();
    expect(t.calls).toContain(`PUT /api/v1/rooms/${ROOM}/speakers/${LISA}`);

    // live: someone arrives in the audience, Lisa goes on stage
    socket.event('participant.joined', { userId: 'u-3', displayName: 'Zed', role: 'AUDIENCE' });
    expect(t.byTestId('listener-u-3')?.textContent).toContain('Zed');
    socket.event('role.changed', { userId: LISA, role: 'SPEAKER', by: HOST });
    expect(t.byTestId(`listener-${LISA}`)).toBeNull();
    expect(t.byTestId(`speaker-${LISA}`)).not.toBeNull();
    await new Promise((r) => setTimeout(r, 80));
    expect(t.byTestId('room-announcer')?.textContent).toBe('Lisa is now on stage.');
    // the search runs over the list
    const search = t.byTestId('audience-search') as HTMLInputElement;
    search.value = 'nobody';
    search.dispatchEvent(new Event('input'));
    expect(t.byTestId('listener-u-3')).toBeNull();
    t.page.destroy();
  });

  it('a HOST makes a speaker moderator, force-mutes and lifts it, and bans only after saying yes', async () => {
    const t = mountPage({ userId: HOST, role: 'HOST', room: (j) => hostRoom(j, { panel: [{ userId: HOST, displayName: 'Alice', role: 'HOST' }, { userId: LISA, displayName: 'Lisa', role: 'SPEAKER' }] }) });
    await t.joinAndGoLive();
    const open = () => {
      const name = t.byTestId(`speaker-${LISA}-person`) as HTMLButtonElement;
      if (name.getAttribute('aria-expanded') !== 'true') name.click();
      return t.byTestId(`speaker-${LISA}-menu`) as HTMLElement;
    };
    expect(Array.from(open().querySelectorAll('[role="menuitem"]')).map((el) => el.textContent)).toEqual([
      'Move to audience', 'Make moderator', 'Make host', 'Mute', 'Chat mute', 'Remove from room', 'Ban', 'Report', 'View profile',
    ]);
    t.button('Make moderator', open())?.click();
    await flush();
    expect(t.calls).toContain(`PUT /api/v1/rooms/${ROOM}/moderators/${LISA}`);
    t.button('Mute', open())?.click();
    await flush();
    expect(t.calls).toContain(`PUT /api/v1/rooms/${ROOM}/participants/${LISA}/mute`);
    t.button('Unmute', open())?.click();
    await flush();
    expect(t.calls).toContain(`DELETE /api/v1/rooms/${ROOM}/participants/${LISA}/mute`);

    t.button('Ban', open())?.click();
    await flush();
    expect(t.dialog()?.hasAttribute('open')).toBe(true);
    expect(t.dialog()?.querySelector('h2')?.textContent).toBe('Ban Lisa?');
    t.button('Cancel', t.dialog()!)?.click();
    await flush();
    expect(t.calls.some((c) => c.includes('ban=true'))).toBe(false);
    t.button('Ban', open())?.click();
    await flush();
    t.button('Ban', t.dialog()!)?.click();
    await flush();
    expect(t.calls).toContain(`DELETE /api/v1/rooms/${ROOM}/participants/${LISA}?ban=true`);
    t.page.destroy();
  });

  it('a refusal is said in plain words', async () => {
    const t = mountPage({
      userId: HOST,
      role: 'HOST',
      room: (j) => hostRoom(j, { panel: [{ userId: HOST, displayName: 'Alice', role: 'HOST' }, { userId: LISA, displayName: 'Lisa', role: 'SPEAKER' }] }),
      answer: (call) => (call.startsWith(`PUT /api/v1/rooms/${ROOM}/moderators/`) ? { status: 409, body: { type: '/problems/conflict', title: 'Conflict', status: 409, detail: 'Lisa has left the room.' } } : undefined),
    });
    await t.joinAndGoLive();
    (t.byTestId(`speaker-${LISA}-person`) as HTMLButtonElement).click();
    t.button('Make moderator', t.byTestId(`speaker-${LISA}-menu`)!)?.click();
    await flush();
    expect(t.byTestId('notice-action')?.textContent).toBe('Lisa has left the room.');
    t.page.destroy();
  });

  it('End room asks first, then every part of the page shows the room ended, with a way back', async () => {
    const t = mountPage({ userId: HOST, role: 'HOST', room: hostRoom });
    await t.joinAndGoLive();
    expect(t.byTestId('room-ended')?.hidden).toBe(true);
    t.byTestId('end-room')?.click();
    await flush();
    expect(t.dialog()?.querySelector('h2')?.textContent).toBe('End this room for everyone?');
    t.button('End it for everyone', t.dialog()!)?.click();
    await flush();
    await flush();
    expect(t.calls).toContain(`POST /api/v1/rooms/${ROOM}/end`);
    expect(t.byTestId('room-ended')?.hidden).toBe(false);
    expect(t.byTestId('room-ended')?.textContent).toContain('This room has ended');
    expect(t.byTestId('back-to-hallway')?.getAttribute('href')).toBe('/');
    expect((t.byTestId('audience-count')?.parentElement as HTMLElement).hidden).toBe(true);
    expect(t.byTestId('audience')?.hidden).toBe(true);
    expect(t.byTestId('notice-room')).toBeNull();
    expect(t.byTestId('leave')).toBeNull();
    t.page.destroy();
  });

  it('a HOST who leaves is asked: hand the room over (to someone on stage), end it, or leave it running', async () => {
    const navigate = vi.fn();
    const t = mountPage({ userId: HOST, role: 'HOST', room: hostRoom });
    t.router.navigate = navigate;
    await t.joinAndGoLive();
    t.byTestId('leave')?.click();
    await flush();
    expect(t.dialog()?.querySelector('h2')?.textContent).toBe('You are the host');
    t.button('Hand the room over', t.dialog()!)?.click();
    await flush();
    expect(t.dialog()?.querySelector('h2')?.textContent).toBe('Who takes the room over?');
    t.button('Mo (moderator)', t.dialog()!)?.click();
    await flush();
    await flush();
    expect(t.calls).toContain(`PUT /api/v1/rooms/${ROOM}/host/${MO}`);
    expect(t.calls).toContain(`POST /api/v1/rooms/${ROOM}/leave`);
    expect(navigate).toHaveBeenCalledWith('/');
    t.page.destroy();
  });

  it('a listener: counts only, a notice when their hand is denied, and the ended view when the room ends', async () => {
    const t = mountPage({ userId: LISA, role: 'AUDIENCE' });
    const socket = await t.joinAndGoLive();
    expect(t.byTestId('audience-summary')?.textContent).toBe('2 people listening');
    expect(t.byTestId('audience-list')?.hidden).toBe(true);
    expect(t.calls.some((c) => c.includes('/audience'))).toBe(false);
    // only Report and View profile on the host
    (t.byTestId(`speaker-${HOST}-person`) as HTMLButtonElement).click();
    expect(Array.from(t.byTestId(`speaker-${HOST}-menu`)!.querySelectorAll('[role="menuitem"]')).map((el) => el.textContent)).toEqual(['Report', 'View profile']);
    t.button('Report', t.byTestId(`speaker-${HOST}-menu`)!)?.click();
    expect(t.byTestId('report-dialog')?.hidden).toBe(false);
    expect(t.byTestId('report-dialog')?.querySelector('h2')?.textContent).toBe('Report Alice');
    t.byTestId('report-cancel')?.click();

    t.byTestId('raise-hand')?.click();
    await flush();
    socket.event('hand.lowered', { userId: LISA, by: HOST });
    expect(t.byTestId('notice-hand')?.textContent).toContain('declined');

    socket.event('room.ended', { by: HOST });
    expect(t.byTestId('room-ended')?.hidden).toBe(false);
    expect(t.byTestId('notice-room')).toBeNull();
    expect((t.byTestId('audience-count')?.parentElement as HTMLElement).hidden).toBe(true);
    t.page.destroy();
  });

  it('a forced mute is told, and the notice goes when it is lifted', async () => {
    const t = mountPage({ userId: LISA, role: 'SPEAKER', room: (j) => detail(j ? { role: 'SPEAKER', handRaised: false, muted: true, forcedMute: false, invited: false } : null, { panel: [{ userId: HOST, displayName: 'Alice', role: 'HOST' }, { userId: LISA, displayName: 'Lisa', role: 'SPEAKER' }] }) });
    const socket = await t.joinAndGoLive();
    socket.event('participant.muted', { userId: LISA, by: HOST, forced: true });
    expect(t.byTestId('notice-stage')?.textContent).toContain('A moderator muted you');
    socket.event('participant.muted', { userId: LISA, by: HOST, forced: false });
    expect(t.byTestId('notice-stage')?.textContent).toContain('lifted');
    socket.event('participant.unmuted', { userId: LISA, by: LISA });
    expect(t.byTestId('notice-stage')).toBeNull();
    t.page.destroy();
  });

  it('a PRIVATE room’s HOST copies the link or the invite link, and sees its QR code', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const t = mountPage({ userId: HOST, role: 'HOST', room: (j) => hostRoom(j, { visibility: 'PRIVATE', inviteCode: 'INV123' }) });
    await t.joinAndGoLive();
    await new Promise((r) => setTimeout(r, 50));
    t.button('Copy link')?.click();
    await flush();
    expect(writeText).toHaveBeenLastCalledWith(`${window.location.origin}/rooms/${ROOM}`);
    t.button('Copy invite link')?.click();
    await flush();
    expect(writeText).toHaveBeenLastCalledWith(`${window.location.origin}/rooms/${ROOM}?invite=INV123`);
    const qr = t.byTestId('invite-qr') as HTMLImageElement;
    expect(qr.alt).toContain('QR');
    // the QR library is loaded when first needed
    await vi.waitFor(() => expect(qr.hidden).toBe(false), { timeout: 5000 });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    t.page.destroy();
  }, 20_000);

  it('an invite link’s code goes to reading and joining the room', async () => {
    window.history.replaceState({}, '', `/rooms/${ROOM}?invite=INV123`);
    const t = mountPage({ userId: LISA, role: 'AUDIENCE', room: (j) => detail(j ? { role: 'AUDIENCE', handRaised: false, muted: true, forcedMute: false, invited: false } : null, { visibility: 'PRIVATE' }) });
    await t.joinAndGoLive();
    expect(t.calls).toContain(`GET /api/v1/rooms/${ROOM}?inviteCode=INV123`);
    expect(t.bodies[`POST /api/v1/rooms/${ROOM}/join`]).toEqual({ inviteCode: 'INV123' });
    expect(t.byTestId('copy-invite-link')?.hidden).toBe(true);
    t.page.destroy();
  });

  it('an upcoming room: when it starts; its HOST starts it, others ask to be reminded', async () => {
    const at = '2030-05-01T18:00:00Z';
    let status: 'SCHEDULED' | 'LIVE' = 'SCHEDULED';
    const host = mountPage({
      userId: HOST,
      role: 'HOST',
      room: (j) => hostRoom(j, { status, scheduledFor: at }),
      answer: (call) => {
        if (call === `POST /api/v1/rooms/${ROOM}/start`) {
          status = 'LIVE';
          return { status: 200, body: hostRoom(false, { status: 'LIVE' }) };
        }
        return undefined;
      },
    });
    await flush();
    expect(host.byTestId('starts-at')?.querySelector('time')?.getAttribute('datetime')).toBe(at);
    expect(host.button('Remind me')).toBeNull();
    expect((host.byTestId('audience-count')?.parentElement as HTMLElement).hidden).toBe(true);
    host.button('Start room')?.click();
    await flush();
    await flush();
    await flush();
    expect(host.calls).toContain(`POST /api/v1/rooms/${ROOM}/start`);
    expect(host.calls).toContain(`POST /api/v1/rooms/${ROOM}/join`);
    expect(host.byTestId('upcoming')?.hidden).toBe(true);
    host.page.destroy();
    document.body.replaceChildren();

    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let guestStatus: 'SCHEDULED' | 'LIVE' = 'SCHEDULED';
    const guest = mountPage({ userId: LISA, role: 'AUDIENCE', room: () => ({ ...detail(null, { status: guestStatus, scheduledFor: at }), reminded: false }) as never });
    await flush();
    expect(guest.button('Start room')).toBeNull();
    guest.button('Remind me')?.click();
    await flush();
    expect(guest.calls).toContain(`PUT /api/v1/rooms/${ROOM}/reminder`);
    expect(guest.button('Reminder set')?.getAttribute('aria-pressed')).toBe('true');
    guest.button('Reminder set')?.click();
    await flush();
    expect(guest.calls).toContain(`DELETE /api/v1/rooms/${ROOM}/reminder`);
    expect(guest.button('Remind me')).not.toBeNull();
    // the host starts it: the waiting page notices within half a minute and offers Join
    guestStatus = 'LIVE';
    vi.advanceTimersByTime(30_000);
    await flush();
    await flush();
    expect(guest.byTestId('upcoming')?.hidden).toBe(true);
    expect(guest.byTestId('join')).not.toBeNull();
    vi.useRealTimers();
    guest.page.destroy();
  });

  it('HOSTs and MODERATORs see the bans, and unban; and change the room’s settings (only what changed is sent)', async () => {
    const t = mountPage({
      userId: HOST,
      role: 'HOST',
      room: hostRoom,
      answer: (call) =>
        call === `GET /api/v1/rooms/${ROOM}/bans?limit=20`
          ? { status: 200, body: { items: [{ user: { id: LISA, username: 'lisa', displayName: 'Lisa' }, by: { id: HOST, username: 'alice', displayName: 'Alice' }, at: '2026-01-01T00:00:00Z', scope: 'ROOM' }], nextCursor: null } }
          : call.startsWith('PATCH ')
            ? { status: 200, body: hostRoom(true) }
            : undefined,
    });
    await t.joinAndGoLive();
    const bans = t.byTestId('bans') as HTMLDetailsElement;
    expect(bans.hidden).toBe(false);
    bans.open = true;
    bans.dispatchEvent(new Event('toggle'));
    await flush();
    expect(t.byTestId(`ban-${LISA}`)?.textContent).toContain('Lisa');
    t.button('Unban Lisa')?.click();
    await flush();
    expect(t.calls).toContain(`DELETE /api/v1/rooms/${ROOM}/bans/${LISA}`);
    expect(t.byTestId(`ban-${LISA}`)).toBeNull();

    const chat = t.byTestId('settings-chat') as HTMLSelectElement;
    chat.value = 'SPEAKERS';
    const slow = t.byTestId('settings-slow') as HTMLInputElement;
    slow.value = '30';
    t.button('Save settings')?.click();
    await flush();
    expect(t.bodies[`PATCH /api/v1/rooms/${ROOM}`]).toEqual({ chat: 'SPEAKERS', slowModeSeconds: 30 });
    expect(t.byTestId('settings-status')?.textContent).toBe('Saved.');
    t.page.destroy();
  });

  it('a MODERATOR moves a speaker back, mutes their chat and lifts it; a HOST demotes a moderator and hands over', async () => {
    const seats = [
      { userId: HOST, displayName: 'Alice', role: 'HOST' as const },
      { userId: MO, displayName: 'Mo', role: 'MODERATOR' as const },
      { userId: LISA, displayName: 'Lisa', role: 'SPEAKER' as const },
    ];
    const mod = mountPage({ userId: MO, role: 'MODERATOR', room: (j) => detail(j ? { role: 'MODERATOR', handRaised: false, muted: true, forcedMute: false, invited: false } : null, { panel: seats, raisedHands: [] }) });
    await mod.joinAndGoLive();
    expect(mod.byTestId('end-room')).toBeNull();
    expect(mod.byTestId('bans')?.hidden).toBe(false);
    const menuOf = (t: typeof mod, userId: string) => {
      const name = t.byTestId(`speaker-${userId}-person`) as HTMLButtonElement;
      if (name.getAttribute('aria-expanded') !== 'true') name.click();
      return t.byTestId(`speaker-${userId}-menu`) as HTMLElement;
    };
    expect(Array.from(menuOf(mod, HOST).querySelectorAll('[role="menuitem"]')).map((el) => el.textContent)).toEqual(['Report', 'View profile']);
    mod.button('Chat mute', menuOf(mod, LISA))?.click();
    await flush();
    expect(mod.calls).toContain(`PUT /api/v1/rooms/${ROOM}/participants/${LISA}/chat-mute`);
    mod.button('Lift chat mute', menuOf(mod, LISA))?.click();
    await flush();
    expect(mod.calls).toContain(`DELETE /api/v1/rooms/${ROOM}/participants/${LISA}/chat-mute`);
    mod.button('Move to audience', menuOf(mod, LISA))?.click();
    await flush();
    expect(mod.calls).toContain(`DELETE /api/v1/rooms/${ROOM}/speakers/${LISA}`);
    mod.page.destroy();
    document.body.replaceChildren();

    const host = mountPage({ userId: HOST, role: 'HOST', room: (j) => hostRoom(j, { panel: seats }) });
    await host.joinAndGoLive();
    host.button('Remove as moderator', menuOf(host, MO))?.click();
    await flush();
    expect(host.calls).toContain(`DELETE /api/v1/rooms/${ROOM}/moderators/${MO}`);
    host.button('Make host', menuOf(host, LISA))?.click();
    await flush();
    expect(host.calls).toContain(`PUT /api/v1/rooms/${ROOM}/host/${LISA}`);
    host.page.destroy();
  });

  it('arriving at an ended room: "This room has ended", no counts, no Join, a way back', async () => {
    const t = mountPage({ userId: LISA, role: 'AUDIENCE', room: () => detail(null, { status: 'ENDED' }) });
    await flush();
    expect(t.byTestId('room-ended')?.hidden).toBe(false);
    expect(t.byTestId('room-ended')?.textContent).toContain('This room has ended');
    expect(t.root.textContent?.match(/This room has ended/g)).toHaveLength(1);
    expect((t.byTestId('audience-count')?.parentElement as HTMLElement).hidden).toBe(true);
    expect(t.byTestId('audience')?.hidden).toBe(true);
    expect(t.byTestId('join')).toBeNull();
    expect(t.byTestId('share')?.hidden).toBe(true);
    t.page.destroy();
  });
});
