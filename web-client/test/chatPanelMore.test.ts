// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Page } from '../src/api/types';
import { ChatPanel, SHOWN_MESSAGES, type ChatAddress, type ChatContext } from '../src/ui/chatPanel';
import { flush } from './fakeTimers';

const ME = 'u-me';
const message = (id: string, sec: number, extra: Record<string, unknown> = {}) => ({
  id, from: { id: 'u-' + id, displayName: 'N' + id }, text: 't' + id, sentAt: new Date(Date.UTC(2026, 0, 1, 0, 0, sec)).toISOString(), toUserId: null, toRole: null, ...extra,
});

function fakeApi(pages: Record<string, Page<unknown>>) {
  const sent: Array<{ text: string; to?: ChatAddress }> = [];
  return {
    sent,
    api: {
      list: async (cursor: string | null) => pages[cursor ?? 'first'] ?? { items: [], nextCursor: null },
      send: async (text: string, to?: ChatAddress) => {
        sent.push({ text, to });
        return message('s' + sent.length, 59, { from: { id: ME, displayName: 'Me' }, text, ...(to ?? {}) });
      },
      remove: async () => undefined,
    },
  };
}

const ctx = (extra: Partial<ChatContext> = {}): ChatContext => ({ myUserId: ME, role: 'SPEAKER', mode: 'EVERYONE', slowModeSeconds: 0, names: {}, ...extra });
const rows = (panel: ChatPanel) => panel.element.querySelectorAll('[data-testid^="chat-message-"]');

describe('ChatPanel: times, addressing, long histories', () => {
  it('each message shows when it was sent, in local time, with its machine-readable time', async () => {
    const { api } = fakeApi({ first: { items: [message('a', 7)], nextCursor: null } });
    const panel = new ChatPanel(api);
    document.body.replaceChildren(panel.element);
    panel.update(ctx());
    await panel.start();
    const time = panel.element.querySelector('[data-testid="chat-message-a"] time') as HTMLTimeElement;
    expect(time.getAttribute('datetime')).toBe('2026-01-01T00:00:07.000Z');
    expect(time.textContent).toBe(new Date('2026-01-01T00:00:07Z').toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
  });

  it('sends to everyone, to a role group, or to one person', async () => {
    const t = fakeApi({});
    const panel = new ChatPanel(t.api);
    document.body.replaceChildren(panel.element);
    panel.update(ctx({ people: [{ userId: 'u-lisa', displayName: 'Lisa' }, { userId: ME, displayName: 'Me' }] }));
    await panel.start();
    const to = panel.element.querySelector('[data-testid="chat-to"]') as HTMLSelectElement;
    expect(to.getAttribute('aria-label')).toBe('Send to');
    expect(Array.from(to.options).map((o) => o.textContent)).toEqual(['Everyone', 'Moderators and host', 'Speakers', 'The audience', 'Lisa']);
    const input = panel.element.querySelector('[data-testid="chat-input"]') as HTMLTextAreaElement;
    const send = panel.element.querySelector('[data-testid="chat-send"]') as HTMLButtonElement;
    input.value = 'hello all';
    send.click();
    await flush();
    to.value = 'role:MODERATOR';
    input.value = 'mods only';
    send.click();
    await flush();
    to.value = 'user:u-lisa';
    input.value = 'psst';
    send.click();
    await flush();
    expect(t.sent).toEqual([{ text: 'hello all', to: undefined }, { text: 'mods only', to: { toRole: 'MODERATOR' } }, { text: 'psst', to: { toUserId: 'u-lisa' } }]);
  });

  it('keeps at most a bounded number of messages in the page; older ones come back on demand, new ones append in place', async () => {
    const many = Array.from({ length: SHOWN_MESSAGES + 50 }, (_, i) => message('m' + i, i)).reverse();
    const { api } = fakeApi({ first: { items: many, nextCursor: null } });
    const panel = new ChatPanel(api);
    document.body.replaceChildren(panel.element);
    panel.update(ctx());
    await panel.start();
    expect(rows(panel)).toHaveLength(SHOWN_MESSAGES);
    expect(panel.messages).toHaveLength(SHOWN_MESSAGES + 50);
    const last = panel.element.querySelector('[data-testid="chat-message-m249"]');
    panel.onEvent('chat.message', message('new', 300));
    // the rows already there are the same elements: appending does not draw everything again
    expect(panel.element.querySelector('[data-testid="chat-message-m249"]')).toBe(last);
    expect(rows(panel)[rows(panel).length - 1]?.getAttribute('data-testid')).toBe('chat-message-new');
    expect(rows(panel)).toHaveLength(SHOWN_MESSAGES);
    (panel.element.querySelector('[data-testid="chat-load-earlier"]') as HTMLButtonElement).click();
    await flush();
    expect(panel.element.querySelector('[data-testid="chat-message-m0"]')).not.toBeNull();
  });
});
