import type { Notice } from '../api/moderationTypes';
import { describeNotice, noticeRoomId, when } from '../room/notices';
import { AppealForm } from './appealForm';
import { h, syncChildren } from './dom';

/** Personal notices, newest first; a warning, ban or suspension says why and until when, with an appeal form. */
export class NoticeList {
  readonly element = h('ul', { class: 'notices-list', 'data-testid': 'notices-list' });

  constructor(private readonly appeal: (auditId: string, text: string) => Promise<unknown>) {}

  show(notices: readonly Notice[]): void {
    syncChildren(
      this.element,
      notices as Notice[],
      (n) => n.id,
      (n) => this.item(n),
      (el, n) => el.classList.toggle('unread', !n.read),
    );
  }

  private item(notice: Notice): HTMLElement {
    const view = describeNotice(notice);
    const roomId = noticeRoomId(notice);
    const moderation = view.auditId !== null || notice.kind === 'WARNED' || notice.kind === 'SUSPENDED' || notice.kind === 'BANNED';
    return h(
      'li',
      { class: `notice-item card${moderation ? ' moderation' : ''}`, 'data-testid': `notice-item-${notice.id}`, 'data-kind': notice.kind },
      h('p', { class: 'title' }, h('strong', {}, view.title), ' ', h('time', { class: 'hint', datetime: notice.at }, when(notice.at))),
      view.detail !== undefined && h('p', { class: 'detail hint', 'data-testid': `notice-detail-${notice.id}` }, view.detail),
      view.why !== null && h('p', { class: 'why', 'data-testid': `notice-why-${notice.id}` }, 'Why: ', view.why),
      view.until !== null && h('p', { class: 'until', 'data-testid': `notice-until-${notice.id}` }, 'Until: ', view.until),
      roomId !== null && !moderation && h('p', {}, h('a', { href: `/rooms/${roomId}` }, 'Open the room')),
      view.auditId !== null && new AppealForm(view.auditId, (text) => this.appeal(view.auditId as string, text)).element,
    );
  }
}
