// The room session without a page or a DOM: fake API answers (through the real ApiClient, so the wire paths are
// checked too), fake sockets under the real EventStream, a recording media session, and timers that move when told.
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../src/api/http';
import type { JoinAnswer, MediaGrant, RoomDetail, StageRole } from '../src/api/types';
import type { TribuneHooks } from '../src/hooks';
import { GRANT_RETRY_MS } from '../src/room/grantRefresh';
import { JOIN_JITTER_MS } from '../src/room/joinLine';
import { RoomSession } from '../src/room/roomSession';
import type { RoomChat, RoomView } from '../src/room/roomSessionOptions';
import { FakeTimers, flush } from './fakeTimers';
import { detail, FakeMedia, FakeSocket, HOST, ROOM } from './roomFakes';

const LISA = '0190a0b0-1234-7abc-8def-0000000000l1';
const GRANT_LIFE_MS = 600_000;

type Reply = { status: number; body?: unknown };


function problem(status: number, kind: string): Reply {
  return { status, body: { type: `https://tribune.dev/problems/${kind}`, title: kind, detail: kind } };
}

/** A room session for `userId`, with every collaborator a fake; `answers` overrides a call's reply. */
function setup(userId: string, role: StageRole, options: { muted?: boolean; inviteCode?: string; unsupported?: boolean } = {}) {
  const timers = new FakeTimers();
  const calls: string[] = [];
  const answers = new Map<string, Array<Reply | (() => Promise<Reply>)>>();
  let joins = 0;
  let me: RoomDetail['me'] = null;
  const grant = (): MediaGrant => ({
    provider: 'fake',
    token: `grant-${joins}`,
    expiresAt: new Date(timers.now() + GRANT_LIFE_MS).toISOString(),
    canPublish: role !== 'AUDIENCE',
    connection: {},
  });
  const fetchFn = async (url: string, init: RequestInit): Promise<Response> => {
    const call = `${init.method} ${url}`;
    calls.push(call);
    const queued = answers.get(call)?.shift();
    let reply: Reply;
    if (queued) {
      reply = typeof queued === 'function' ? await queued() : queued;
    } else if (call.startsWith(`GET /api/v1/rooms/${ROOM}`) && !call.includes('/messages')) {
      reply = { status: 200, body: detail(me) };
    } else if (call === `POST /api/v1/rooms/${ROOM}/join`) {
      joins += 1;
      me = { role, handRaised: false, muted: options.muted ?? true, forcedMute: false, invited: false };
      const answer: JoinAnswer = { participant: { userId, role, handRaised: false, muted: me.muted }, media: grant(), events: { url: '/ws', roomSeq: 5 } };
      reply = { status: 200, body: answer };
    } else if (call === 'POST /api/v1/auth/ws-ticket') {
      reply = { status: 201, body: { ticket: 'tkt', expiresAt: new Date(timers.now() + 30_000).toISOString() } };
    } else {
      reply = { status: 204 };
    }
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), { status: reply.status, headers: { 'Content-Type': 'application/json' } });
  };
  const api = new ApiClient(fetchFn as unknown as typeof fetch);
  const sockets: FakeSocket[] = [];
  const medias: FakeMedia[] = [];
  const notices = new Map<string, string>();
  const view: RoomView & { changes: number } = {
    changes: 0,
    changed: () => void (view.changes += 1),
    statusChanged: () => undefined,
    notice: (key, text) => void notices.set(key, text),
    clearNotice: (key) => void notices.delete(key),
    speaking: () => undefined,
    audioWarnings: () => undefined,
  };
  const chat: RoomChat & { log: string[] } = {
    log: [],
    start: async () => void chat.log.push('start'),
    reload: async () => void chat.log.push('reload'),
    stop: () => void chat.log.push('stop'),
    setChatMuted: (muted) => void chat.log.push(`muted ${muted}`),
    onEvent: (type) => void chat.log.push(type),
  };
  const hooks: Pick<TribuneHooks, 'media' | 'socketErrors'> = { media: null, socketErrors: [] };
  const tokenListeners: Array<(token: string) => void> = [];
  const session = new RoomSession({
    api,
    roomId: ROOM,
    inviteCode: options.inviteCode ?? null,
    auth: {
      userId: () => userId,
      refresh: async () => true,
      onAccessToken: (listener) => {
        tokenListeners.push(listener);
        return () => tokenListeners.splice(tokenListeners.indexOf(listener), 1);
      },
    },
    openSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    pageUrl: () => `https://tribune.example/rooms/${ROOM}`,
    createMedia: (provider) => {
      if (options.unsupported) throw new Error(`This browser cannot use the "${provider}" audio provider.`);
      const media = new FakeMedia(provider);
      medias.push(media);
      return media;
    },
    audioOutlet: {} as HTMLElement,
    chat,
    view,
    hooks,
    timers,
  });
  const socket = (): FakeSocket => sockets[sockets.length - 1] as FakeSocket;
  const media = (): FakeMedia => medias[medias.length - 1] as FakeMedia;
  /** Opens the room, joins, and takes the first subscription live. */
  const joinLive = async (): Promise<void> => {
    await session.open(false);
    await session.join();
    await flush();
    socket().open();
    socket().receive({ op: 'subscribed', roomId: ROOM, seq: 5 });
    await flush();
  };
  const joinCalls = () => calls.filter((c) => c === `POST /api/v1/rooms/${ROOM}/join`).length;
  return { session, timers, calls, answers, sockets, socket, medias, media, notices, view, chat, hooks, tokenListeners, joinLive, joinCalls };
}

