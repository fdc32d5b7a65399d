// API.md "Topics, clubs, follows, memberships", typed.
import type { ApiClient } from './http';
import type { Page, RoomCard } from './types';

const CLUBS = '/api/v1/clubs';

export type ClubRole = 'ADMIN' | 'MEMBER';

export interface Topic {
  id: string;
  name: string;
  description: string | null;
}

export interface Person {
  id: string;
  username: string | null;
  displayName: string;
}

/** A club in discovery lists. */
export interface ClubCard {
  id: string;
  name: string;
  description: string | null;
  topic: { id: string; name: string } | null;
  followerCount: number;
  memberCount: number;
}

export interface Club extends ClubCard {
  founder: Person | null;
  myMembership: ClubRole | null;
  following: boolean;
}

export interface Member {
  user: Person;
  role: ClubRole;
}

function club(clubId: string): string {
  return `${CLUBS}/${encodeURIComponent(clubId)}`;
}

function paged(params: Record<string, string | null | undefined>, cursor: string | null): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) query.set(k, v);
  if (cursor) query.set('cursor', cursor);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** GET /topics (paged: a hundred is every topic a deployment has in practice). */
export function listTopics(api: ApiClient): Promise<Page<Topic>> {
  return api.get<Page<Topic>>('/api/v1/topics?limit=100');
}

/** GET /clubs?q=&topicId=: discovery, best match first with words, else newest first. */
export function discoverClubs(api: ApiClient, q: string, topicId: string | null, cursor: string | null = null): Promise<Page<ClubCard>> {
  return api.get<Page<ClubCard>>(`${CLUBS}${paged({ q: q.trim() || null, topicId }, cursor)}`);
}

/** POST /clubs: 201 the club; the caller is its founder and an ADMIN. */
export function createClub(api: ApiClient, body: { name: string; topicId: string; description?: string }): Promise<Club> {
  return api.post<Club>(CLUBS, body);
}

export function readClub(api: ApiClient, clubId: string): Promise<Club> {
  return api.get<Club>(club(clubId));
}

export function listMembers(api: ApiClient, clubId: string, cursor: string | null): Promise<Page<Member>> {
  return api.get<Page<Member>>(`${club(clubId)}/members${paged({}, cursor)}`);
}

/** GET /clubs/{id}/rooms: its LIVE and SCHEDULED rooms the caller may see. */
export function listClubRooms(api: ApiClient, clubId: string): Promise<Page<RoomCard>> {
  return api.get<Page<RoomCard>>(`${club(clubId)}/rooms`);
}

export function followClub(api: ApiClient, clubId: string, follow: boolean): Promise<void> {
  return follow ? api.put<void>(`${club(clubId)}/follow`) : api.delete<void>(`${club(clubId)}/follow`);
}

/** PUT /clubs/{id}/members/{userId} `{role}`: adds a member or changes their role (club ADMINs only). */
export function setMemberRole(api: ApiClient, clubId: string, userId: string, role: ClubRole): Promise<void> {
  return api.put<void>(`${club(clubId)}/members/${encodeURIComponent(userId)}`, { role });
}

/** DELETE /clubs/{id}/members/{userId}: an ADMIN removing someone, or a member leaving. */
export function removeMember(api: ApiClient, clubId: string, userId: string): Promise<void> {
  return api.delete<void>(`${club(clubId)}/members/${encodeURIComponent(userId)}`);
}
