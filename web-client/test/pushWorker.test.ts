import { describe, expect, it, vi } from 'vitest';

// the service worker as the browser gets it (public/ is copied as it is into the build), run against a fake `self`
const source = Object.values(import.meta.glob('../public/push-sw.js', { query: '?raw', import: 'default', eager: true }))[0] as string;

type Listener = (event: unknown) => void;

interface FakeWindow {
  url: string;
  focus: ReturnType<typeof vi.fn>;
  postMessage?: ReturnType<typeof vi.fn>;
}

/** A worker global: its listeners, its registration's notifications, and the windows (tabs) it can see. */
function startWorker(windows: FakeWindow[] = [], origin = 'https://tribune.example') {
  const listeners = new Map<string, Listener>();
  const shown: Array<{ title: string; options: NotificationOptions & { data?: Record<string, unknown> } }> = [];
  const opened: string[] = [];
  const worker = {
    location: { origin },
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
    skipWaiting: vi.fn(),
    registration: { showNotification: vi.fn(async (title: string, options: NotificationOptions) => void shown.push({ title, options })) },
    clients: {
      matchAll: vi.fn(async () => windows),
      openWindow: vi.fn(async (url: string) => void opened.push(url)),
    },
  };
  new Function('self', source)(worker);
  /** Dispatches an event the way the browser does and waits for what it asked to wait for. */
  const dispatch = async (type: string, fields: Record<string, unknown>): Promise<void> => {
    const waits: Array<Promise<unknown>> = [];
    listeners.get(type)?.({ ...fields, waitUntil: (p: Promise<unknown>) => waits.push(p) });
    expect(waits).toHaveLength(1);
    await Promise.all(waits);
  };
  const push = (body: unknown) =>
    dispatch('push', {
      data: body === null ? null : { json: () => (typeof body === 'string' ? JSON.parse(body) : body), text: () => (typeof body === 'string' ? body : JSON.stringify(body)) },
    });
  const click = (data: unknown) => {
    const notification = { data, close: vi.fn() };
    return { done: dispatch('notificationclick', { notification }), notification };
  };
  return { worker, listeners, shown, opened, push, click };
}

// an FCM web push as Tribune's dispatcher sends it (API.md, part B): notification title/body, data with the notice id
const FCM_PUSH = {
  from: '42',
  fcmMessageId: 'm-1',
  notification: { title: 'Open mic is live', body: 'Hana is hosting, in Jazz club' },
  data: { noticeId: 'n-1', kind: 'ROOM_LIVE', url: '/rooms/r1', roomId: 'r1' },
  fcmOptions: { link: 'https://tribune.example/rooms/r1' },
};

describe('the push service worker', () => {
  it('listens for install, push and notificationclick only, and needs no Firebase SDK', () => {
    const { listeners } = startWorker();
    expect([...listeners.keys()].sort()).toEqual(['install', 'notificationclick', 'push']);
    expect(source).not.toMatch(/importScripts|firebase\/|gstatic/);
  });

  it('shows an FCM push with its title and body, tagged with the notice id (a repeated send replaces it), keeping the room URL', async () => {
    const { push, shown } = startWorker();
    await push(FCM_PUSH);
    await push(JSON.stringify(FCM_PUSH));
    expect(shown).toHaveLength(2);
    expect(shown[0]).toEqual({
      title: 'Open mic is live',
      options: { body: 'Hana is hosting, in Jazz club', tag: 'n-1', data: { url: '/rooms/r1', noticeId: 'n-1', kind: 'ROOM_LIVE', roomId: 'r1' } },
    });
    expect(shown[1]).toEqual(shown[0]);
  });

  it('tells the open Tribune tabs a notice came, so their bell counts again', async () => {
    const tab: FakeWindow = { url: 'https://tribune.example/', focus: vi.fn(), postMessage: vi.fn() };
    const { push } = startWorker([tab]);
    await push(FCM_PUSH);
    expect(tab.postMessage).toHaveBeenCalledWith({ type: 'tribune:notice', noticeId: 'n-1' });
  });

  it('falls back to the FCM link, then the notices page; and shows something even for a push it cannot read', async () => {
    const { push, shown } = startWorker();
    await push({ notification: { title: 'Book club starts in 10 minutes' }, fcmOptions: { link: 'https://tribune.example/rooms/r3' } });
    expect(shown[0]?.options.data?.url).toBe('https://tribune.example/rooms/r3');
    expect(shown[0]?.options.tag).toBeUndefined();
    await push({ notification: { title: 'A moderator warned you', tag: 'n-9' } });
    expect(shown[1]?.options).toMatchObject({ tag: 'n-9', data: { url: '/notices' } });
    await push({ notification: { title: 'Old style', click_action: '/rooms/r4' } });
    expect(shown[2]?.options.data?.url).toBe('/rooms/r4');
    await dispatchText(startWorker, 'not json');
    await push(null);
    expect(shown[3]).toMatchObject({ title: 'Tribune', options: { body: '' } });
  });

  it('on a click, focuses the Tribune tab already on the room', async () => {
    const elsewhere: FakeWindow = { url: 'https://tribune.example/', focus: vi.fn() };
    const onRoom: FakeWindow = { url: 'https://tribune.example/rooms/r1', focus: vi.fn() };
    const { click, opened, worker } = startWorker([elsewhere, onRoom]);
    const { done, notification } = click({ url: '/rooms/r1' });
    await done;
    expect(notification.close).toHaveBeenCalled();
    expect(worker.clients.matchAll).toHaveBeenCalledWith({ type: 'window', includeUncontrolled: true });
    expect(onRoom.focus).toHaveBeenCalled();
    expect(elsewhere.focus).not.toHaveBeenCalled();
    expect(opened).toEqual([]);
  });

  it('on a click with no tab on that room, opens it; a URL of another site opens the notices page instead', async () => {
    const { click, opened } = startWorker([{ url: 'https://tribune.example/', focus: vi.fn() }]);
    await click({ url: '/rooms/r2' }).done;
    await click({ url: 'https://evil.example/rooms/r2' }).done;
    await click(null).done;
    expect(opened).toEqual(['https://tribune.example/rooms/r2', 'https://tribune.example/notices', 'https://tribune.example/notices']);
  });
});

/** A push whose body is not JSON: shown with its text as the body. */
async function dispatchText(start: typeof startWorker, text: string): Promise<void> {
  const { listeners, shown } = start();
  const waits: Array<Promise<unknown>> = [];
  listeners.get('push')?.({
    data: { json: () => JSON.parse(text), text: () => text },
    waitUntil: (p: Promise<unknown>) => waits.push(p),
  });
  await Promise.all(waits);
  expect(shown).toEqual([{ title: 'Tribune', options: { body: 'not json', data: { url: '/notices', noticeId: null, kind: null, roomId: null } } }]);
}
