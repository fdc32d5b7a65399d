// The sign-in calls of API.md ("Accounts"), typed. They run without a bearer token.
import type { ApiClient } from './http';
import type { GuestRequest, LoginRequest, RegisterRequest, Session } from './types';

export function login(api: ApiClient, body: LoginRequest): Promise<Session> {
  return api.post<Session>('/api/v1/auth/login', body, { auth: false });
}

export function register(api: ApiClient, body: RegisterRequest): Promise<Session> {
  return api.post<Session>('/api/v1/auth/register', body, { auth: false });
}

export function signInAsGuest(api: ApiClient, body: GuestRequest): Promise<Session> {
  return api.post<Session>('/api/v1/auth/guest', body, { auth: false });
}

/**
 * POST /auth/firebase `{idToken}`: Tribune's session for the Firebase user. With `bearer` (a guest's or a signed-in
 * account's access token) the service links that Firebase user to this account: a guest keeps their id, and so their
 * place in a room. A 401 here means the ID token was refused, never that this session ended.
 */
export function signInWithFirebase(api: ApiClient, idToken: string, bearer: string | null): Promise<Session> {
  return api.post<Session>('/api/v1/auth/firebase', { idToken }, { auth: false, bearer });
}
