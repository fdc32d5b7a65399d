// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/http';
import type { RoomDetail } from '../src/api/types';
import { applyEvent, fromDetail } from '../src/room/roomState';
import { ChatPanel, type ChatApi, type ChatContext } from '../src/ui/chatPanel';
import { flush } from './fakeTimers';

const ME = 'u-me';
const m = (id: string, sec: number, from = 'u-' + id, extra: Record<string, unknown> = {}) => ({
  id, from: { id: from, displayName: 'N' + id }, text: 't' + id, sentAt: new Date(Date.UTC(2026, 0, 1, 0, 0, sec)).toISOString(), toUserId: null, toRole: null, ...extra,
});

class FakeChatApi implements ChatApi {
  pages: Record<string, { items: unknown[]; nextCursor: string | null }> = { first: { items: [], nextCursor: null } };
  listed: Array<string | null> = [];
  sent: string[] = [];
  removed: string[] = [];
  sendError: unknown = null;
  async list(cursor: string | null) {
    this.listed.push(cursor);
    return this.pages[cursor ?? 'first']!;
  }
  async send(text: string) {
    if (this.sendError) throw this.sendError;
    this.sent.push(text);
    return m('sent' + this.sent.length, 50, ME, { text });
  }
  async remove(id: string) {
    this.removed.push(id);
  }
}

const ctx = (extra: Partial<ChatContext> = {}): ChatContext => ({ myUserId: ME, role: 'AUDIENCE', mode: 'EVERYONE', slowModeSeconds: 0, names: {}, ...extra });
const q = (panel: ChatPanel, id: string) => panel.element.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
const shown = (panel: ChatPanel) => Array.from(panel.element.querySelectorAll('[data-testid^="chat-message-"]')).map((e) => e.getAttribute('data-testid'));

async function started(api: FakeChatApi, context = ctx()): Promise<ChatPanel> {
  const panel = new ChatPanel(api);
  document.body.replaceChildren(panel.element);
  panel.update(context);
  await panel.start();
  await flush();
  return panel;
}

