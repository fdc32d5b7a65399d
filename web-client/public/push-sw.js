// Tribune's service worker: shows the web pushes FCM delivers and opens the room a notification is about. It runs
// without the Firebase SDK: FCM's web push payload is JSON ({notification: {title, body}, data: {noticeId, kind, url,
// roomId}, fcmOptions: {link}}), which this file reads itself. Served at the site root (web-client/public, copied
// as it is into the build) so its scope is the whole site. Plain script, no imports: a service worker loads alone.
'use strict';

/** The notification to show for a push: its title and the options of showNotification. */
function notificationOf(payload) {
  const message = payload && typeof payload === 'object' ? payload : {};
  const notification = message.notification && typeof message.notification === 'object' ? message.notification : {};
  const data = message.data && typeof message.data === 'object' ? message.data : {};
  const link = message.fcmOptions && typeof message.fcmOptions.link === 'string' ? message.fcmOptions.link : null;
  const clickAction = typeof notification.click_action === 'string' ? notification.click_action : null;
  const url = typeof data.url === 'string' && data.url ? data.url : link || clickAction || '/notices';
  // the notice id as the tag: a push sent twice (a retry after a crash) replaces the first on the device
  const tag = typeof data.noticeId === 'string' && data.noticeId ? data.noticeId : typeof notification.tag === 'string' ? notification.tag : undefined;
  const options = {
    body: typeof notification.body === 'string' ? notification.body : '',
    data: { url, noticeId: data.noticeId || null, kind: data.kind || null, roomId: data.roomId || null },
  };
  if (tag) options.tag = tag;
  if (typeof notification.icon === 'string') options.icon = notification.icon;
  return { title: typeof notification.title === 'string' && notification.title ? notification.title : 'Tribune', options };
}

/** The push's JSON; a push without a readable body still shows something (the browser requires a notification). */
function payloadOf(pushData) {
  if (!pushData) return {};
  try {
    return pushData.json();
  } catch (e) {
    return { notification: { body: pushData.text() } };
  }
}

/** Shows the push, and tells open Tribune tabs a notice came (their bell counts again). */
async function showPush(worker, pushData) {
  const { title, options } = notificationOf(payloadOf(pushData));
  await worker.registration.showNotification(title, options);
  const windows = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) client.postMessage({ type: 'tribune:notice', noticeId: options.data.noticeId });
}

/** Only Tribune's own pages are opened: anything else in a payload goes to the notices page instead. */
function targetOf(worker, data) {
  const origin = worker.location.origin;
  try {
    const url = new URL(data && typeof data.url === 'string' ? data.url : '/notices', origin);
    return url.origin === origin ? url.href : new URL('/notices', origin).href;
  } catch (e) {
    return new URL('/notices', origin).href;
  }
}

/** Focuses a Tribune tab already on that page, else opens one. */
async function openFromNotification(worker, notification) {
  notification.close();
  const target = targetOf(worker, notification.data);
  const windows = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((client) => client.url === target);
  if (open) return open.focus();
  return worker.clients.openWindow(target);
}

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('push', (event) => event.waitUntil(showPush(self, event.data)));
self.addEventListener('notificationclick', (event) => event.waitUntil(openFromNotification(self, event.notification)));
