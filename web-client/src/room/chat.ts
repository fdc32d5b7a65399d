// The room's chat as the page shows it (pure): history pages and live events merged by id, deletions, who may send
// and delete, and what a refusal says.
import { ApiError } from '../api/http';
import { isOnPanel, isStaff, type StageRole } from '../api/types';

export type ChatMode = 'EVERYONE' | 'SPEAKERS' | 'OFF';

export interface ChatMessage {
  id: string;
  fromId: string | null;
  fromName: string | null;
  text: string;
  sentAt: string | null;
  toUserId: string | null;
  toRole: string | null;
}

export interface ChatLog {
  /** Oldest first (shown top to bottom, newest at the bottom). */
  messages: ChatMessage[];
  /** Ids deleted while we watched: a history page read later never brings them back. */
  deleted: ReadonlySet<string>;
  /** The cursor of the next older history page; null when there is none (or none read yet). */
  cursor: string | null;
  /** Whether a first history page was read. */
  loaded: boolean;
}

export const MAX_TEXT = 1000;

export function emptyLog(): ChatLog {
  return { messages: [], deleted: new Set(), cursor: null, loaded: false };
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A message from the API (POST/GET answer) or a `chat.message` event's data; null when it has no id. */
export function parseMessage(raw: unknown): ChatMessage | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const id = str(r.id);
  if (!id) return null;
  let fromId: string | null = null;
  let fromName: string | null = null;
  if (r.from && typeof r.from === 'object') {
    const f = r.from as Record<string, unknown>;
    fromId = str(f.id) ?? str(f.userId);
    fromName = str(f.displayName);
  } else {
    fromId = str(r.from);
  }
  return {
    id,
    fromId,
    fromName,
    text: typeof r.text === 'string' ? r.text : '',
    sentAt: str(r.sentAt),
    toUserId: str(r.toUserId),
    toRole: str(r.toRole),
  };
}

/** Oldest first by `sentAt`; messages without one keep their place relative to each other (stable sort). */
function ordered(messages: ChatMessage[]): ChatMessage[] {
  return messages
    .map((m, i) => ({ m, i, t: m.sentAt ? Date.parse(m.sentAt) : NaN }))
    .sort((a, b) => (Number.isNaN(a.t) || Number.isNaN(b.t) ? a.i - b.i : a.t - b.t || a.i - b.i))
    .map((x) => x.m);
}

function merge(log: ChatLog, incoming: ChatMessage[], older: boolean): ChatMessage[] {
  const byId = new Map(log.messages.map((m) => [m.id, m]));
  const fresh: ChatMessage[] = [];
  for (const m of incoming) {
    if (log.deleted.has(m.id)) continue;
    if (byId.has(m.id)) {
      byId.set(m.id, { ...byId.get(m.id)!, ...m, fromName: m.fromName ?? byId.get(m.id)!.fromName });
    } else if (!fresh.some((f) => f.id === m.id)) {
      fresh.push(m);
    }
  }
  const kept = log.messages.map((m) => byId.get(m.id)!);
  return ordered(older ? [...fresh, ...kept] : [...kept, ...fresh]);
}

/**
 * A history page (the API's order: newest first). The first page read sets the cursor; later ("load earlier")
 * pages move it back. Messages already shown (from events) are not shown twice.
 */
export function addHistory(log: ChatLog, page: { items: unknown[]; nextCursor: string | null } | null | undefined): ChatLog {
  const items = (Array.isArray(page?.items) ? page.items : []).map(parseMessage).filter((m): m is ChatMessage => m !== null).reverse();
  return { ...log, messages: merge(log, items, true), cursor: page?.nextCursor ?? null, loaded: true };
}

/** A live message (a `chat.message` event, or the answer to my own send): appended unless already there. */
export function addMessage(log: ChatLog, raw: unknown): ChatLog {
  const message = parseMessage(raw);
  if (!message || log.deleted.has(message.id)) return log;
  return { ...log, messages: merge(log, [message], false) };
}

/** `chat.deleted` (or my own delete): the message goes, and stays gone. */
export function removeMessage(log: ChatLog, id: string): ChatLog {
  const deleted = new Set(log.deleted);
  deleted.add(id);
  return { ...log, messages: log.messages.filter((m) => m.id !== id), deleted };
}

export function chatMode(value: unknown): ChatMode {
  return value === 'SPEAKERS' || value === 'OFF' ? value : 'EVERYONE';
}

export type SendPermission = { allowed: true } | { allowed: false; reason: string };

/** Whether I may send, as the room's chat setting and a chat mute say (the server has the last word). */
export function sendPermission(mode: ChatMode, role: StageRole | null, chatMuted: boolean): SendPermission {
  if (role === null) return { allowed: false, reason: 'Join the room to chat.' };
  if (mode === 'OFF') return { allowed: false, reason: 'Chat is off in this room.' };
  if (mode === 'SPEAKERS' && !isOnPanel(role)) return { allowed: false, reason: 'Only the people on the stage may chat in this room.' };
  if (chatMuted) return { allowed: false, reason: 'A host or moderator has muted your chat in this room.' };
  return { allowed: true };
}

/** HOSTs, MODERATORs and the sender may delete a message. */
export function canDelete(message: ChatMessage, myUserId: string | null, myRole: StageRole | null): boolean {
  return isStaff(myRole) || (myUserId !== null && message.fromId === myUserId);
}

export type TextCheck = { ok: true; text: string } | { ok: false; reason: string };

/** 1-1000 characters once trimmed. */
export function checkText(raw: string): TextCheck {
  const text = raw.trim();
  if (text.length === 0) return { ok: false, reason: 'Write a message first.' };
  if (text.length > MAX_TEXT) return { ok: false, reason: `A message is at most ${MAX_TEXT} characters (this one is ${text.length}).` };
  return { ok: true, text };
}

/** The small label of a direct or role message: "to you", "to moderators", "to <name>" (mine, sent to someone). */
export function addressLabel(message: ChatMessage, myUserId: string | null, names: Record<string, string> = {}): string | null {
  if (message.toUserId) {
    if (message.toUserId === myUserId) return 'to you';
    return `to ${names[message.toUserId] ?? 'someone'}`;
  }
  if (message.toRole) {
    const role = message.toRole.toLowerCase();
    return `to ${role === 'audience' ? 'the audience' : `${role}s`}`;
  }
  return null;
}

/** A refused send, as shown under the box: the server's problem detail; on 429 when to try again. */
export function describeSendError(e: unknown): string {
  if (e instanceof ApiError) {
    const text = e.describe();
    if (e.status === 429) {
      return e.retryAfterSeconds ? `${text} (try again in ${e.retryAfterSeconds} s)` : `${text} (try again in a moment)`;
    }
    return text;
  }
  return e instanceof Error ? e.message : String(e);
}

/** A 403 to a send that the room's setting allows means my chat is muted (a fallback: the server also says so). */
export function isChatMuteRefusal(e: unknown, mode: ChatMode, role: StageRole | null): boolean {
  return e instanceof ApiError && e.status === 403 && sendPermission(mode, role, false).allowed;
}