describe('ChatPanel', () => {
  it('is hidden until joined, then shows the history newest at the bottom and loads earlier pages', async () => {
    const api = new FakeChatApi();
    api.pages.first = { items: [m('c', 3), m('b', 2)], nextCursor: 'k1' };
    api.pages.k1 = { items: [m('a', 1)], nextCursor: null };
    const panel = new ChatPanel(api);
    expect(panel.element.hidden).toBe(true);
    expect(panel.element.getAttribute('data-testid')).toBe('chat-panel');
    document.body.replaceChildren(panel.element);
    panel.update(ctx());
    await panel.start();
    expect(panel.element.hidden).toBe(false);
    expect(shown(panel)).toEqual(['chat-message-b', 'chat-message-c']);
    q(panel, 'chat-load-earlier')!.click();
    await flush();
    expect(api.listed).toEqual([null, 'k1']);
    expect(shown(panel)).toEqual(['chat-message-a', 'chat-message-b', 'chat-message-c']);
    expect(q(panel, 'chat-load-earlier')!.hidden).toBe(true);
  });

  it('appends chat.message once and removes on chat.deleted', async () => {
    const api = new FakeChatApi();
    api.pages.first = { items: [m('a', 1)], nextCursor: null };
    const panel = await started(api);
    panel.onEvent('chat.message', m('b', 2));
    panel.onEvent('chat.message', m('b', 2));
    panel.onEvent('chat.message', { ...m('d', 4), toUserId: ME });
    expect(shown(panel)).toEqual(['chat-message-a', 'chat-message-b', 'chat-message-d']);
    expect(q(panel, 'chat-message-d')!.querySelector('.to')!.textContent).toBe('to you');
    panel.onEvent('chat.deleted', { id: 'b', by: 'u-host' });
    expect(shown(panel)).toEqual(['chat-message-a', 'chat-message-d']);
  });

  it('sends trimmed text, shows my message once even when its event follows, and lets me delete it', async () => {
    const api = new FakeChatApi();
    const panel = await started(api);
    const input = q(panel, 'chat-input') as HTMLTextAreaElement;
    input.value = '   ';
    q(panel, 'chat-send')!.click();
    await flush();
    expect(api.sent).toEqual([]);
    expect(q(panel, 'chat-error')!.hidden).toBe(false);
    input.value = '  hello  ';
    q(panel, 'chat-send')!.click();
    await flush();
    expect(api.sent).toEqual(['hello']);
    expect(input.value).toBe('');
    expect(q(panel, 'chat-error')!.hidden).toBe(true);
    panel.onEvent('chat.message', m('sent1', 50, ME, { text: 'hello' }));
    expect(shown(panel)).toEqual(['chat-message-sent1']);
    q(panel, 'chat-delete-sent1')!.click();
    await flush();
    expect(api.removed).toEqual(['sent1']);
    expect(shown(panel)).toEqual([]);
  });

  it('offers delete to HOSTs and MODERATORs on everyone, to others only on their own', async () => {
    const api = new FakeChatApi();
    api.pages.first = { items: [m('a', 1)], nextCursor: null };
    const panel = await started(api);
    expect(q(panel, 'chat-delete-a')).toBeNull();
    panel.update(ctx({ role: 'MODERATOR' }));
    expect(q(panel, 'chat-delete-a')).not.toBeNull();
    panel.update(ctx({ role: 'SPEAKER' }));
    expect(q(panel, 'chat-delete-a')).toBeNull();
  });

  it('shows the 429 detail with Retry-After, and a 403 chat mute disables the box with a reason', async () => {
    const api = new FakeChatApi();
    const panel = await started(api);
    const input = q(panel, 'chat-input') as HTMLTextAreaElement;
    api.sendError = new ApiError(429, '/problems/rate-limited', 'Too Many Requests', 'You are sending messages too fast.', [], 4);
    input.value = 'hi';
    q(panel, 'chat-send')!.click();
    await flush();
    expect(q(panel, 'chat-error')!.textContent).toBe('You are sending messages too fast. (try again in 4 s)');
    expect(input.value).toBe('hi');
    api.sendError = new ApiError(403, 'about:blank', 'Forbidden', 'A HOST or MODERATOR has muted your chat in this room.');
    q(panel, 'chat-send')!.click();
    await flush();
    expect(q(panel, 'chat-error')!.textContent).toMatch(/muted your chat/);
    expect((q(panel, 'chat-send') as HTMLButtonElement).disabled).toBe(true);
    expect(input.disabled).toBe(true);
    expect(q(panel, 'chat-disabled-reason')!.textContent).toMatch(/muted your chat/);
  });

  it('is disabled with a reason when chat is OFF, or SPEAKERS while in the audience', async () => {
    const panel = await started(new FakeChatApi(), ctx({ mode: 'OFF', role: 'HOST' }));
    expect((q(panel, 'chat-send') as HTMLButtonElement).disabled).toBe(true);
    expect(q(panel, 'chat-disabled-reason')!.textContent).toBe('Chat is off in this room.');
    panel.update(ctx({ mode: 'SPEAKERS', role: 'AUDIENCE' }));
    expect((q(panel, 'chat-input') as HTMLTextAreaElement).disabled).toBe(true);
    panel.update(ctx({ mode: 'SPEAKERS', role: 'SPEAKER' }));
    expect((q(panel, 'chat-send') as HTMLButtonElement).disabled).toBe(false);
    expect(q(panel, 'chat-disabled-reason')!.hidden).toBe(true);
  });

  it('follows the server on my chat mute: participant.chat_muted about me, not about others', async () => {
    const panel = await started(new FakeChatApi());
    panel.onEvent('participant.chat_muted', { userId: 'u-other', by: 'u-host', muted: true });
    expect((q(panel, 'chat-send') as HTMLButtonElement).disabled).toBe(false);
    panel.onEvent('participant.chat_muted', { userId: ME, by: 'u-host', muted: true });
    expect((q(panel, 'chat-send') as HTMLButtonElement).disabled).toBe(true);
    expect(q(panel, 'chat-disabled-reason')!.textContent).toContain('muted your chat');
    panel.onEvent('participant.chat_muted', { userId: ME, by: 'u-host', muted: false });
    expect((q(panel, 'chat-send') as HTMLButtonElement).disabled).toBe(false);
    panel.setChatMuted(true); // as a room detail read on load says
    expect((q(panel, 'chat-input') as HTMLTextAreaElement).disabled).toBe(true);
  });
});

describe('the chat setting in the room state', () => {
  it('comes from the detail and follows room.updated', () => {
    const detail = {
      id: 'r', name: 'R', club: null, visibility: 'PUBLIC', status: 'LIVE', panel: [], speakerCount: 0, participantCount: 1, startedAt: null, scheduledFor: null,
      description: null, audienceCount: 1, settings: { chat: 'SPEAKERS', slowModeSeconds: 5 }, raisedHands: null, me: null, inviteCode: null,
    } as RoomDetail;
    const state = fromDetail(detail, null);
    expect(state.chat).toEqual({ mode: 'SPEAKERS', slowModeSeconds: 5 });
    const next = applyEvent(state, { roomId: 'r', seq: 2, type: 'room.updated', data: { settings: { chat: 'OFF', slowModeSeconds: 0 } } }).state;
    expect(next.chat).toEqual({ mode: 'OFF', slowModeSeconds: 0 });
  });
});
