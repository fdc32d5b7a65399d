import type { ClubRole, Member } from '../api/clubs';
import { h, setText, syncChildren } from './dom';

export interface MemberActions {
  /** Am I an ADMIN of this club (I may change roles and remove members)? */
  admin: boolean;
  myId: string | null;
  setRole(member: Member, role: ClubRole): void;
  remove(member: Member): void;
}

/** The club's members, each linking to their profile; an ADMIN also gets the role and removal buttons. */
export class ClubMembersView {
  readonly list = h('ul', { class: 'members', 'data-testid': 'club-members', 'aria-label': 'Members' });
  readonly element: HTMLElement;

  constructor(private readonly actions: MemberActions) {
    this.element = h('section', { class: 'club-members', 'aria-labelledby': 'club-members-heading' }, h('h2', { id: 'club-members-heading' }, 'Members'), this.list);
  }

  show(members: Member[], admin: boolean): void {
    this.actions.admin = admin;
    syncChildren(this.list, members, (m) => m.user.id, (m) => this.create(m), (el, m) => this.update(el, m));
  }

  private create(member: Member): HTMLElement {
    const id = member.user.id;
    return h(
      'li',
      { class: 'member', 'data-testid': `member-${id}` },
      h('a', { href: `/users/${id}`, class: 'member-name' }, member.user.displayName),
      h('span', { class: 'tag role' }),
      h('span', { class: 'member-actions' }),
    );
  }

  private update(el: HTMLElement, member: Member): void {
    const id = member.user.id;
    setText(el.querySelector('.role') as HTMLElement, member.role === 'ADMIN' ? 'Admin' : 'Member');
    const actions = el.querySelector('.member-actions') as HTMLElement;
    const key = `${this.actions.admin}-${member.role}`;
    if (actions.dataset.key === key) return;
    actions.dataset.key = key;
    if (!this.actions.admin) {
      actions.replaceChildren();
      return;
    }
    const who = member.user.displayName;
    const next: ClubRole = member.role === 'ADMIN' ? 'MEMBER' : 'ADMIN';
    const buttons: HTMLElement[] = [
      h(
        'button',
        { type: 'button', class: 'secondary', 'data-testid': `member-role-${id}`, 'aria-label': `${next === 'ADMIN' ? 'Make ADMIN' : 'Make MEMBER'}: ${who}`, onclick: () => this.actions.setRole(member, next) },
        next === 'ADMIN' ? 'Make ADMIN' : 'Make MEMBER',
      ),
    ];
    if (id !== this.actions.myId) {
      buttons.push(h('button', { type: 'button', class: 'secondary', 'data-testid': `member-remove-${id}`, 'aria-label': `Remove: ${who}`, onclick: () => this.actions.remove(member) }, 'Remove'));
    }
    actions.replaceChildren(...buttons);
  }
}
