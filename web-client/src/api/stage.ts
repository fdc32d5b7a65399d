// The stage calls of API.md ("Taking part": hands, speakers, mutes), typed. Each answers 204.
import type { ApiClient } from './http';

function room(roomId: string): string {
  return `/api/v1/rooms/${encodeURIComponent(roomId)}`;
}

function user(userId: string): string {
  return encodeURIComponent(userId);
}

/** PUT /rooms/{roomId}/hand: raise my hand. */
export function raiseHand(api: ApiClient, roomId: string): Promise<void> {
  return api.put<void>(`${room(roomId)}/hand`);
}

/** DELETE /rooms/{roomId}/hand: lower my hand. */
export function lowerHand(api: ApiClient, roomId: string): Promise<void> {
  return api.delete<void>(`${room(roomId)}/hand`);
}

/** PUT /rooms/{roomId}/speakers/{userId}: approve a hand or invite (staff), or accept an invitation (oneself). */
export function addSpeaker(api: ApiClient, roomId: string, userId: string): Promise<void> {
  return api.put<void>(`${room(roomId)}/speakers/${user(userId)}`);
}

/** DELETE /rooms/{roomId}/speakers/{userId}: back to the audience, or (oneself, invited) decline the invitation. */
export function removeSpeaker(api: ApiClient, roomId: string, userId: string): Promise<void> {
  return api.delete<void>(`${room(roomId)}/speakers/${user(userId)}`);
}

/** DELETE /rooms/{roomId}/hands/{userId}: deny a raised hand (staff). */
export function denyHand(api: ApiClient, roomId: string, userId: string): Promise<void> {
  return api.delete<void>(`${room(roomId)}/hands/${user(userId)}`);
}

/** PUT /rooms/{roomId}/participants/{userId}/mute. */
export function mute(api: ApiClient, roomId: string, userId: string): Promise<void> {
  return api.put<void>(`${room(roomId)}/participants/${user(userId)}/mute`);
}

/** DELETE /rooms/{roomId}/participants/{userId}/mute (refused while a moderator's mute holds). */
export function unmute(api: ApiClient, roomId: string, userId: string): Promise<void> {
  return api.delete<void>(`${room(roomId)}/participants/${user(userId)}/mute`);
}
