import { ApiError } from '../api/http';
import type { StaffMember, StaffRole } from '../api/moderationTypes';
import type { Page } from '../api/types';
import { h, setText } from './dom';

export interface StaffApi {
  list(): Promise<Page<StaffMember>>;
  put(userId: string, role: StaffRole): Promise<unknown>;
  remove(userId: string): Promise<void>;
}

const ROLE_WORDS: Record<string, string> = { MODERATOR: 'Moderator', ADMIN: 'Admin' };

/** Platform staff: who they are, and (for an ADMIN; the server refuses anyone else) naming and removing them. */
export class StaffList {
  readonly element: HTMLElement;
  private readonly list = h('ul', { class: 'staff', 'data-testid': 'staff-list' });
  private readonly error = h('p', { class: 'error', role: 'alert', hidden: true });
  private readonly user = h('input', { 'data-testid': 'staff-user', placeholder: 'User id', 'aria-label': 'User id', required: true });
  private readonly role = h('select', { 'data-testid': 'staff-role', 'aria-label': 'Role' }, h('option', { value: 'MODERATOR' }, 'Moderator'), h('option', { value: 'ADMIN' }, 'Admin'));

  constructor(private readonly api: StaffApi) {
    const form = h('form', { class: 'filters', onsubmit: (e: Event) => { e.preventDefault(); void this.name(); } }, this.user, this.role, h('button', { type: 'submit', 'data-testid': 'staff-put' }, 'Name as staff'));
    this.element = h('section', { class: 'staff-admin' }, form, this.error, this.list);
  }

  async load(): Promise<void> {
    await this.run(async () => {
      const page = await this.api.list();
      this.list.replaceChildren(
        ...page.items.map((m) => {
          const id = m.user?.id ?? m.userId ?? '';
          const name = m.user?.displayName ?? m.user?.username ?? m.displayName ?? m.username ?? id;
          return h('li', { 'data-testid': `staff-${id}` }, h('strong', {}, name), ` · ${ROLE_WORDS[m.role] ?? m.role} `, h('button', { type: 'button', class: 'link', 'data-testid': `staff-remove-${id}`, onclick: () => void this.run(async () => { await this.api.remove(id); await this.load(); }) }, 'Remove'));
        }),
      );
    });
  }

  private async name(): Promise<void> {
    const userId = this.user.value.trim();
    if (!userId) return;
    await this.run(async () => {
      await this.api.put(userId, this.role.value as StaffRole);
      this.user.value = '';
      await this.load();
    });
  }

  private async run(action: () => Promise<void>): Promise<void> {
    try {
      this.error.hidden = true;
      await action();
    } catch (e) {
      this.error.hidden = false;
      setText(this.error, e instanceof ApiError ? e.describe() : String(e));
    }
  }
}
