import { ApiClient } from '../api/http';
import { fileAppeal, markNoticesRead, myNotices, myReports } from '../api/moderation';
import type { Notice, Suspension } from '../api/moderationTypes';
import type { App } from '../app';
import { describe } from '../room/roomNotices';
import { reasonWords } from '../room/moderationWords';
import { when } from '../room/notices';
import { h, setText } from '../ui/dom';
import { siteHeader } from '../ui/header';
import { NoticeList } from '../ui/noticeList';
import { notificationSettings } from '../ui/notificationSettings';
import { NOTICE_EVENT } from '../ui/unreadNotices';
import type { Page } from './page';

/** A list of my notices, a page at a time; once shown they are marked read (up to the newest). */
class NoticesView {
  readonly list: NoticeList;
  readonly error = h('p', { class: 'error', role: 'alert', 'data-testid': 'notices-error', hidden: true });
  readonly empty = h('p', { class: 'hint', 'data-testid': 'notices-empty', hidden: true }, 'No notices yet.');
  readonly more = h('button', { type: 'button', class: 'secondary', 'data-testid': 'notices-more', hidden: true, onclick: () => void this.load() }, 'Older notices');
  private notices: Notice[] = [];
  private cursor: string | null = null;
  private markedUpTo: string | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly markRead: boolean,
    private readonly keep: (notice: Notice) => boolean = () => true,
  ) {
    this.list = new NoticeList((auditId, text) => fileAppeal(this.api, { auditId, text }));
  }

  get shown(): readonly Notice[] {
    return this.notices;
  }

  async load(): Promise<void> {
    try {
      const page = await myNotices(this.api, this.cursor);
      this.notices = [...this.notices, ...page.items.filter(this.keep)];
      this.cursor = page.nextCursor;
      this.list.show(this.notices);
      this.more.hidden = !this.cursor;
      this.empty.hidden = this.notices.length > 0;
      this.error.hidden = true;
      const newest = this.notices[0];
      if (this.markRead && newest && this.markedUpTo === null && this.notices.some((n) => !n.read)) {
        this.markedUpTo = newest.id;
        await markNoticesRead(this.api, newest.id);
        // the header's unread badge counts again
        globalThis.window?.dispatchEvent(new Event(NOTICE_EVENT));
      }
    } catch (e) {
      this.error.hidden = false;
      setText(this.error, describe(e));
    }
  }
}

/** The reports I made and what came of them (never the action's details). */
async function fillMyReports(app: App, list: HTMLElement): Promise<void> {
  try {
    const page = await myReports(app.api);
    list.replaceChildren(
      ...page.items.map((r) => {
        const outcome = r.status === 'OPEN' ? 'waiting for the moderators' : r.outcome === 'ACTION_TAKEN' ? 'the moderators took action' : 'no violation found';
        return h('li', { 'data-testid': `my-report-${r.id}` }, r.reason ? reasonWords(r.reason) : 'A report', r.createdAt ? h('span', { class: 'hint' }, ` · ${when(r.createdAt)}`) : '', ` · ${outcome}`);
      }),
    );
    if (page.items.length === 0) list.append(h('li', { class: 'hint' }, 'You have not reported anyone.'));
  } catch {
    list.replaceChildren(h('li', { class: 'hint' }, 'Your reports could not be read.'));
  }
}

/** `/notices`: what happened to me (warnings, bans, appeals decided, reports I made, rooms going live), and my notification settings. */
export function mountNoticesPage(root: HTMLElement, app: App): Page {
  const view = new NoticesView(app.api, true);
  const reports = h('ul', { class: 'my-reports', 'data-testid': 'my-reports' });
  root.replaceChildren(
    siteHeader(app),
    h(
      'main',
      { class: 'notices' },
      h('h1', {}, 'Notices'),
      view.error,
      view.empty,
      view.list.element,
      view.more,
      h('h2', {}, 'Reports you made'),
      reports,
      // guests have no settings and no push (403): their notices live as long as the guest session
      app.session.get()?.user.username ? notificationSettings(app) : null,
    ),
  );
  document.title = 'Notices · Tribune';
  void view.load();
  void fillMyReports(app, reports);
  return { destroy: () => root.replaceChildren() };
}

/** A client that speaks only with the appeal token of a suspended sign-in (it allows the notices and appeals). */
export function appealClient(appealToken: string, fetchFn?: typeof fetch): ApiClient {
  const api = new ApiClient(fetchFn);
  api.useCredentials({ accessToken: () => appealToken, refresh: async () => false, signedOut: () => undefined });
  return api;
}

/** The suspended sign-in (403 `/problems/suspended`): why, until when, and the appeal form of that suspension. */
export function showSuspended(root: HTMLElement, suspension: Suspension, back: () => void, api: ApiClient | null): Page {
  const view = api ? new NoticesView(api, false, (n) => n.kind === 'SUSPENDED' || n.kind === 'APPEAL_DECIDED') : null;
  root.replaceChildren(
    h(
      'main',
      { class: 'suspended', 'data-testid': 'suspended' },
      h('h1', {}, 'Your account is suspended'),
      h('p', { 'data-testid': 'suspended-reason' }, 'Why: ', suspension.reason ?? 'the moderators gave no reason.'),
      h('p', { 'data-testid': 'suspended-until' }, 'Until: ', suspension.until ? when(suspension.until) : 'it is lifted'),
      h('p', { class: 'hint' }, 'You cannot join rooms, chat or report while suspended. You can appeal once: a staff member who did not suspend you will decide.'),
      view ? h('div', {}, view.error, view.list.element, view.more) : h('p', { class: 'hint' }, 'This sign-in carried no appeal token, so no appeal can be sent from here.'),
      h('p', {}, h('button', { type: 'button', class: 'link', 'data-testid': 'suspended-back', onclick: back }, 'Back to sign in')),
    ),
  );
  void view?.load();
  return { destroy: () => root.replaceChildren() };
}
