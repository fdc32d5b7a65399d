import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../src/api/http';
import { clearReminder, endRoom, handOverHost, listAudience, listBans, removeParticipant, setReminder, unban, updateRoom } from '../src/api/roomAdmin';

function recording() {
  const calls: Array<{ call: string; body: unknown }> = [];
  const api = new ApiClient(
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ call: `${init.method} ${url}`, body: init.body === undefined ? undefined : JSON.parse(String(init.body)) });
      return new Response(init.method === 'GET' ? JSON.stringify({ items: [], nextCursor: null }) : null, { status: init.method === 'GET' ? 200 : 204 });
    }) as unknown as typeof fetch,
  );
  return { api, calls };
}

describe('the calls that run a room', () => {
  it('are the paths of API.md', async () => {
    const { api, calls } = recording();
    await listAudience(api, 'r1', 50, 'c/1');
    await listBans(api, 'r1', 20, null);
    await unban(api, 'r1', 'u1');
    await removeParticipant(api, 'r1', 'u1', true);
    await removeParticipant(api, 'r1', 'u1', false);
    await handOverHost(api, 'r1', 'u1');
    await endRoom(api, 'r1');
    await updateRoom(api, 'r1', { chat: 'OFF' });
    await setReminder(api, 'r1', 'INV 1');
    await clearReminder(api, 'r1');
    expect(calls.map((c) => c.call)).toEqual([
      'GET /api/v1/rooms/r1/audience?limit=50&cursor=c%2F1',
      'GET /api/v1/rooms/r1/bans?limit=20',
      'DELETE /api/v1/rooms/r1/bans/u1',
      'DELETE /api/v1/rooms/r1/participants/u1?ban=true',
      'DELETE /api/v1/rooms/r1/participants/u1',
      'PUT /api/v1/rooms/r1/host/u1',
      'POST /api/v1/rooms/r1/end',
      'PATCH /api/v1/rooms/r1',
      'PUT /api/v1/rooms/r1/reminder?inviteCode=INV%201',
      'DELETE /api/v1/rooms/r1/reminder',
    ]);
    expect(calls[7]?.body).toEqual({ chat: 'OFF' });
  });
});
