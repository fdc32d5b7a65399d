import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/http';
import {
  addHistory,
  addMessage,
  addressLabel,
  canDelete,
  chatMode,
  checkText,
  describeSendError,
  emptyLog,
  isChatMuteRefusal,
  parseMessage,
  removeMessage,
  sendPermission,
} from '../src/room/chat';

const ME = 'u-me';
const msg = (id: string, sec: number, extra: Record<string, unknown> = {}) => ({
  id,
  from: { id: 'u-' + id, displayName: 'Name ' + id },
  text: 'text ' + id,
  sentAt: new Date(Date.UTC(2026, 0, 1, 0, 0, sec)).toISOString(),
  toUserId: null,
  toRole: null,
  ...extra,
});
const ids = (log: { messages: Array<{ id: string }> }) => log.messages.map((m) => m.id);

describe('chat log', () => {
  it('shows a history page (newest first from the API) oldest first, and keeps its cursor', () => {
    const log = addHistory(emptyLog(), { items: [msg('c', 3), msg('b', 2), msg('a', 1)], nextCursor: 'cur1' });
    expect(ids(log)).toEqual(['a', 'b', 'c']);
    expect(log.cursor).toBe('cur1');
    expect(log.loaded).toBe(true);
  });

  it('puts an earlier page above and moves the cursor back (null at the end)', () => {
    let log = addHistory(emptyLog(), { items: [msg('d', 4), msg('c', 3)], nextCursor: 'cur1' });
    log = addHistory(log, { items: [msg('b', 2), msg('a', 1)], nextCursor: null });
    expect(ids(log)).toEqual(['a', 'b', 'c', 'd']);
    expect(log.cursor).toBeNull();
  });

  it('appends live messages at the bottom, once each, whether they came first from history or from events', () => {
    let log = addHistory(emptyLog(), { items: [msg('b', 2), msg('a', 1)], nextCursor: null });
    log = addMessage(log, msg('c', 3));
    log = addMessage(log, msg('c', 3)); // the event replayed
    log = addMessage(log, msg('b', 2)); // already in history
    expect(ids(log)).toEqual(['a', 'b', 'c']);
    // an event seen before the history page that also holds it
    let early = addMessage(emptyLog(), msg('z', 9));
    early = addHistory(early, { items: [msg('z', 9), msg('y', 8)], nextCursor: null });
    expect(ids(early)).toEqual(['y', 'z']);
  });

  it('removes a deleted message and never brings it back from a later page or a replay', () => {
    let log = addHistory(emptyLog(), { items: [msg('b', 2), msg('a', 1)], nextCursor: 'x' });
    log = removeMessage(log, 'b');
    expect(ids(log)).toEqual(['a']);
    log = addMessage(log, msg('b', 2));
    log = addHistory(log, { items: [msg('b', 2)], nextCursor: null });
    expect(ids(log)).toEqual(['a']);
    // deleting something never seen is remembered too
    log = removeMessage(log, 'q');
    expect(ids(addMessage(log, msg('q', 5)))).toEqual(['a']);
  });

  it('reads the API answer and the event data alike', () => {
    expect(parseMessage(msg('a', 1))).toEqual({
      id: 'a', fromId: 'u-a', fromName: 'Name a', text: 'text a', sentAt: '2026-01-01T00:00:01.000Z', toUserId: null, toRole: null,
    });
    expect(parseMessage({ id: 'e', from: 'u-x', text: 'hi', toRole: 'MODERATOR' })).toMatchObject({ fromId: 'u-x', fromName: null, toRole: 'MODERATOR', sentAt: null });
    expect(parseMessage({ text: 'no id' })).toBeNull();
    expect(ids(addMessage(emptyLog(), { text: 'no id' }))).toEqual([]);
  });
});

