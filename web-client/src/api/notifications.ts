// API.md "People, notices and notifications": which notices are also pushed, and this browser's FCM token.
import type { ApiClient } from './http';

/** GET/PUT /me/notification-settings: which kinds are pushed (every notice is stored and shown in any case). */
export interface NotificationSettings {
  roomLive: boolean;
  roomStarting: boolean;
  followedSpeaking: boolean;
  moderation: boolean;
}

export const ALL_ON: NotificationSettings = { roomLive: true, roomStarting: true, followedSpeaking: true, moderation: true };

export function readNotificationSettings(api: ApiClient): Promise<NotificationSettings> {
  return api.get<NotificationSettings>('/api/v1/me/notification-settings');
}

export function saveNotificationSettings(api: ApiClient, settings: NotificationSettings): Promise<NotificationSettings | undefined> {
  return api.put<NotificationSettings | undefined>('/api/v1/me/notification-settings', settings);
}

/** POST /me/push-tokens: 201; a token someone else registered (a shared browser) moves to me. */
export function registerPushToken(api: ApiClient, token: string): Promise<unknown> {
  return api.post<unknown>('/api/v1/me/push-tokens', { token, platform: 'WEB' });
}

/** DELETE /me/push-tokens/{token}: 204. */
export function forgetPushToken(api: ApiClient, token: string): Promise<void> {
  return api.delete<void>(`/api/v1/me/push-tokens/${encodeURIComponent(token)}`);
}
