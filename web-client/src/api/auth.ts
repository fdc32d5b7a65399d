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
