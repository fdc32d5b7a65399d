// The calls a room's HOST and MODERATORs run it with (API.md "Rooms", "Taking part"), and the upcoming room's
// start and reminder (docs/API.md "People, notices and notifications"), typed. Stage calls on oneself
// (hands, my microphone) are in stage.ts.
import type { ApiClient } from './http';
import type { Page, RoomDetail } from './types';

function room(roomId: string): string {
  return `/api/v1/rooms/${encodeURIComponent(roomId)}`;
}

function user(userId: string): string {
  return encodeURIComponent(userId);
}

function paged(limit: number, cursor: string | null, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ ...extra, limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return `?${query}`;
}

/** Someone in the audience, oldest arrival first. */
export interface Listener {
  userId: string;
  displayName: string | null;
  joinedAt: string;
}

export interface BanPerson {
  id: string;
  username: string | null;
  displayName: string | null;
}

/** A ban on the room (or its club). */
export interface RoomBan {
  user: BanPerson;
  by: BanPerson | null;
  at: string;
  scope: string;
}

/** PATCH /rooms/{roomId}'s body: only the fields given change. */
export interface RoomChanges {
  name?: string;
  description?: string;
  chat?: 'EVERYONE' | 'SPEAKERS' | 'OFF';
  slowModeSeconds?: number;
}

/** GET /rooms/{roomId}/audience: the present AUDIENCE, a page at a time. */
export function listAudience(api: ApiClient, roomId: string, limit: number, cursor: string | null, inviteCode: string | null = null): Promise<Page<Listener>> {
  return api.get<Page<Listener>>(`${room(roomId)}/audience${paged(limit, cursor, inviteCode ? { inviteCode } : {})}`);
}

/** PUT /rooms/{roomId}/moderators/{userId} (HOST): 204. */
export function makeModerator(api: ApiClient, roomId: string, userId: string): Promise<void> {
  return api.put<void>(`${room(roomId)}/moderators/${user(userId)}`);
}

/** DELETE /rooms/{roomId}/moderators/{userId} (HOST): 204, they stay a SPEAKER. */
export function unmakeModerator(api: ApiClient, roomId: string, userId: string): Promise<void> {
  return api.delete<void>(`${room(roomId)}/moderators/${user(userId)}`);
}

/** PUT /rooms/{roomId}/host/{userId} (HOST): 204; I become a MODERATOR. */
export function handOverHost(api: ApiClient, roomId: string, userId: string): Promise<void> {
  return api.put<void>(`${room(roomId)}/host/${user(userId)}`);
}

/** DELETE /rooms/{roomId}/participants/{userId}[?ban=true]: 204. */
export function removeParticipant(api: ApiClient, roomId: string, userId: string, ban: boolean): Promise<void> {
  return api.delete<void>(`${room(roomId)}/participants/${user(userId)}${ban ? '?ban=true' : ''}`);
}

/** PUT /rooms/{roomId}/participants/{userId}/chat-mute: 204. */
export function chatMute(api: ApiClient, roomId: string, userId: string): Promise<void> {
  return api.put<void>(`${room(roomId)}/participants/${user(userId)}/chat-mute`);
}

/** DELETE /rooms/{roomId}/participants/{userId}/chat-mute: 204. */
export function liftChatMute(api: ApiClient, roomId: string, userId: string): Promise<void> {
  return api.delete<void>(`${room(roomId)}/participants/${user(userId)}/chat-mute`);
}

/** GET /rooms/{roomId}/bans: newest first. */
export function listBans(api: ApiClient, roomId: string, limit: number, cursor: string | null): Promise<Page<RoomBan>> {
  return api.get<Page<RoomBan>>(`${room(roomId)}/bans${paged(limit, cursor)}`);
}

/** DELETE /rooms/{roomId}/bans/{userId}: 204. */
export function unban(api: ApiClient, roomId: string, userId: string): Promise<void> {
  return api.delete<void>(`${room(roomId)}/bans/${user(userId)}`);
}

/** PATCH /rooms/{roomId} (HOST, MODERATOR): 200 the room. */
export function updateRoom(api: ApiClient, roomId: string, changes: RoomChanges): Promise<RoomDetail> {
  return api.request<RoomDetail>('PATCH', room(roomId), changes);
}

/** POST /rooms/{roomId}/start (HOST): SCHEDULED to LIVE; 200 the room. */
export function startRoom(api: ApiClient, roomId: string): Promise<RoomDetail> {
  return api.post<RoomDetail>(`${room(roomId)}/start`);
}

/** POST /rooms/{roomId}/end (HOST): ENDED for everyone; 200 the room. */
export function endRoom(api: ApiClient, roomId: string): Promise<RoomDetail> {
  return api.post<RoomDetail>(`${room(roomId)}/end`);
}

function reminder(roomId: string, inviteCode: string | null): string {
  return `${room(roomId)}/reminder${inviteCode ? `?inviteCode=${encodeURIComponent(inviteCode)}` : ''}`;
}

/** PUT /rooms/{roomId}/reminder: remind me when this SCHEDULED room starts (a PRIVATE one with its invite code); 204. */
export function setReminder(api: ApiClient, roomId: string, inviteCode: string | null = null): Promise<void> {
  return api.put<void>(reminder(roomId, inviteCode));
}

/** DELETE /rooms/{roomId}/reminder: 204. */
export function clearReminder(api: ApiClient, roomId: string, inviteCode: string | null = null): Promise<void> {
  return api.delete<void>(reminder(roomId, inviteCode));
}