describe('room session', () => {
  it('before joining: reads the room, offers nothing live, no status', async () => {
    const t = setup(LISA, 'AUDIENCE');
    await t.session.open(false);
    expect(t.calls).toEqual([`GET /api/v1/rooms/${ROOM}`]);
    expect(t.session.state?.name).toBe('Open mic');
    expect(t.session.joined).toBe(false);
    expect(t.session.shownStatus).toBe('');
    expect(t.sockets).toHaveLength(0);
  });

  it('an invite code from a shared link goes with the read and the join', async () => {
    const t = setup(LISA, 'AUDIENCE', { inviteCode: 'c0de' });
    await t.session.open(true);
    expect(t.calls.slice(0, 2)).toEqual([`GET /api/v1/rooms/${ROOM}?inviteCode=c0de`, `POST /api/v1/rooms/${ROOM}/join`]);
  });

  it('join -> grant: subscribes from the join’s roomSeq with a ws-ticket; once subscribed the media session joins with the grant', async () => {
    const t = setup(HOST, 'HOST');
    await t.session.open(false);
    await t.session.join();
    await flush();
    expect(t.calls).toEqual([`GET /api/v1/rooms/${ROOM}`, `POST /api/v1/rooms/${ROOM}/join`, `GET /api/v1/rooms/${ROOM}`, 'POST /api/v1/auth/ws-ticket']);
    expect(t.session.joined).toBe(true);
    expect(t.session.shownStatus).toBe('joining');
    expect(t.socket().url).toBe('wss://tribune.example/ws?ticket=tkt');
    expect(t.chat.log).toContain('start');
    expect(t.medias).toHaveLength(0); // no media before the stream is live

    t.socket().open();
    expect(t.socket().sent[0]).toEqual({ op: 'subscribe', roomId: ROOM, since: 5 });
    t.socket().receive({ op: 'subscribed', roomId: ROOM, seq: 5 });
    await flush();
    expect(t.session.shownStatus).toBe('live');
    expect(t.media().provider).toBe('fake');
    expect(t.media().joinedWith?.token).toBe('grant-1');
    expect(t.media().context?.stage).toMatchObject({ myUserId: HOST, myRole: 'HOST' });
    expect(t.hooks.media).toBe(t.media());
    // a HOST starts muted: the track follows
    expect(t.media().microphone).toEqual([false]);
  });

  it('a panel member the server remembers unmuted is muted again before any Unmute exists', async () => {
    const t = setup(HOST, 'HOST', { muted: false });
    await t.joinLive();
    expect(t.calls).toContain(`PUT /api/v1/rooms/${ROOM}/participants/${HOST}/mute`);
    expect(t.session.state?.me?.muted).toBe(true);
    expect(t.media().microphone).toEqual([false]);
  });

  it('a refused join says why; a room that ended shows ended', async () => {
    const banned = setup(LISA, 'AUDIENCE');
    banned.answers.set(`POST /api/v1/rooms/${ROOM}/join`, [problem(403, 'banned')]);
    await banned.session.open(true);
    expect(banned.session.joined).toBe(false);
    expect(banned.session.shownStatus).toBe('');
    expect(banned.notices.get('room')).toBe('You cannot join this room: you were banned from it.');

    const ended = setup(LISA, 'AUDIENCE');
    ended.answers.set(`POST /api/v1/rooms/${ROOM}/join`, [problem(409, 'room-ended')]);
    await ended.session.open(true);
    expect(ended.session.shownStatus).toBe('ended');
    expect(ended.notices.get('room')).toBe('This room has ended.');
  });

  it('a room that cannot be read is unavailable', async () => {
    const t = setup(LISA, 'AUDIENCE');
    t.answers.set(`GET /api/v1/rooms/${ROOM}`, [{ status: 404, body: { title: 'Not Found' } }]);
    await t.session.open(true);
    expect(t.session.unavailable).toBe(true);
    expect(t.notices.get('room')).toBe('This room does not exist, or you cannot see it.');
  });

  it('the grant is refreshed (a new join) a minute before it expires, handed to the media, and planned again', async () => {
    const t = setup(LISA, 'AUDIENCE');
    await t.joinLive();
    expect(t.joinCalls()).toBe(1);
    t.timers.advance(GRANT_LIFE_MS - 60_000 - 1);
    await flush();
    expect(t.joinCalls()).toBe(1);
    t.timers.advance(1);
    await flush();
    expect(t.joinCalls()).toBe(2);
    expect(t.media().grants.map((g) => g.token)).toEqual(['grant-2']);
    t.timers.advance(GRANT_LIFE_MS - 60_000);
    await flush();
    expect(t.joinCalls()).toBe(3);
  });

  it('a grant refresh that fails is tried again after a while; one refused because the room ended ends it', async () => {
    const t = setup(LISA, 'AUDIENCE');
    await t.joinLive();
    t.answers.set(`POST /api/v1/rooms/${ROOM}/join`, [{ status: 503, body: {} }, problem(409, 'room-ended')]);
    t.timers.advance(GRANT_LIFE_MS - 60_000);
    await flush();
    expect(t.joinCalls()).toBe(2);
    t.timers.advance(GRANT_RETRY_MS);
    await flush();
    expect(t.joinCalls()).toBe(3);
    expect(t.session.shownStatus).toBe('ended');
    expect(t.notices.get('room')).toBe('The room has ended.');
    expect(t.media().left).toBe(true);
  });

  it('a media.grant event (after promotion) replaces the grant and its refresh', async () => {
    const t = setup(LISA, 'AUDIENCE');
    await t.joinLive();
    const fresh: MediaGrant = { provider: 'fake', token: 'promoted', expiresAt: new Date(t.timers.now() + 2 * GRANT_LIFE_MS).toISOString(), canPublish: true, connection: {} };
    t.socket().event(6, 'media.grant', { userId: LISA, media: fresh });
    expect(t.media().grants).toEqual([fresh]);
    t.timers.advance(GRANT_LIFE_MS);
    await flush();
    expect(t.joinCalls()).toBe(1); // the old grant's refresh was replaced
    t.timers.advance(GRANT_LIFE_MS);
    await flush();
    expect(t.joinCalls()).toBe(2);
  });

  it('the room moved to another provider: the notice says so and its grant replaces the media session, the room kept', async () => {
    const t = setup(HOST, 'HOST');
    await t.joinLive();
    await t.session.stage.unmute();
    const before = t.media();
    expect(before.microphone.at(-1)).toBe(true);
    const streams = t.sockets.length;
    before.context?.onConnectionState?.('reconnecting'); // its provider is down: the page says it reconnects
    expect(t.notices.get('media-connection')).toBe('Audio connection lost: reconnecting…');
    t.socket().event(6, 'room.provider_changed', { from: 'fake', to: 'mesh' });
    expect(t.session.state?.provider).toBe('mesh');
    expect(t.notices.get('media-moved')).toBe('fake could not be reached, so this room\'s audio moved to mesh.');
    const moved: MediaGrant = { provider: 'mesh', token: null, expiresAt: new Date(t.timers.now() + GRANT_LIFE_MS).toISOString(), canPublish: true, connection: {} };
    t.socket().event(7, 'media.grant', { userId: HOST, media: moved });
    await flush();
    expect(before.left).toBe(true);
    expect(t.media()).not.toBe(before);
    expect(t.media().provider).toBe('mesh');
    expect(t.media().joinedWith).toEqual(moved);
    expect(t.media().microphone).toEqual([true]); // unmuted before, so unmuted on the new provider
    expect(t.sockets).toHaveLength(streams); // the same event stream: no page reload, no new join
    expect(t.joinCalls()).toBe(1);
    expect(t.session.shownStatus).toBe('live');
    expect(t.notices.has('media-connection')).toBe(false); // the old provider's reconnecting is not left on screen
  });

  it('mesh signals that come before the mesh session starts (others switched first) reach it once it joins', async () => {
    const t = setup(HOST, 'HOST');
    await t.joinLive();
    t.socket().receive({ op: 'signal', roomId: ROOM, from: LISA, data: { type: 'ready' } });
    const moved: MediaGrant = { provider: 'mesh', token: null, expiresAt: new Date(t.timers.now() + GRANT_LIFE_MS).toISOString(), canPublish: true, connection: {} };
    t.socket().event(6, 'media.grant', { userId: HOST, media: moved });
    await flush();
    const heard: Array<[string, unknown]> = [];
    t.media().context?.signalling.onSignal((from, data) => heard.push([from, data]));
    await flush();
    expect(heard).toEqual([[LISA, { type: 'ready' }]]);
  });

  it('an empty media.grant (the vendor closed its room) joins again and hands the new grant to the media', async () => {
    const t = setup(LISA, 'AUDIENCE');
    await t.joinLive();
    t.socket().event(6, 'media.grant', { userId: LISA, media: {} });
    await flush();
    expect(t.joinCalls()).toBe(2);
    expect(t.media().grants).toHaveLength(1);
    expect(t.media().grants[0]).toHaveProperty('provider');
  });

  it('reconnects after a drop and resubscribes from the last event seen; the media is told it resumed', async () => {
    const t = setup(LISA, 'AUDIENCE');
    await t.joinLive();
    const first = t.socket();
    first.event(9, 'room.counts', { participantCount: 4, speakerCount: 1 });
    first.onclose?.({ code: 1006, reason: '' });
    expect(t.session.shownStatus).toBe('reconnecting');
    t.timers.advance(1000);
    await flush();
    const second = t.socket();
    expect(second).not.toBe(first);
    second.open();
    expect(second.sent[0]).toEqual({ op: 'subscribe', roomId: ROOM, since: 9 });
    second.receive({ op: 'subscribed', roomId: ROOM, seq: 9 });
    await flush();
    expect(t.session.shownStatus).toBe('live');
    expect(t.medias).toHaveLength(1);
    expect(t.media().changes).toContainEqual({ kind: 'resumed' });
  });

  it('after a gap (since_expired): reads the room again, reloads the chat, then applies what arrived meanwhile in order', async () => {
    const t = setup(LISA, 'AUDIENCE');
    await t.joinLive();
    let answerRead: (reply: Reply) => void = () => undefined;
    t.answers.set(`GET /api/v1/rooms/${ROOM}`, [() => new Promise<Reply>((resolve) => (answerRead = resolve))]);
    t.socket().receive({ op: 'error', code: 'since_expired', message: 'gone' });
    expect(t.socket().sent.at(-1)).toEqual({ op: 'subscribe', roomId: ROOM });
    t.socket().receive({ op: 'subscribed', roomId: ROOM, seq: 40 });
    await flush();
    expect(t.chat.log).toContain('reload');
    t.socket().event(41, 'room.counts', { participantCount: 12, speakerCount: 2 });
    expect(t.session.state?.audienceCount).toBe(2); // held until the fresh read is in
    const me = { role: 'AUDIENCE' as const, handRaised: false, muted: true, forcedMute: false, invited: false };
    answerRead({ status: 200, body: detail(me, { name: 'Open mic, renamed', audienceCount: 7 }) });
    await flush();
    expect(t.session.state?.name).toBe('Open mic, renamed');
    expect(t.session.state?.audienceCount).toBe(10);
  });

  it('no longer counted in the room (not_participant): joins again, hands the grant over, resubscribes', async () => {
    const t = setup(LISA, 'AUDIENCE');
    await t.joinLive();
    t.socket().receive({ op: 'error', code: 'not_participant', message: 'gone' });
    await flush();
    expect(t.joinCalls()).toBe(2);
    expect(t.media().grants.map((g) => g.token)).toEqual(['grant-2']);
    expect(t.socket().sent.at(-1)).toEqual({ op: 'subscribe', roomId: ROOM, since: 5 });
  });

  it('no longer counted, in a join storm: waits its turn in line as told, then resubscribes', async () => {
    const t = setup(LISA, 'AUDIENCE');
    await t.joinLive();
    t.answers.set(`POST /api/v1/rooms/${ROOM}/join`, [{ status: 429, body: { type: '/problems/join-queued', title: 'Join queued', detail: 'wait', position: 3, queueToken: 'q' } }]);
    t.socket().receive({ op: 'error', code: 'not_participant', message: 'gone' });
    await flush();
    expect(t.joinCalls()).toBe(2);
    expect(t.notices.has('room')).toBe(false);
    t.timers.advance(1_000 + JOIN_JITTER_MS); // no Retry-After header: a second
    await flush();
    expect(t.joinCalls()).toBe(3);
    expect(t.media().grants.map((g) => g.token)).toEqual(['grant-2']);
    expect(t.socket().sent.at(-1)).toEqual({ op: 'subscribe', roomId: ROOM, since: 5 });
  });

  it('promotion: the media is told my new place (it publishes, muted) and I am told I am muted', async () => {
    const t = setup(LISA, 'AUDIENCE');
    await t.joinLive();
    t.socket().event(6, 'role.changed', { userId: LISA, role: 'SPEAKER', by: HOST });
    expect(t.media().lastStage()).toMatchObject({ kind: 'stage', stage: { myUserId: LISA, myRole: 'SPEAKER' } });
    expect(t.notices.get('stage')).toContain('muted');
    expect(t.session.state?.me?.muted).toBe(true);

    await t.session.stage.unmute();
    expect(t.calls).toContain(`DELETE /api/v1/rooms/${ROOM}/participants/${LISA}/mute`);
    expect(t.media().microphone.at(-1)).toBe(true);
  });

  it('demotion and a moderator’s mute stop publishing: the microphone goes off', async () => {
    const t = setup(LISA, 'AUDIENCE');
    await t.joinLive();
    t.socket().event(6, 'role.changed', { userId: LISA, role: 'SPEAKER', by: HOST });
    await t.session.stage.unmute();
    t.socket().event(7, 'participant.muted', { userId: LISA, by: HOST, forced: true });
    expect(t.media().microphone.at(-1)).toBe(false);
    expect(t.notices.get('stage')).toContain('A moderator muted you');
    await t.session.stage.unmute().catch(() => undefined);
    t.socket().event(8, 'role.changed', { userId: LISA, role: 'AUDIENCE', by: HOST });
    expect(t.media().microphone.at(-1)).toBe(false);
    expect(t.media().lastStage()).toMatchObject({ stage: { myRole: 'AUDIENCE' } });
    expect(t.notices.get('stage')).toBe("You're back in the audience.");
  });

  it('removal leaves the media, stops the stream and the grant refresh', async () => {
    const t = setup(LISA, 'AUDIENCE');
    await t.joinLive();
    t.socket().event(6, 'participant.removed', { userId: LISA, by: HOST, banned: true });
    expect(t.media().left).toBe(true);
    expect(t.hooks.media).toBeNull();
    expect(t.socket().readyState).toBe(3);
    expect(t.socket().sent.at(-1)).toEqual({ op: 'unsubscribe', roomId: ROOM });
    expect(t.session.joined).toBe(false);
    expect(t.session.shownStatus).toBe('ended');
    expect(t.notices.get('room')).toBe('You were removed from the room and cannot come back.');
    expect(t.timers.pendingTimeouts()).toEqual([]);
  });

  it('the room ending stops everything: media, stream, chat, timers; nothing is tried again', async () => {
    const t = setup(HOST, 'HOST');
    await t.joinLive();
    t.tokenListeners[0]?.('fresh-token');
    expect(t.socket().sent.at(-1)).toEqual({ op: 'auth', accessToken: 'fresh-token' });
    t.socket().event(6, 'room.ended', { by: HOST });
    expect(t.media().left).toBe(true);
    expect(t.socket().readyState).toBe(3);
    expect(t.chat.log.at(-1)).toBe('stop');
    expect(t.session.shownStatus).toBe('ended');
    expect(t.notices.get('room')).toBe('The room has ended.');
    expect(t.tokenListeners).toHaveLength(0);
    expect(t.timers.pendingTimeouts()).toEqual([]);
    t.timers.advance(3 * GRANT_LIFE_MS);
    await flush();
    expect(t.joinCalls()).toBe(1);
    expect(t.sockets).toHaveLength(1);
  });

  it('closing the page after joining leaves the room; leaving on purpose does too', async () => {
    const t = setup(LISA, 'AUDIENCE');
    await t.joinLive();
    t.session.close();
    await flush();
    expect(t.calls.at(-1)).toBe(`POST /api/v1/rooms/${ROOM}/leave`);
    expect(t.media().left).toBe(true);

    const u = setup(LISA, 'AUDIENCE');
    await u.joinLive();
    await u.session.leave();
    expect(u.calls.at(-1)).toBe(`POST /api/v1/rooms/${ROOM}/leave`);
    expect(u.session.joined).toBe(false);
    expect(u.media().left).toBe(true);
  });

  it('a provider this browser cannot speak is said, and the room goes on without media', async () => {
    const t = setup(LISA, 'AUDIENCE', { unsupported: true });
    await t.joinLive();
    expect(t.notices.get('media')).toContain('cannot use');
    expect(t.session.shownStatus).toBe('live');
    expect(t.hooks.media).toBeNull();
  });
});
