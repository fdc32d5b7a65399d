// An invitation to speak must reach someone whose room tab is in the background: it comes as a system notification
// (when they allowed notifications, as for push), and clicking it brings the tab back to the room.
import type { Notice } from '../api/moderationTypes';
import { PUSH_WORKER_URL } from '../push/webPush';
import { describeNotice, noticeRoomId } from './notices';

/** What this needs of the browser; tests hand in their own. */
export interface BackgroundTab {
  hidden(): boolean;
  permission(): NotificationPermission | null;
  /** A page notification; null where the browser allows them only from a service worker (Chrome on Android). */
  notify(title: string, options: NotificationOptions): { onclick: ((event: Event) => void) | null; close(): void } | null;
  /** The same through the push worker, whose click handler focuses the tab on `options.data.url`. */
  notifyFromWorker(title: string, options: NotificationOptions): Promise<boolean>;
  focus(): void;
}

export const browserTab: BackgroundTab = {
  hidden: () => document.hidden,
  permission: () => (typeof Notification === 'undefined' ? null : Notification.permission),
  notify: (title, options) => {
    try {
      return new Notification(title, options);
    } catch {
      return null; // "Illegal constructor": only a service worker may show one here
    }
  },
  notifyFromWorker: async (title, options) => {
    const registration = 'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration(PUSH_WORKER_URL) : undefined;
    if (!registration) return false;
    await registration.showNotification(title, options);
    return true;
  },
  focus: () => window.focus(),
};

/**
 * Shows a SPEAKER_INVITE as a system notification while the tab is hidden; a click focuses the tab and, should the
 * invitation be for another room, `open`s that one. True when a notification was shown.
 */
export async function notifyInviteInBackground(notice: Notice, currentRoomId: string, open: (roomId: string) => void, tab: BackgroundTab = browserTab): Promise<boolean> {
  if (notice.kind !== 'SPEAKER_INVITE' || !tab.hidden() || tab.permission() !== 'granted') return false;
  const roomId = noticeRoomId(notice) ?? currentRoomId;
  const title = describeNotice(notice).title;
  const options: NotificationOptions = { body: 'Come back to the room to answer.', tag: notice.id, data: { url: `/rooms/${roomId}`, noticeId: notice.id, kind: notice.kind, roomId } };
  const shown = tab.notify(title, options);
  if (shown) {
    shown.onclick = (event) => {
      event.preventDefault();
      tab.focus();
      if (roomId !== currentRoomId) open(roomId);
      shown.close();
    };
    return true;
  }
  return tab.notifyFromWorker(title, options).catch(() => false);
}
