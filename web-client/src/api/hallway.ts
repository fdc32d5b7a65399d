// The hallway's calls of API.md "Rooms": the feeds, search, and creating a room with every option.
import type { ApiClient } from './http';
import type { Page, RoomCard } from './types';

export type Feed = 'all' | 'following' | 'scheduled';
export type Visibility = 'PUBLIC' | 'CLUB' | 'PRIVATE';

/** GET /rooms?feed=: LIVE rooms (all, following) or upcoming SCHEDULED ones, a page at a time. */
export function listRooms(api: ApiClient, feed: Feed, limit: number, cursor: string | null): Promise<Page<RoomCard>> {
  const query = new URLSearchParams({ feed, limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return api.get<Page<RoomCard>>(`/api/v1/rooms?${query}`);
}

/** A club as search answers it: its topic is the topic's name. */
export interface ClubHit {
  kind: 'club';
  id: string;
  name: string;
  description: string | null;
  topic: string | null;
  followerCount: number;
  memberCount: number;
}

export type SearchHit = (RoomCard & { kind: 'room' }) | ClubHit;

/** GET /search?q=: LIVE and SCHEDULED rooms and clubs, best match first, each with its `kind`. */
export function search(api: ApiClient, q: string, limit = 20, signal?: AbortSignal): Promise<Page<SearchHit>> {
  const query = new URLSearchParams({ q, limit: String(limit) });
  return api.get<Page<SearchHit>>(`/api/v1/search?${query}`, { signal });
}

/** POST /rooms's body with every field of API.md. */
export interface NewRoom {
  name: string;
  description?: string;
  visibility?: Visibility;
  clubId?: string;
  /** ISO-8601; absent: the room is LIVE at once. */
  scheduledFor?: string;
  provider?: string;
}

/** POST /rooms: 201 the room (the caller is its HOST). */
export function openRoom(api: ApiClient, body: NewRoom): Promise<RoomCard> {
  return api.post<RoomCard>('/api/v1/rooms', body);
}
