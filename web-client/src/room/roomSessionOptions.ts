// What a room session is given: its collaborators (API, socket, media factory, timers) and the page it reports to.
import type { ApiClient } from '../api/http';
import type { SocketLike } from '../events/eventStream';
import type { TribuneHooks } from '../hooks';
import type { AudioWarning, MediaSession } from '../media/mediaSession';
import type { Timers } from '../timers';

/** What the session tells the page. */
export interface RoomView {
  /** The state, my place or the controls changed: draw again. */
  changed(): void;
  /** The status badge (what `shownStatus` says now). */
  statusChanged(): void;
  notice(key: string, text: string, kind?: 'info' | 'error'): void;
  clearNotice(key: string): void;
  speaking(userId: string, speaking: boolean, muted: boolean): void;
  audioWarnings(warnings: AudioWarning[]): void;
  /** A stage change to say politely (someone invited, promoted, moved back). */
  announce?(text: string): void;
  /** Our place in line while the join waits its turn (429 join-queued); null once it no longer waits. */
  joinQueued?(position: number | null): void;
}

/** The room's chat as the session drives it (the chat panel). */
export interface RoomChat {
  start(): Promise<void>;
  reload(): Promise<void>;
  stop(): void;
  setChatMuted(muted: boolean): void;
  onEvent(type: string, data: Record<string, unknown>): void;
}

/** Something else in the page that follows the room's events (the room's reports, for its moderators). */
export interface RoomEventListener {
  onEvent(type: string, data: Record<string, unknown>): void;
}

/** The signed-in person, seen from a room. */
export interface RoomAuth {
  userId(): string | null;
  /** A fresh access token after the socket closed with 4401; false when signed out. */
  refresh(): Promise<boolean>;
  /** Every new access token (each refresh extends the socket's life). Returns an unsubscribe function. */
  onAccessToken(listener: (accessToken: string) => void): () => void;
}

export interface RoomSessionOptions {
  api: ApiClient;
  roomId: string;
  /** A PRIVATE room's invite code, from a shared link. */
  inviteCode: string | null;
  auth: RoomAuth;
  openSocket: (url: string) => SocketLike;
  /** The page's address: `/ws` is opened relative to it. */
  pageUrl: () => string;
  createMedia: (provider: string) => MediaSession;
  /** Where the media layer puts remote audio (handed through, never touched here). */
  audioOutlet: HTMLElement;
  chat: RoomChat;
  /** The room's open reports (`report.filed`). */
  reports?: RoomEventListener;
  /** A name the page met elsewhere (the audience list), for people the room's state has not named. */
  nameOf?: (userId: string) => string | null;
  /** Who is in the room beyond the panel (the audience, chat mutes), for HOSTs and MODERATORs. */
  people?: RoomEventListener;
  /** A personal notice arrived on the room's socket (a warning, a ban...). */
  personalNotice?: (notice: Record<string, unknown>) => void;
  view: RoomView;
  hooks: Pick<TribuneHooks, 'media' | 'socketErrors'>;
  timers?: Timers;
}
