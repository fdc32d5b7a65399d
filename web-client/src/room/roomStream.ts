// The room's event stream, opened from a join's answer: a fresh ws-ticket for every (re)connection, the socket
// opened relative to the page, and every refreshed access token passed on.
import type { ApiClient } from '../api/http';
import { wsTicket } from '../api/rooms';
import type { JoinAnswer } from '../api/types';
import { EventStream, type EventStreamHandlers, type SocketLike } from '../events/eventStream';
import type { Timers } from '../timers';
import type { RoomAuth } from './roomSessionOptions';

export interface RoomStreamOptions {
  api: ApiClient;
  roomId: string;
  answer: JoinAnswer;
  auth: RoomAuth;
  openSocket: (url: string) => SocketLike;
  pageUrl: () => string;
  timers: Timers;
  handlers: EventStreamHandlers;
}

/** A started stream; `stop` stops it and stops following the access token. */
export interface RoomStream {
  stream: EventStream;
  stop(): void;
}

export function openRoomStream(options: RoomStreamOptions): RoomStream {
  const { api, answer } = options;
  const stream = new EventStream({
    roomId: options.roomId,
    since: answer.events.roomSeq,
    socketUrl: () => socketUrl(api, answer.events.url, options.pageUrl()),
    refreshToken: () => options.auth.refresh(),
    openSocket: options.openSocket,
    timers: options.timers,
    handlers: options.handlers,
  });
  // every refresh extends the socket's life
  const unfollow = options.auth.onAccessToken((token) => stream.authenticate(token));
  stream.start();
  return {
    stream,
    stop: () => {
      unfollow();
      stream.stop();
    },
  };
}

async function socketUrl(api: ApiClient, path: string, pageUrl: string): Promise<string> {
  const ticket = await wsTicket(api);
  const url = new URL(path || '/ws', pageUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('ticket', ticket.ticket);
  return url.toString();
}
