// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { siteHeader } from '../src/ui/header';
import { countUnread, followPushWorker, NOTICE_EVENT, noticesLabel, UNREAD_REFRESH_MS, watchUnread } from '../src/ui/unreadNotices';
import { appWith, fakeFetch, ME } from './appFakes';
import { FakeTimers, flush } from './fakeTimers';

const notice = (id: string, read: boolean) => ({ id, kind: 'ROOM_LIVE', at: '2026-12-01T10:00:00Z', read, data: {} });

describe('the site header', () => {
  it('links Hallway, Clubs, Notices with the unread count, my profile, Account and Sign out', async () => {
    const { fn } = fakeFetch({
      'GET /api/v1/me': () => [200, { id: ME, username: 'lisa', displayName: 'Lisa', guest: false, staffRole: null, adminOfClubs: [] }],
      'GET /api/v1/me/notices': () => [200, { items: [notice('n3', false), notice('n2', false), notice('n1', true)], nextCursor: null }],
    });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    const header = siteHeader(app);
    root.append(header);
    await flush();
    const links = Array.from(header.querySelectorAll('a')).map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([
      ['Tribune', '/'],
      ['Hallway', '/'],
      ['Clubs', '/clubs'],
      ['Notices2, 2 unread', '/notices'],
      ['Moderation', '/moderation'],
      ['Lisa', `/users/${ME}`],
      ['Account', '/account'],
    ]);
    const notices = header.querySelector('[data-testid="notices-link"]') as HTMLElement;
    // its accessible name: the words without the badge, which is hidden from assistive technology
    const said = Array.from(notices.childNodes).filter((n) => !(n instanceof Element && n.getAttribute('aria-hidden') === 'true')).map((n) => n.textContent).join('');
    expect(said).toBe('Notices, 2 unread');
    expect(header.querySelector<HTMLElement>('[data-testid="moderation-link"]')?.hidden).toBe(true);
    expect(header.querySelector('[data-testid="sign-out"]')?.textContent).toBe('Sign out');
  });

  it('draws Notices as a bell with the unread count; its name says "Notices, N unread", then "Notices" once read', async () => {
    let unread = true;
    const { fn } = fakeFetch({
      'GET /api/v1/me': () => [200, { id: ME, username: 'lisa', displayName: 'Lisa', guest: false }],
      'GET /api/v1/me/notices': () => [200, { items: [notice('n4', !unread), notice('n3', !unread), notice('n2', !unread), notice('n1', true)], nextCursor: null }],
    });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    const header = siteHeader(app);
    root.append(header);
    await flush();
    const link = header.querySelector('[data-testid="notices-link"]') as HTMLElement;
    const bell = link.querySelector('svg.icon-bell');
    expect(bell?.getAttribute('aria-hidden')).toBe('true');
    const seen = (el: Element): string =>
      Array.from(el.childNodes)
        .filter((n) => !(n instanceof Element && (n.classList.contains('visually-hidden') || n.getAttribute('aria-hidden') === 'true' || n.hasAttribute('hidden'))))
        .map((n) => n.textContent)
        .join('');
    const said = (el: Element): string =>
      Array.from(el.childNodes)
        .filter((n) => !(n instanceof Element && n.getAttribute('aria-hidden') === 'true'))
        .map((n) => n.textContent)
        .join('');
    expect(seen(link)).toBe('');
    expect(header.querySelector('[data-testid="notices-badge"]')?.textContent).toBe('3');
    expect(said(link)).toBe('Notices, 3 unread');
    unread = false;
    window.dispatchEvent(new Event(NOTICE_EVENT));
    await flush();
    expect(said(link)).toBe('Notices');
    expect(header.querySelector<HTMLElement>('[data-testid="notices-badge"]')?.hidden).toBe(true);
  });

  it('shows Moderation to staff and to club ADMINs', async () => {
    for (const me of [{ staffRole: 'MODERATOR', adminOfClubs: [] }, { staffRole: null, adminOfClubs: [{ id: 'c1', name: 'Jazz club' }] }]) {
      const { fn } = fakeFetch({
        'GET /api/v1/me': () => [200, { id: ME, username: 'lisa', displayName: 'Lisa', guest: false, ...me }],
        'GET /api/v1/me/notices': () => [200, { items: [], nextCursor: null }],
      });
      const { app, root } = appWith(fn as unknown as typeof fetch);
      const header = siteHeader(app);
      root.append(header);
      await flush();
      expect(header.querySelector<HTMLElement>('[data-testid="moderation-link"]')?.hidden).toBe(false);
      expect(header.querySelector('[data-testid="notices-unread"]')?.textContent).toBe('');
    }
  });

  it('shows a guest no profile or account link', async () => {
    const { fn } = fakeFetch({ 'GET /api/v1/me/notices': () => [200, { items: [], nextCursor: null }] });
    const { app } = appWith(fn as unknown as typeof fetch, { id: 'g', username: null, displayName: 'Gus' });
    const header = siteHeader(app);
    expect(header.textContent).toContain('Gus (guest)');
    expect(header.querySelector('[data-testid="me-link"]')).toBeNull();
    expect(header.querySelector('[data-testid="account-link"]')).toBeNull();
  });
});

