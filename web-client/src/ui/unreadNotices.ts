import type { ApiClient } from '../api/http';
import { myNotices } from '../api/moderation';
import { realTimers, type Timers } from '../timers';

/** The window event the room page's socket fires on a `{"op":"notice"}` frame (and the notices page after reading). */
export const NOTICE_EVENT = 'tribune:notice';
export const UNREAD_REFRESH_MS = 60_000;

/** How many of my notices are unread, counted on the first page (newest first): "20+" is plenty for a badge. */
export async function countUnread(api: ApiClient): Promise<{ count: number; more: boolean }> {
  const page = await myNotices(api, null);
  const unread = page.items.filter((n) => !n.read).length;
  return { count: unread, more: unread === page.items.length && page.nextCursor !== null };
}

/** The words of the Notices link: "Notices" or "Notices, 3 unread". */
export function noticesLabel(count: number, more = false): string {
  return count > 0 ? `Notices, ${count}${more ? '+' : ''} unread` : 'Notices';
}

/**
 * Keeps an unread count fresh: at once, every minute, and whenever a notice arrives, until `alive()` turns false
 * (the header left the page).
 */
export function watchUnread(
  api: ApiClient,
  show: (count: number, more: boolean) => void,
  alive: () => boolean,
  events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> = window,
  timers: Timers = realTimers,
): () => void {
  let stopped = false;
  const ask = (): void => {
    countUnread(api).then(({ count, more }) => !stopped && show(count, more), () => undefined);
  };
  // the first count goes out before the header is on the page; later ones only while it is
  const refresh = (): void => {
    if (stopped) return;
    if (!alive()) {
      stop();
      return;
    }
    ask();
  };
  const interval = timers.setInterval(refresh, UNREAD_REFRESH_MS);
  const onNotice = (): void => refresh();
  events.addEventListener(NOTICE_EVENT, onNotice);
  const stop = (): void => {
    stopped = true;
    timers.clearInterval(interval);
    events.removeEventListener(NOTICE_EVENT, onNotice);
  };
  ask();
  return stop;
}

/** What followPushWorker needs of `navigator.serviceWorker`. */
export type WorkerMessages = Pick<ServiceWorkerContainer, 'addEventListener'> & { startMessages?: () => void };

/** The push worker (/push-sw.js) tells open tabs when a push came: the bell counts again, outside rooms too. */
export function followPushWorker(
  container: WorkerMessages | undefined = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker,
  target: Pick<EventTarget, 'dispatchEvent'> = window,
): void {
  if (!container) return;
  container.addEventListener('message', (event) => {
    const data = (event as MessageEvent).data as { type?: unknown } | null;
    if (data?.type === NOTICE_EVENT) target.dispatchEvent(new Event(NOTICE_EVENT));
  });
  // messages to a page the worker does not control wait until the page says it listens
  container.startMessages?.();
}
