// The chat calls of API.md ("Taking part": messages), typed.
import type { ApiClient } from './http';
import type { ChatMessageBody, Page, SendMessageRequest } from './types';

function messages(roomId: string): string {
  return `/api/v1/rooms/${encodeURIComponent(roomId)}/messages`;
}

/** GET /rooms/{roomId}/messages: the history the caller may see, newest page first. */
export function listMessages(api: ApiClient, roomId: string, cursor: string | null): Promise<Page<ChatMessageBody>> {
  return api.get<Page<ChatMessageBody>>(`${messages(roomId)}${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
}

/** POST /rooms/{roomId}/messages: 201 the message. */
export function sendMessage(api: ApiClient, roomId: string, body: SendMessageRequest): Promise<ChatMessageBody> {
  return api.post<ChatMessageBody>(messages(roomId), body);
}

/** DELETE /rooms/{roomId}/messages/{messageId}: 204. */
export function deleteMessage(api: ApiClient, roomId: string, messageId: string): Promise<void> {
  return api.delete<void>(`${messages(roomId)}/${encodeURIComponent(messageId)}`);
}
