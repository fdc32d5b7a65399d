// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { Notice } from '../src/api/moderationTypes';
import { notifyInviteInBackground, type BackgroundTab } from '../src/room/backgroundInvite';

const invite = (data: Record<string, unknown> = { roomId: 'r1', roomName: 'Open mic', byName: 'Hana' }): Notice => ({ id: 'n7', kind: 'SPEAKER_INVITE', at: '2026-12-01T10:00:00Z', read: false, data });

function fakeTab(hidden: boolean, permission: NotificationPermission | null, pageNotifications = true) {
  const shown: Array<{ title: string; options: NotificationOptions; onclick: ((e: Event) => void) | null; close: ReturnType<typeof vi.fn> }> = [];
  const fromWorker: Array<{ title: string; options: NotificationOptions }> = [];
  const tab: BackgroundTab = {
    hidden: () => hidden,
    permission: () => permission,
    notify: (title, options) => {
      if (!pageNotifications) return null;
      const n = { title, options, onclick: null, close: vi.fn() };
      shown.push(n);
      return n;
    },
    notifyFromWorker: async (title, options) => (fromWorker.push({ title, options }), true),
    focus: vi.fn(),
  };
  return { tab, shown, fromWorker };
}

describe('an invitation to speak while the tab is in the background', () => {
  it('comes as a system notification; a click brings the tab back to the room', async () => {
    const { tab, shown } = fakeTab(true, 'granted');
    const open = vi.fn();
    expect(await notifyInviteInBackground(invite(), 'r1', open, tab)).toBe(true);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toBe('Hana invited you to speak in Open mic');
    expect(shown[0]?.options).toMatchObject({ body: 'Come back to the room to answer.', tag: 'n7', data: { url: '/rooms/r1' } });
    const click = new Event('click', { cancelable: true });
    shown[0]?.onclick?.(click);
    expect(tab.focus).toHaveBeenCalled();
    expect(click.defaultPrevented).toBe(true);
    expect(shown[0]?.close).toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
  });

  it('an invitation to another room opens that room on the click', async () => {
    const { tab, shown } = fakeTab(true, 'granted');
    const open = vi.fn();
    await notifyInviteInBackground(invite({ roomId: 'r2', roomName: 'Late talk' }), 'r1', open, tab);
    shown[0]?.onclick?.(new Event('click'));
    expect(open).toHaveBeenCalledWith('r2');
  });

  it('goes through the push worker where pages may not show notifications themselves', async () => {
    const { tab, fromWorker } = fakeTab(true, 'granted', false);
    expect(await notifyInviteInBackground(invite(), 'r1', vi.fn(), tab)).toBe(true);
    expect(fromWorker).toEqual([{ title: 'Hana invited you to speak in Open mic', options: expect.objectContaining({ tag: 'n7', data: expect.objectContaining({ url: '/rooms/r1' }) }) }]);
  });

  it('is not shown while the tab is in view, without permission, or for other kinds', async () => {
    for (const [hidden, permission, notice] of [
      [false, 'granted', invite()],
      [true, 'default', invite()],
      [true, 'denied', invite()],
      [true, null, invite()],
      [true, 'granted', { ...invite(), kind: 'ROOM_LIVE' }],
    ] as Array<[boolean, NotificationPermission | null, Notice]>) {
      const { tab, shown, fromWorker } = fakeTab(hidden, permission);
      expect(await notifyInviteInBackground(notice, 'r1', vi.fn(), tab)).toBe(false);
      expect([...shown, ...fromWorker]).toEqual([]);
    }
  });
});
