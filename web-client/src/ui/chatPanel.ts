import type { Page, StageRole } from '../api/types';
import {
  addHistory,
  addMessage,
  addressLabel,
  canDelete,
  checkText,
  describeSendError,
  emptyLog,
  isChatMuteRefusal,
  MAX_TEXT,
  removeMessage,
  sendPermission,
  type ChatLog,
  type ChatMessage,
  type ChatMode,
} from '../room/chat';
import { h, setText, syncChildren } from './dom';
import type { ReportTarget } from './reportDialog';

/** The chat calls, relative to the room (the page gives them its API client). */
export interface ChatApi {
  list(cursor: string | null): Promise<Page<unknown>>;
  send(text: string): Promise<unknown>;
  remove(messageId: string): Promise<void>;
}

/** Who I am in the room and what its chat setting is; `role` null when not joined. */
export interface ChatContext {
  myUserId: string | null;
  role: StageRole | null;
  mode: ChatMode;
  slowModeSeconds: number;
  names: Record<string, string>;
}

/** With no event saying a chat mute was lifted, the box is offered again after this long. */
const CHAT_MUTE_RECHECK_MS = 60_000;

/** The room's chat, once joined: history (newest at the bottom, "Load earlier"), live messages, a box and Send. */
export class ChatPanel {
  readonly element: HTMLElement;
  private log: ChatLog = emptyLog();
  private context: ChatContext = { myUserId: null, role: null, mode: 'EVERYONE', slowModeSeconds: 0, names: {} };
  private active = false;
  private generation = 0;
  private sending = false;
  private loadingEarlier = false;
  private chatMuted = false;
  private chatMuteTimer: ReturnType<typeof setTimeout> | null = null;

  private readonly list = h('ol', { class: 'chat-messages', 'aria-live': 'polite' });
  private readonly empty = h('p', { class: 'hint' }, 'No messages yet.');
  private readonly loadEarlier = h('button', { type: 'button', class: 'secondary', 'data-testid': 'chat-load-earlier', hidden: true, onclick: () => void this.earlier() }, 'Load earlier');
  private readonly input = h('textarea', { 'data-testid': 'chat-input', rows: 2, maxlength: MAX_TEXT, placeholder: 'Say something to the room', 'aria-label': 'Chat message' });
  private readonly sendButton = h('button', { type: 'submit', 'data-testid': 'chat-send' }, 'Send');
  private readonly reason = h('p', { class: 'hint', 'data-testid': 'chat-disabled-reason', hidden: true });
  private readonly error = h('p', { class: 'error', 'data-testid': 'chat-error', role: 'alert', hidden: true });
  private readonly slow = h('p', { class: 'hint', hidden: true });

