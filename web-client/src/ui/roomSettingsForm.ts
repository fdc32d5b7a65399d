import type { RoomChanges } from '../api/roomAdmin';
import type { ChatMode } from '../room/chat';
import { describe } from '../room/roomNotices';
import { h, setText } from './dom';

export interface RoomSettings {
  name: string;
  description: string | null;
  chat: ChatMode;
  slowModeSeconds: number;
}

const CHAT_MODES: Array<[ChatMode, string]> = [
  ['EVERYONE', 'Everyone'],
  ['SPEAKERS', 'People on stage'],
  ['OFF', 'Off'],
];

/** "Room settings" (HOST, MODERATOR): name, description, who may chat, slow mode; only changed fields are sent. */
export class RoomSettingsForm {
  readonly element: HTMLDetailsElement;
  private readonly name = h('input', { type: 'text', maxlength: 100, required: true, 'data-testid': 'settings-name' });
  private readonly description = h('textarea', { rows: 2, maxlength: 2000, 'data-testid': 'settings-description' });
  private readonly chat = h('select', { 'data-testid': 'settings-chat' }, ...CHAT_MODES.map(([value, label]) => h('option', { value }, label)));
  private readonly slow = h('input', { type: 'number', min: 0, max: 3600, step: 1, 'data-testid': 'settings-slow' });
  private readonly status = h('p', { class: 'hint', role: 'status', 'data-testid': 'settings-status' });
  private readonly save = h('button', { type: 'submit' }, 'Save settings');
  private current: RoomSettings | null = null;

  constructor(private readonly submit: (changes: RoomChanges) => Promise<unknown>) {
    const form = h(
      'form',
      { class: 'settings-form', onsubmit: (e: Event) => { e.preventDefault(); void this.send(); } },
      h('label', {}, 'Room name', this.name),
      h('label', {}, 'Description', this.description),
      h('label', {}, 'Who can chat', this.chat),
      h('label', {}, 'Slow mode (seconds between messages, 0 for off)', this.slow),
      this.status,
      h('div', { class: 'dialog-buttons' }, this.save),
    );
    this.element = h('details', { class: 'room-admin settings card', 'data-testid': 'room-settings' }, h('summary', {}, 'Room settings'), form) as HTMLDetailsElement;
    this.element.addEventListener('toggle', () => {
      if (this.element.open) this.fill();
    });
  }

  /** The room's settings now; null hides the form (not staff, or ended). */
  update(settings: RoomSettings | null): void {
    this.element.hidden = settings === null;
    if (settings === null) this.element.open = false;
    const first = this.current === null;
    this.current = settings;
    if (first && settings) this.fill();
  }

  private fill(): void {
    const s = this.current;
    if (!s) return;
    this.name.value = s.name;
    this.description.value = s.description ?? '';
    this.chat.value = s.chat;
    this.slow.value = String(s.slowModeSeconds);
  }

  /** What differs from the room now. */
  changes(): RoomChanges {
    const s = this.current;
    const changes: RoomChanges = {};
    if (!s) return changes;
    const name = this.name.value.trim();
    if (name && name !== s.name) changes.name = name;
    if (this.description.value.trim() !== (s.description ?? '')) changes.description = this.description.value.trim();
    if (this.chat.value !== s.chat) changes.chat = this.chat.value as ChatMode;
    const slow = Math.max(0, Math.round(Number(this.slow.value) || 0));
    if (slow !== s.slowModeSeconds) changes.slowModeSeconds = slow;
    return changes;
  }

  private async send(): Promise<void> {
    const changes = this.changes();
    if (Object.keys(changes).length === 0) {
      setText(this.status, 'Nothing to save.');
      return;
    }
    this.save.disabled = true;
    setText(this.status, 'Saving…');
    try {
      await this.submit(changes);
      setText(this.status, 'Saved.');
    } catch (e) {
      setText(this.status, describe(e));
    } finally {
      this.save.disabled = false;
    }
  }
}