describe('who may send and delete', () => {
  it('follows the chat setting and a chat mute', () => {
    expect(sendPermission('EVERYONE', 'AUDIENCE', false)).toEqual({ allowed: true });
    expect(sendPermission('OFF', 'HOST', false)).toEqual({ allowed: false, reason: 'Chat is off in this room.' });
    expect(sendPermission('SPEAKERS', 'AUDIENCE', false).allowed).toBe(false);
    expect(sendPermission('SPEAKERS', 'SPEAKER', false).allowed).toBe(true);
    expect(sendPermission('SPEAKERS', 'MODERATOR', false).allowed).toBe(true);
    expect(sendPermission('EVERYONE', 'SPEAKER', true)).toMatchObject({ allowed: false, reason: expect.stringMatching(/muted your chat/) });
    expect(sendPermission('EVERYONE', null, false).allowed).toBe(false);
    expect(chatMode('SPEAKERS')).toBe('SPEAKERS');
    expect(chatMode(undefined)).toBe('EVERYONE');
  });

  it('lets HOSTs, MODERATORs and the sender delete', () => {
    const mine = parseMessage(msg('a', 1, { from: { id: ME } }))!;
    const theirs = parseMessage(msg('b', 2))!;
    expect(canDelete(mine, ME, 'AUDIENCE')).toBe(true);
    expect(canDelete(theirs, ME, 'AUDIENCE')).toBe(false);
    expect(canDelete(theirs, ME, 'SPEAKER')).toBe(false);
    expect(canDelete(theirs, ME, 'MODERATOR')).toBe(true);
    expect(canDelete(theirs, ME, 'HOST')).toBe(true);
  });

  it('treats a 403 as a chat mute only when the setting allows me', () => {
    const forbidden = new ApiError(403, 'about:blank', 'Forbidden', 'A HOST or MODERATOR has muted your chat in this room.');
    expect(isChatMuteRefusal(forbidden, 'EVERYONE', 'AUDIENCE')).toBe(true);
    expect(isChatMuteRefusal(forbidden, 'SPEAKERS', 'AUDIENCE')).toBe(false);
    expect(isChatMuteRefusal(new ApiError(429, 'x', 't', 'd'), 'EVERYONE', 'AUDIENCE')).toBe(false);
  });
});

describe('the text and refusals', () => {
  it('trims and keeps 1-1000 characters', () => {
    expect(checkText('  hello  ')).toEqual({ ok: true, text: 'hello' });
    expect(checkText('   ').ok).toBe(false);
    expect(checkText('x'.repeat(1000)).ok).toBe(true);
    expect(checkText(' ' + 'x'.repeat(1000) + ' ').ok).toBe(true);
    expect(checkText('x'.repeat(1001)).ok).toBe(false);
  });

  it('shows the problem detail, and when to try again on 429', () => {
    expect(describeSendError(new ApiError(429, '/problems/rate-limited', 'Too Many Requests', 'You are sending messages too fast.', [], 7)))
      .toBe('You are sending messages too fast. (try again in 7 s)');
    expect(describeSendError(new ApiError(403, 'about:blank', 'Forbidden', 'Chat is off in this room.'))).toBe('Chat is off in this room.');
    expect(describeSendError(new ApiError(400, 'about:blank', 'Bad Request', 'Invalid request', [{ field: 'text', message: 'must be 1-1000 characters' }])))
      .toBe('Invalid request: text must be 1-1000 characters');
  });

  it('labels direct and role messages', () => {
    const m = (extra: Record<string, unknown>) => parseMessage(msg('a', 1, extra))!;
    expect(addressLabel(m({ toUserId: ME }), ME)).toBe('to you');
    expect(addressLabel(m({ toUserId: 'u-x' }), ME, { 'u-x': 'Lisa' })).toBe('to Lisa');
    expect(addressLabel(m({ toRole: 'MODERATOR' }), ME)).toBe('to moderators');
    expect(addressLabel(m({ toRole: 'SPEAKER' }), ME)).toBe('to speakers');
    expect(addressLabel(m({}), ME)).toBeNull();
  });
});
