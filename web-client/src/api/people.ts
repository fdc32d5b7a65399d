// API.md "Accounts" and "People": me, profiles, following people, and the account's own settings.
import type { ApiClient } from './http';
import type { StaffRole } from './moderationTypes';

export interface ClubRef {
  id: string;
  name: string;
}

/** GET /me as this implementation answers it. */
export interface Me {
  id: string;
  username: string | null;
  displayName: string;
  guest: boolean;
  bio?: string | null;
  staffRole?: StaffRole | null;
  adminOfClubs?: ClubRef[];
}

/** GET /users/{id}. */
export interface Profile {
  id: string;
  username: string | null;
  displayName: string;
  bio: string | null;
  followerCount: number;
  followingCount: number;
  following: boolean;
  clubs: Array<ClubRef & { role?: string }>;
}

function user(userId: string): string {
  return `/api/v1/users/${encodeURIComponent(userId)}`;
}

export function readMe(api: ApiClient): Promise<Me> {
  return api.get<Me>('/api/v1/me');
}

/** GET /users/{id}; guests have no profile (404). */
export function readProfile(api: ApiClient, userId: string): Promise<Profile> {
  return api.get<Profile>(user(userId));
}

/** PATCH /me `{displayName?, bio?}`: 200 me. */
export function updateMe(api: ApiClient, changes: { displayName?: string; bio?: string }): Promise<Me> {
  return api.request<Me>('PATCH', '/api/v1/me', changes);
}

export function followUser(api: ApiClient, userId: string, follow: boolean): Promise<void> {
  return follow ? api.put<void>(`${user(userId)}/follow`) : api.delete<void>(`${user(userId)}/follow`);
}

/** PUT /me/password: 204; every refresh token dies with it. */
export function changePassword(api: ApiClient, currentPassword: string, newPassword: string): Promise<void> {
  return api.put<void>('/api/v1/me/password', { currentPassword, newPassword });
}

/** DELETE /me/sessions: 204; every refresh token of mine is revoked (signed out everywhere). */
export function signOutEverywhere(api: ApiClient): Promise<void> {
  return api.delete<void>('/api/v1/me/sessions');
}

/** DELETE /me: 204; the account is gone. */
export function deleteAccount(api: ApiClient): Promise<void> {
  return api.delete<void>('/api/v1/me');
}
