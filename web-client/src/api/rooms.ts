// The rooms calls of API.md ("Rooms", "Taking part": join and leave), typed.
import type { ApiClient } from './http';
import type { CreateRoomRequest, JoinAnswer, JoinRequest, Page, RoomCard, RoomDetail, WsTicket } from './types';

const ROOMS = '/api/v1/rooms';

function room(roomId: string): string {
  return `${ROOMS}/${encodeURIComponent(roomId)}`;
}

/** GET /rooms?feed=all: the hallway's LIVE rooms, a page at a time. */
export function listLiveRooms(api: ApiClient, limit: number, cursor: string | null): Promise<Page<RoomCard>> {
  const query = new URLSearchParams({ feed: 'all', limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return api.get<Page<RoomCard>>(`${ROOMS}?${query}`);
}

/** POST /rooms: 201 the new room (the caller is its HOST). */
export function createRoom(api: ApiClient, body: CreateRoomRequest): Promise<RoomCard> {
  return api.post<RoomCard>(ROOMS, body);
}

/** GET /rooms/{roomId}; a PRIVATE room's invite code (from a shared link) lets a non-member see it. */
export function readRoom(api: ApiClient, roomId: string, inviteCode: string | null): Promise<RoomDetail> {
  const query = inviteCode ? `?inviteCode=${encodeURIComponent(inviteCode)}` : '';
  return api.get<RoomDetail>(`${room(roomId)}${query}`);
}

/**
 * POST /rooms/{roomId}/join: joins, or joins again (which refreshes the media grant). In a join storm it may answer
 * 429 `/problems/join-queued`; `queueToken` is that answer's, sent back to keep the place in line (room/joinLine).
 */
export function joinRoom(api: ApiClient, roomId: string, inviteCode: string | null, queueToken: string | null = null): Promise<JoinAnswer> {
  const body: JoinRequest = inviteCode ? { inviteCode } : {};
  if (queueToken) body.queueToken = queueToken;
  return api.post<JoinAnswer>(`${room(roomId)}/join`, body);
}

/** POST /rooms/{roomId}/leave: 204. */
export function leaveRoom(api: ApiClient, roomId: string): Promise<void> {
  return api.post<void>(`${room(roomId)}/leave`);
}

/** POST /auth/ws-ticket: a single-use ticket, valid 30 s, to open /ws. */
export function wsTicket(api: ApiClient): Promise<WsTicket> {
  return api.post<WsTicket>('/api/v1/auth/ws-ticket');
}