  /** `onReport`: each message's Report button (anyone's but mine). */
  constructor(
    private readonly api: ChatApi,
    private readonly onReport: ((target: ReportTarget) => void) | null = null,
  ) {
    const form = h('form', { class: 'chat-form', onsubmit: (e: Event) => { e.preventDefault(); void this.send(); } }, this.input, this.sendButton);
    this.input.addEventListener('keydown', (e: KeyboardEvent) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        void this.send();
      }
    });
    this.element = h('section', { class: 'chat', 'data-testid': 'chat-panel', hidden: true }, h('h2', {}, 'Chat'), this.loadEarlier, this.empty, this.list, this.slow, this.reason, this.error, form);
  }

  /** Joined: show the panel and read the newest page of history. */
  async start(): Promise<void> {
    this.active = true;
    this.element.hidden = false;
    await this.reload();
  }

  /** Read the history afresh (after joining, or after the event stream lost its place). */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    const before = new Set(this.log.messages.map((m) => m.id));
    try {
      const page = await this.api.list(null);
      if (generation !== this.generation || !this.active) return;
      // the history replaces what was shown; messages that arrived while it was read stay
      const arrived = this.log.messages.filter((m) => !before.has(m.id));
      this.log = arrived.reduce(addMessage, addHistory({ ...emptyLog(), deleted: this.log.deleted }, page));
      this.draw();
    } catch (e) {
      if (generation === this.generation) this.showError(describeSendError(e));
    }
  }

  /** Left or ended: hide and forget. */
  stop(): void {
    this.active = false;
    this.generation++;
    this.element.hidden = true;
    this.log = emptyLog();
    this.chatMuted = false;
    if (this.chatMuteTimer !== null) clearTimeout(this.chatMuteTimer);
    this.chatMuteTimer = null;
    this.showError(null);
    this.draw();
  }

  /** Whether a HOST or MODERATOR has muted my chat, as the server says (room detail, `participant.chat_muted`). */
  setChatMuted(muted: boolean): void {
    if (this.chatMuteTimer !== null) clearTimeout(this.chatMuteTimer);
    this.chatMuteTimer = null;
    this.chatMuted = muted;
    this.draw();
  }

  /** A room event: `chat.message` and `chat.deleted` change the list; `participant.chat_muted` about me the box. */
  onEvent(type: string, data: Record<string, unknown>): void {
    if (!this.active) return;
    if (type === 'participant.chat_muted') {
      if (data.userId === this.context.myUserId) this.setChatMuted(data.muted === true);
      return;
    }
    if (type === 'chat.message') {
      this.log = addMessage(this.log, data);
    } else if (type === 'chat.deleted' && typeof data.id === 'string') {
      this.log = removeMessage(this.log, data.id);
    } else {
      return;
    }
    this.draw();
  }

  update(context: ChatContext): void {
    this.context = context;
    this.draw();
  }

  get messages(): readonly ChatMessage[] {
    return this.log.messages;
  }

  private async earlier(): Promise<void> {
    if (!this.log.cursor || this.loadingEarlier) return;
    const generation = this.generation;
    this.loadingEarlier = true;
    this.draw();
    try {
      const page = await this.api.list(this.log.cursor);
      if (generation !== this.generation) return;
      this.log = addHistory(this.log, page);
    } catch (e) {
      this.showError(describeSendError(e));
    } finally {
      this.loadingEarlier = false;
      this.draw();
    }
  }

  private async send(): Promise<void> {
    if (this.sending || !this.permission().allowed) return;
    const check = checkText(this.input.value);
    if (!check.ok) {
      this.showError(check.reason);
      return;
    }
    this.sending = true;
    this.showError(null);
    this.draw();
    try {
      const sent = await this.api.send(check.text);
      this.input.value = '';
      if (this.active) this.log = addMessage(this.log, sent);
    } catch (e) {
      if (isChatMuteRefusal(e, this.context.mode, this.context.role)) this.markChatMuted();
      this.showError(describeSendError(e));
    } finally {
      this.sending = false;
      this.draw();
    }
  }

  private async remove(id: string): Promise<void> {
    try {
      await this.api.remove(id);
      this.log = removeMessage(this.log, id);
      this.draw();
    } catch (e) {
      this.showError(describeSendError(e));
    }
  }

  /** Report, on anyone's message but mine (and not on a deleted account's: there is nobody to report). */
  private drawReport(el: HTMLElement, m: ChatMessage, from: string): void {
    const button = el.querySelector('.report');
    const fromId = m.fromId;
    if (this.onReport && fromId !== null && this.context.myUserId !== null && fromId !== this.context.myUserId) {
      if (!button) {
        const report = this.onReport;
        el.append(h('button', { type: 'button', class: 'link report', 'data-testid': `chat-report-${m.id}`, title: 'Report this message', onclick: () => report({ userId: fromId, displayName: from, messageId: m.id, messageText: m.text }) }, 'Report'));
      }
    } else {
      button?.remove();
    }
  }

  private markChatMuted(): void {
    this.chatMuted = true;
    if (this.chatMuteTimer !== null) clearTimeout(this.chatMuteTimer);
    this.chatMuteTimer = setTimeout(() => {
      this.chatMuteTimer = null;
      this.chatMuted = false;
      this.draw();
    }, CHAT_MUTE_RECHECK_MS);
  }

  private permission() {
    return sendPermission(this.context.mode, this.context.role, this.chatMuted);
  }

  private showError(message: string | null): void {
    this.error.hidden = message === null;
    setText(this.error, message ?? '');
  }

  private draw(): void {
    const { myUserId, role, names } = this.context;
    const permission = this.permission();
    this.input.disabled = !permission.allowed;
    this.sendButton.disabled = !permission.allowed || this.sending;
    this.reason.hidden = permission.allowed;
    setText(this.reason, permission.allowed ? '' : permission.reason);
    this.sendButton.title = permission.allowed ? '' : permission.reason;
    const slowMode = this.context.slowModeSeconds > 0 && permission.allowed;
    this.slow.hidden = !slowMode;
    setText(this.slow, slowMode ? `Slow mode: one message every ${this.context.slowModeSeconds} s.` : '');
    this.loadEarlier.hidden = !this.log.cursor;
    this.loadEarlier.disabled = this.loadingEarlier;
    this.empty.hidden = this.log.messages.length > 0 || !this.log.loaded;
    syncChildren(
      this.list,
      this.log.messages,
      (m) => m.id,
      (m) =>
        h(
          'li',
          { 'data-testid': `chat-message-${m.id}`, class: 'chat-message' },
          h('span', { class: 'from' }),
          h('span', { class: 'to', hidden: true }),
          h('span', { class: 'text' }),
        ),
      (el, m) => {
        const from = m.fromName ?? (m.fromId ? names[m.fromId] : undefined) ?? 'Someone';
        setText(el.querySelector('.from') as HTMLElement, m.fromId !== null && m.fromId === myUserId ? `${from} (you)` : from);
        const label = addressLabel(m, myUserId, names);
        const to = el.querySelector('.to') as HTMLElement;
        to.hidden = label === null;
        setText(to, label ?? '');
        setText(el.querySelector('.text') as HTMLElement, m.text);
        // the delete button is in the page only for HOSTs, MODERATORs and the sender
        const button = el.querySelector('.delete');
        if (canDelete(m, myUserId, role)) {
          if (!button) el.append(h('button', { type: 'button', class: 'link delete', 'data-testid': `chat-delete-${m.id}`, title: 'Delete this message', onclick: () => void this.remove(m.id) }, 'Delete'));
        } else {
          button?.remove();
        }
        this.drawReport(el, m, from);
        el.classList.toggle('direct', label !== null);
      },
    );
  }
}