describe('the unread count', () => {
  it('counts the first page, refreshes every minute and on a notice event, and stops once the header is gone', async () => {
    let unread = 1;
    const { fn, called } = fakeFetch({
      'GET /api/v1/me/notices': () => [200, { items: Array.from({ length: 3 }, (_, i) => notice(`n${i}`, i >= unread)), nextCursor: null }],
    });
    const { app } = appWith(fn as unknown as typeof fetch);
    const timers = new FakeTimers();
    const events = new EventTarget();
    const shown: number[] = [];
    let alive = true;
    watchUnread(app.api, (count) => shown.push(count), () => alive, events, timers);
    await flush();
    expect(shown).toEqual([1]);
    unread = 2;
    timers.advance(UNREAD_REFRESH_MS);
    await flush();
    expect(shown).toEqual([1, 2]);
    unread = 3;
    events.dispatchEvent(new Event(NOTICE_EVENT));
    await flush();
    expect(shown).toEqual([1, 2, 3]);
    alive = false;
    const before = called('GET /api/v1/me/notices').length;
    timers.advance(UNREAD_REFRESH_MS);
    events.dispatchEvent(new Event(NOTICE_EVENT));
    await flush();
    expect(called('GET /api/v1/me/notices')).toHaveLength(before);
  });

  it('says "20+" when the whole first page is unread and there is more', async () => {
    const { fn } = fakeFetch({ 'GET /api/v1/me/notices': () => [200, { items: [notice('a', false), notice('b', false)], nextCursor: 'c' }] });
    const { app } = appWith(fn as unknown as typeof fetch);
    expect(await countUnread(app.api)).toEqual({ count: 2, more: true });
    expect(noticesLabel(2, true)).toBe('Notices, 2+ unread');
    expect(noticesLabel(0)).toBe('Notices');
  });
});

describe('pushes while a tab is open', () => {
  it('the push worker’s message makes the bell count again; other messages do not', () => {
    const worker = new EventTarget() as EventTarget & { startMessages: () => void };
    worker.startMessages = vi.fn();
    const page = new EventTarget();
    const counted: Event[] = [];
    page.addEventListener(NOTICE_EVENT, (e) => counted.push(e));
    followPushWorker(worker as unknown as ServiceWorkerContainer, page);
    expect(worker.startMessages).toHaveBeenCalled();
    worker.dispatchEvent(new MessageEvent('message', { data: { type: 'something else' } }));
    expect(counted).toHaveLength(0);
    worker.dispatchEvent(new MessageEvent('message', { data: { type: NOTICE_EVENT, noticeId: 'n-1' } }));
    expect(counted).toHaveLength(1);
    followPushWorker(undefined, page);
  });
});
