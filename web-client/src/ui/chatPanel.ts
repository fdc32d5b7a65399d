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
  /** `to`: a direct message (`toUserId`) or one to a role group (`toRole`); none for the whole room. */
  send(text: string, to?: ChatAddress): Promise<unknown>;
  remove(messageId: string): Promise<void>;
}

export type ChatAddress = { toUserId: string } | { toRole: StageRole };

/** Who I am in the room and what its chat setting is; `role` null when not joined. */
export interface ChatContext {
  myUserId: string | null;
  role: StageRole | null;
  mode: ChatMode;
  slowModeSeconds: number;
  names: Record<string, string>;
  /** The people a direct message may go to (the stage, and the listed audience); none offers only groups. */
  people?: Array<{ userId: string; displayName: string }>;
}

/** At most this many messages are in the page; older ones come back with "Load earlier" or scrolling up. */
export const SHOWN_MESSAGES = 200;

const ROLE_GROUPS: Array<[StageRole, string]> = [
  ['MODERATOR', 'Moderators and host'],
  ['SPEAKER', 'Speakers'],
  ['AUDIENCE', 'The audience'],
];

/** With no event saying a chat mute was lifted, the box is offered again after this long. */
const CHAT_MUTE_RECHECK_MS = 60_000;

/** When a message was sent, in the reader's own time (hours and minutes; the full date on hover). */
function sentAt(iso: string | null): HTMLElement | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return h('time', { datetime: iso, title: date.toLocaleString() }, date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
}

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
  private shownLimit = SHOWN_MESSAGES;
  private readonly to = h('select', { 'data-testid': 'chat-to', 'aria-label': 'Send to' });
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
    const form = h('form', { class: 'chat-form', onsubmit: (e: Event) => { e.preventDefault(); void this.send(); } }, h('label', { class: 'chat-to' }, 'To', this.to), this.input, this.sendButton);
    // near the top of a long history: bring older messages without a click
    this.list.addEventListener('scroll', () => {
      if (this.list.scrollTop < 40 && this.canShowEarlier()) void this.earlier();
    });
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
      this.shownLimit = SHOWN_MESSAGES;
      this.draw();
      this.scrollToEnd();
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
      const atEnd = this.isAtEnd();
      this.log = addMessage(this.log, data);
      // at the bottom the oldest shown message makes room (the page stays bounded); while reading back nothing moves
      if (!atEnd) this.shownLimit++;
      this.draw();
      if (atEnd) this.scrollToEnd();
      return;
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

  private canShowEarlier(): boolean {
    return this.log.messages.length > this.shownLimit || this.log.cursor !== null;
  }

  /** Shows older messages: those already read first, then the next history page; the view stays where it was. */
  private async earlier(): Promise<void> {
    if (this.loadingEarlier) return;
    if (this.log.messages.length > this.shownLimit) {
      this.keepingPosition(() => {
        this.shownLimit += SHOWN_MESSAGES / 2;
        this.draw();
      });
      return;
    }
    if (!this.log.cursor) return;
    const generation = this.generation;
    this.loadingEarlier = true;
    this.draw();
    try {
      const page = await this.api.list(this.log.cursor);
      if (generation !== this.generation) return;
      const before = this.log.messages.length;
      this.keepingPosition(() => {
        this.log = addHistory(this.log, page);
        this.shownLimit += this.log.messages.length - before;
        this.draw();
      });
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
      const sent = await this.api.send(check.text, this.address());
      this.input.value = '';
      if (this.active) {
        this.log = addMessage(this.log, sent);
        this.draw();
        this.scrollToEnd();
      }
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

  /** The chosen "To": the whole room, a role group, or one person. */
  private address(): ChatAddress | undefined {
    const [kind, value] = this.to.value.split(':');
    if (kind === 'role' && value) return { toRole: value as StageRole };
    if (kind === 'user' && value) return { toUserId: value };
    return undefined;
  }

  private drawRecipients(): void {
    const people = (this.context.people ?? []).filter((p) => p.userId !== this.context.myUserId);
    const options: Array<[string, string]> = [['', 'Everyone'], ...ROLE_GROUPS.map(([role, label]): [string, string] => [`role:${role}`, label]), ...people.map((p): [string, string] => [`user:${p.userId}`, p.displayName])];
    const chosen = this.to.value;
    const key = options.map(([v, l]) => `${v}=${l}`).join('|');
    if (this.to.dataset.options !== key) {
      this.to.dataset.options = key;
      this.to.replaceChildren(...options.map(([value, label]) => h('option', { value }, label)));
      this.to.value = options.some(([v]) => v === chosen) ? chosen : '';
    }
  }

  private isAtEnd(): boolean {
    return this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 40;
  }

  private scrollToEnd(): void {
    this.list.scrollTop = this.list.scrollHeight;
  }

  /** Older messages go in above: the ones being read stay where they are. */
  private keepingPosition(change: () => void): void {
    const fromEnd = this.list.scrollHeight - this.list.scrollTop;
    change();
    this.list.scrollTop = this.list.scrollHeight - fromEnd;
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
    this.loadEarlier.hidden = !this.canShowEarlier();
    this.loadEarlier.disabled = this.loadingEarlier;
    this.empty.hidden = this.log.messages.length > 0 || !this.log.loaded;
    this.to.disabled = !permission.allowed;
    this.drawRecipients();
    syncChildren(
      this.list,
      this.log.messages.slice(-this.shownLimit),
      (m) => m.id,
      (m) =>
        h(
          'li',
          { 'data-testid': `chat-message-${m.id}`, class: 'chat-message' },
          h('span', { class: 'from' }),
          h('span', { class: 'to', hidden: true }),
          sentAt(m.sentAt),
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
