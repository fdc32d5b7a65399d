// @vitest-environment jsdom
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { MediaGrant } from '../src/api/types';
import type {
  AttachOptions,
  JanusHandle,
  JanusLib,
  JanusSession,
  Jsep,
  SessionOptions,
  TrackOption,
} from '../src/media/janus/janusLib';
import { janusVendorLib } from '../src/media/janus/janusConnection';
import { LIST_POLL_MS, LIST_SOON_MS } from '../src/media/janus/janusFeeds';
import { JanusMediaSession } from '../src/media/janus/janusMediaSession';
import { flush } from './fakeTimers';
import { harness, ME, stage } from './fakeVendor';
import { vendorSessionSuite } from './vendorSessionSuite';

type Sent = { message: Record<string, unknown>; jsep?: Jsep | undefined };

class FakeHandle implements JanusHandle {
  readonly sent: Sent[] = [];
  offerTracks: TrackOption[] | null = null;
  answerTracks: TrackOption[] | null = null;
  remoteJsep: Jsep | null = null;
  hangups = 0;
  detached = false;
  bytesReceived = 0;
  readonly webrtcStuff: { pc: RTCPeerConnection };

  constructor(
    readonly id: number,
    readonly options: AttachOptions,
    private readonly lib: FakeJanus,
  ) {
    const handle = this;
    this.webrtcStuff = {
      pc: {
        getStats: async () =>
          new Map([['in', { type: 'inbound-rtp', kind: 'audio', bytesReceived: handle.bytesReceived, packetsReceived: handle.bytesReceived / 100, audioLevel: 0.5 }]]),
      } as unknown as RTCPeerConnection,
    };
  }
  getId(): number {
    return this.id;
  }
  send(p: { message: Record<string, unknown>; jsep?: Jsep; success?: (d?: unknown) => void; error?: (e: string) => void }): void {
    this.sent.push({ message: p.message, jsep: p.jsep });
    const refusal = this.lib.refuse(p.message, p.jsep);
    if (refusal) p.error?.(refusal);
    else p.success?.(this.lib.answerFor(p.message));
  }
  createOffer(p: { tracks: TrackOption[]; success: (jsep: Jsep) => void }): void {
    this.offerTracks = p.tracks;
    p.success({ type: 'offer', sdp: 'v=0 offer' });
  }
  createAnswer(p: { jsep: Jsep; tracks: TrackOption[]; success: (jsep: Jsep) => void }): void {
    this.answerTracks = p.tracks;
    p.success({ type: 'answer', sdp: 'v=0 answer' });
  }
  handleRemoteJsep(p: { jsep: Jsep }): void {
    this.remoteJsep = p.jsep;
  }
  hangup(): void {
    this.hangups++;
  }
  detach(): void {
    this.detached = true;
  }
  /** Janus sends this handle an event. */
  emit(data: Record<string, unknown>, jsep?: Jsep): void {
    this.options.onmessage(data, jsep);
  }
  requests(): string[] {
    return this.sent.map((s) => String(s.message.request));
  }
  /** A subscriber handle's feed. */
  feed(): string | null {
    const join = this.sent.find((s) => s.message.ptype === 'subscriber');
    return join ? String((join.message.streams as Array<{ feed: string }>)[0]?.feed) : null;
  }
}

class FakeSession implements JanusSession {
  readonly handles: FakeHandle[] = [];
  destroyed = false;
  token: string | null;
  constructor(
    readonly options: SessionOptions,
    private readonly lib: FakeJanus,
  ) {
    this.token = options.token;
  }
  getSessionId(): number {
    return this.lib.sessions.indexOf(this) + 1;
  }
  attach(options: AttachOptions): void {
    const handle = new FakeHandle(this.handles.length + 1, options, this.lib);
    this.handles.push(handle);
    options.success(handle);
  }
  destroy(): void {
    this.destroyed = true;
  }
  renewToken(token: string | null): void {
    this.token = token;
  }
  /** The room (participant) handles, oldest first. */
  roomHandles(): FakeHandle[] {
    return this.handles.filter((h) => h.sent.some((s) => s.message.ptype === 'publisher' && s.message.request === 'join'));
  }
  room(): FakeHandle {
    const all = this.roomHandles();
    const last = all[all.length - 1];
    if (!last) throw new Error('no room handle');
    return last;
  }
  subscribers(): FakeHandle[] {
    return this.handles.filter((h) => h.feed() !== null && !h.detached);
  }
  subscriber(feed: string): FakeHandle | undefined {
    return this.subscribers().find((h) => h.feed() === feed);
  }
}

/** janus.js replaced: sessions succeed (asynchronously, as janus.js does) unless `failCreate`. */
class FakeJanus implements JanusLib {
  readonly sessions: FakeSession[] = [];
  failCreate = false;
  /** Requests the relay refuses (433), by request name; `publisherJoin` for a publisher `join`. */
  readonly refusing = new Set<string>();
  participants: Array<{ id: string; publisher: boolean }> = [];

  createSession(options: SessionOptions): JanusSession {
    const session = new FakeSession(options, this);
    this.sessions.push(session);
    const fail = this.failCreate;
    queueMicrotask(() => (fail ? options.error('Probably a network error, is the server down?') : options.success()));
    return session;
  }
  refuse(message: Record<string, unknown>, jsep?: Jsep): string | null {
    const name = message.request === 'join' && message.ptype === 'publisher' ? 'publisherJoin' : String(message.request);
    if (this.refusing.has(name) || (jsep?.type === 'offer' && this.refusing.has('offers'))) return '433 Unauthorized (not allowed to publish)';
    return null;
  }
  answerFor(message: Record<string, unknown>): unknown {
    return message.request === 'listparticipants' ? { videoroom: 'participants', participants: this.participants } : undefined;
  }
  last(): FakeSession {
    const s = this.sessions[this.sessions.length - 1];
    if (!s) throw new Error('no session');
    return s;
  }
}

const GRANT: MediaGrant = {
  provider: 'janus',
  token: 'tok-1',
  expiresAt: '2026-11-22T10:10:00Z',
  canPublish: false,
  connection: { server: '/janus', room: 'room-1', iceServers: [] },
};

vendorSessionSuite('janus', (lib, timers) => new JanusMediaSession(lib, timers), GRANT, {
  error: '433 Unauthorized (not allowed to publish)',
  code: 'janus_433',
});

function setup() {
  const janus = new FakeJanus();
  const h = harness();
  const track = { kind: 'audio', enabled: true, stopped: false, stop() { this.stopped = true; } };
  const stream = { getAudioTracks: () => [track], getTracks: () => [track] } as unknown as MediaStream;
  const getUserMedia = vi.fn(async () => stream);
  const media = new JanusMediaSession(async () => janusVendorLib(janus, h.timers, getUserMedia), h.timers);
  return { ...h, janus, track, getUserMedia, media };
}

/** Janus offers a subscription; the remote track arrives. */
function deliverAudio(handle: FakeHandle): void {
  handle.emit({ videoroom: 'attached', room: 'room-1', streams: [{ type: 'audio', mid: '0' }] }, { type: 'offer', sdp: 'v=0 janus offer' });
  handle.options.onremotetrack?.({ kind: 'audio', id: `t${handle.id}` } as MediaStreamTrack, '0', true);
}

beforeAll(() => {
  (globalThis as { MediaStream?: unknown }).MediaStream = class {
    constructor(readonly tracks: unknown[]) {}
  };
  HTMLMediaElement.prototype.play = () => Promise.resolve();
});

describe('Janus connection (janus.js replaced)', () => {
  it('connects to the relay with the grant’s token and exactly its ICE servers, and joins as a participant', async () => {
    const t = setup();
    await t.media.join(GRANT, t.context(stage('AUDIENCE')));
    await flush();
    const session = t.janus.last();
    expect(session.options.server).toBe(new URL('/janus', location.href).toString());
    expect(session.options.iceServers).toEqual([]);
    expect(session.options.iceTransportPolicy).toBe('all');
    expect(session.options.token).toBe('tok-1');
    expect(session.room().sent[0]?.message).toEqual({ request: 'join', ptype: 'publisher', room: 'room-1', id: ME });
    expect(t.getUserMedia).not.toHaveBeenCalled();
    expect(session.room().offerTracks).toBeNull();
  });

  it('hands janus.js the grant’s TURN server and relay-only policy when the operator hides addresses', async () => {
    const t = setup();
    const turn = { urls: ['turn:turn.example.org:3478'], username: '1767225600:me', credential: 'c' };
    await t.media.join({ ...GRANT, connection: { ...GRANT.connection, iceServers: [turn], iceTransportPolicy: 'relay' } },
      t.context(stage('AUDIENCE')));
    await flush();
    expect(t.janus.last().options).toMatchObject({ iceServers: [turn], iceTransportPolicy: 'relay' });
  });

  it('subscribes once per other publisher, never to myself; drops unpublished, leaving and kicked feeds', async () => {
    const t = setup();
    await t.media.join(GRANT, t.context(stage('AUDIENCE')));
    await flush();
    const session = t.janus.last();
    const room = session.room();
    room.emit({ videoroom: 'joined', room: 'room-1', id: ME, publishers: [{ id: 'u-a' }, { id: ME }, { id: 'u-b' }] });
    expect(session.subscribers().map((h) => h.feed())).toEqual(['u-a', 'u-b']);
    const a = session.subscriber('u-a')!;
    expect(a.sent[0]?.message).toEqual({ request: 'join', ptype: 'subscriber', room: 'room-1', streams: [{ feed: 'u-a' }] });

    deliverAudio(a);
    expect(a.answerTracks).toEqual([{ type: 'audio', capture: false, recv: true }]);
    expect(a.sent[1]).toEqual({ message: { request: 'start', room: 'room-1' }, jsep: { type: 'answer', sdp: 'v=0 answer' } });
    const audio = t.outlet.querySelector('[data-testid="audio-u-a"]') as HTMLAudioElement;
    expect(audio.autoplay).toBe(true);

    room.emit({ videoroom: 'event', publishers: [{ id: 'u-c' }, { id: 'u-a' }] });
    expect(session.subscribers().map((h) => h.feed())).toEqual(['u-a', 'u-b', 'u-c']);

    room.emit({ videoroom: 'event', unpublished: 'u-a' });
    expect(a.detached).toBe(true);
    expect(t.outlet.querySelector('[data-testid="audio-u-a"]')).toBeNull();
    room.emit({ videoroom: 'event', leaving: 'u-b' });
    room.emit({ videoroom: 'event', kicked: 'u-c' });
    expect(session.subscribers()).toEqual([]);

    room.emit({ videoroom: 'event', publishers: [{ id: 'u-a' }] });
    expect(session.subscribers().map((h) => h.feed())).toEqual(['u-a']);
  });

  it('a speaker publishes audio only, sendonly, muted until Unmute', async () => {
    const t = setup();
    await t.media.join({ ...GRANT, canPublish: true }, t.context(stage('SPEAKER')));
    await flush();
    const room = t.janus.last().room();
    room.emit({ videoroom: 'joined', room: 'room-1', id: ME, publishers: [] });
    await flush();
    expect(room.offerTracks).toEqual([{ type: 'audio', capture: t.track, recv: false }]);
    expect(room.sent[1]).toEqual({ message: { request: 'publish', audio: true, video: false }, jsep: { type: 'offer', sdp: 'v=0 offer' } });
    expect(t.track.enabled).toBe(false);
    room.emit({ videoroom: 'event', configured: 'ok' }, { type: 'answer', sdp: 'v=0 janus answer' });
    expect(room.remoteJsep).toEqual({ type: 'answer', sdp: 'v=0 janus answer' });
    await t.media.setMicrophone(true);
    expect(t.track.enabled).toBe(true);
    await t.media.setMicrophone(false);
    expect(t.track.enabled).toBe(false);
  });

  it('publishes on promotion (role and grant), unpublishes and hangs up on demotion', async () => {
    const t = setup();
    await t.media.join(GRANT, t.context(stage('AUDIENCE')));
    await flush();
    const room = t.janus.last().room();
    room.emit({ videoroom: 'joined', room: 'room-1', id: ME, publishers: [{ id: 'u-host' }] });

    t.media.roomChanged({ kind: 'stage', stage: stage('SPEAKER') });
    await flush();
    expect(room.requests()).not.toContain('publish'); // the grant does not say so yet
    await t.media.updateGrant({ ...GRANT, token: 'tok-2', canPublish: true });
    await flush();
    expect(room.requests()).toContain('publish');
    expect(t.janus.last().token).toBe('tok-2');
    expect(t.track.enabled).toBe(false);

    t.media.roomChanged({ kind: 'stage', stage: stage('AUDIENCE') });
    expect(room.requests()).toContain('unpublish');
    expect(room.hangups).toBe(1);
    expect(t.track.stopped).toBe(true);
    expect(t.janus.last().subscriber('u-host')).toBeDefined(); // still hearing the stage
  });

  it('after the server kicks my publisher, no publishing again while AUDIENCE; again once promoted', async () => {
    const t = setup();
    await t.media.join({ ...GRANT, canPublish: true }, t.context(stage('SPEAKER')));
    await flush();
    const session = t.janus.last();
    const first = session.room();
    first.emit({ videoroom: 'joined', room: 'room-1', id: ME, publishers: [] });
    await flush();
    expect(first.requests().filter((r) => r === 'publish')).toHaveLength(1);

    // the adapter kicked me (demoted) before role.changed reached this client
    first.emit({ videoroom: 'event', leaving: 'ok', reason: 'kicked' });
    expect(first.detached).toBe(true);
    const second = session.room();
    expect(second).not.toBe(first);
    second.emit({ videoroom: 'joined', room: 'room-1', id: ME, publishers: [] });
    await flush();
    expect(second.requests()).not.toContain('publish'); // the role still said SPEAKER, but the server said no

    t.media.roomChanged({ kind: 'stage', stage: stage('AUDIENCE') });
    await t.media.updateGrant({ ...GRANT, token: 'tok-2', canPublish: false });
    await flush();
    expect(second.requests()).not.toContain('publish');

    t.media.roomChanged({ kind: 'stage', stage: stage('SPEAKER') });
    await t.media.updateGrant({ ...GRANT, token: 'tok-3', canPublish: true });
    await flush();
    expect(second.requests().filter((r) => r === 'publish')).toHaveLength(1);
  });

  it('an AUDIENCE member the relay keeps out of the room learns the publishers from listparticipants', async () => {
    const t = setup();
    t.janus.refusing.add('publisherJoin');
    t.janus.participants = [{ id: 'u-host', publisher: true }, { id: 'u-x', publisher: false }, { id: ME, publisher: false }];
    await t.media.join(GRANT, t.context(stage('AUDIENCE')));
    await flush();
    const session = t.janus.last();
    expect(session.subscribers().map((h) => h.feed())).toEqual(['u-host']);
    expect(t.errors).toEqual([]); // an expected refusal is not reported
    t.janus.participants = [{ id: 'u-b', publisher: true }];
    t.timers.advance(LIST_POLL_MS);
    expect(session.subscribers().map((h) => h.feed())).toEqual(['u-b']);
  });

  it('promoted while the relay still keeps me out: the refusal is recorded and the join tried again on the next stage change', async () => {
    const t = setup();
    t.janus.refusing.add('publisherJoin');
    await t.media.join(GRANT, t.context(stage('AUDIENCE')));
    await flush();
    const room = t.janus.last().room();
    t.media.roomChanged({ kind: 'stage', stage: stage('SPEAKER') });
    await t.media.updateGrant({ ...GRANT, token: 'tok-2', canPublish: true });
    await flush();
    expect(room.requests().filter((r) => r === 'join')).toHaveLength(2); // refused again: the relay is behind
    expect(t.errors.map(([code]) => code)).toEqual(['janus_433']);

    t.janus.refusing.delete('publisherJoin');
    t.media.roomChanged({ kind: 'stage', stage: stage('SPEAKER') });
    expect(room.requests().filter((r) => r === 'join')).toHaveLength(3);
    room.emit({ videoroom: 'joined', room: 'room-1', id: ME, publishers: [] });
    await flush();
    expect(room.requests()).toContain('publish');
  });

  it('a kept-out listener looks at the participant list again within a second of a stage change, not only every few seconds', async () => {
    const t = setup();
    t.janus.refusing.add('publisherJoin');
    t.janus.participants = [{ id: 'u-host', publisher: true }];
    await t.media.join(GRANT, t.context(stage('AUDIENCE')));
    await flush();
    const session = t.janus.last();
    expect(session.subscribers().map((h) => h.feed())).toEqual(['u-host']);

    // u-b is promoted: their feed appears shortly after
    t.janus.participants = [{ id: 'u-host', publisher: true }, { id: 'u-b', publisher: true }];
    t.media.roomChanged({ kind: 'stage', stage: stage('AUDIENCE', [['u-host', 'HOST'], ['u-b', 'SPEAKER']]) });
    t.timers.advance(LIST_SOON_MS[1] ?? 800);
    expect(session.subscribers().map((h) => h.feed()).sort()).toEqual(['u-b', 'u-host']);

    // a change that leaves the stage as it was (a chat message, a count) asks nothing more
    t.timers.advance(LIST_SOON_MS[LIST_SOON_MS.length - 1] ?? 2_300); // the first burst is over
    const asked = session.room().requests().filter((r) => r === 'listparticipants').length;
    t.media.roomChanged({ kind: 'stage', stage: stage('AUDIENCE', [['u-host', 'HOST'], ['u-b', 'SPEAKER']]) });
    t.timers.advance(LIST_SOON_MS[LIST_SOON_MS.length - 1] ?? 2_300);
    expect(session.room().requests().filter((r) => r === 'listparticipants')).toHaveLength(asked);
  });

  it('rebuilds a lost session with backoff 1, 2, 4, 8, 10 s and joins again', async () => {
    const t = setup();
    await t.media.join(GRANT, t.context(stage('AUDIENCE')));
    await flush();
    const first = t.janus.last();
    first.room().emit({ videoroom: 'joined', room: 'room-1', id: ME, publishers: [{ id: 'u-host' }] });
    deliverAudio(first.subscriber('u-host')!);

    t.janus.failCreate = true;
    first.options.error('458 Session not found');
    expect(t.states).toEqual(['reconnecting']);
    expect(first.destroyed).toBe(true);
    expect(t.outlet.querySelector('audio')).toBeNull();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const pending = t.timers.pendingTimeouts();
      delays.push(...pending);
      t.timers.advance(pending[0]!);
      await flush();
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
    expect(t.janus.sessions).toHaveLength(7);

    t.janus.failCreate = false;
    t.timers.advance(t.timers.pendingTimeouts()[0]!);
    await flush();
    const fresh = t.janus.last();
    expect(t.states).toEqual(['reconnecting', 'live']);
    expect(fresh.room().requests()).toEqual(['join']);
    fresh.room().emit({ videoroom: 'joined', room: 'room-1', id: ME, publishers: [{ id: 'u-host' }] });
    expect(fresh.subscriber('u-host')).toBeDefined();

    // a callback from the dead session changes nothing
    first.options.error('Lost connection to the server (is it down?)');
    expect(t.states).toEqual(['reconnecting', 'live']);
    expect(t.timers.pendingTimeouts()).toEqual([]);
  });

  it('reports inbound audio per remote user id, and warns about a silent speaker', async () => {
    const t = setup();
    await t.media.join(GRANT, t.context(stage('AUDIENCE', [['u-host', 'HOST'], ['u-a', 'SPEAKER']])));
    await flush();
    const session = t.janus.last();
    session.room().emit({ videoroom: 'joined', room: 'room-1', id: ME, publishers: [{ id: 'u-host' }, { id: 'u-a' }] });
    session.subscriber('u-host')!.bytesReceived = 5000;
    session.subscriber('u-a')!.bytesReceived = 300;
    const stats = await t.media.stats();
    expect(stats).toEqual([
      { userId: 'u-host', bytesReceived: 5000, packetsReceived: 50, audioLevel: 0.5 },
      { userId: 'u-a', bytesReceived: 300, packetsReceived: 3, audioLevel: 0.5 },
    ]);

    for (let i = 0; i < 3; i++) {
      session.subscriber('u-host')!.bytesReceived += 1000; // u-a stays silent
      t.timers.advance(3000);
      await flush();
    }
    expect(t.warnings[t.warnings.length - 1]).toEqual(['u-a']);
    expect(t.frames[t.frames.length - 1]).toMatchObject({ op: 'audio.health', roomId: 'room-1' });
    expect(session.handles.filter((h) => h.feed() === 'u-a')).toHaveLength(2); // resubscribed
  });

  it('forcePublish as AUDIENCE: the relay’s 433 is recorded, nothing crashes, the microphone is released', async () => {
    const t = setup();
    t.janus.refusing.add('offers');
    await t.media.join(GRANT, t.context(stage('AUDIENCE')));
    await flush();
    await t.media.forcePublish();
    const forced = t.janus.last().handles.find((h) => h.requests().includes('joinandconfigure'))!;
    expect(forced.sent[0]?.message).toEqual({ request: 'joinandconfigure', ptype: 'publisher', room: 'room-1', id: ME, audio: true, video: false });
    expect(forced.sent[0]?.jsep?.type).toBe('offer');
    expect(t.errors).toEqual([['janus_433', '433 Unauthorized (not allowed to publish)']]);
    expect(t.media.errors[0]?.code).toBe('janus_433');
    expect(forced.detached).toBe(true);
    expect(t.track.stopped).toBe(true);
  });

  it('leave: leaves the room, detaches, destroys the session, removes the audio', async () => {
    const t = setup();
    await t.media.join(GRANT, t.context(stage('AUDIENCE')));
    await flush();
    const session = t.janus.last();
    session.room().emit({ videoroom: 'joined', room: 'room-1', id: ME, publishers: [{ id: 'u-host' }] });
    const sub = session.subscriber('u-host')!;
    deliverAudio(sub);
    await t.media.leave();
    expect(session.room().requests()).toContain('leave');
    expect(sub.detached).toBe(true);
    expect(session.destroyed).toBe(true);
    expect(t.outlet.querySelector('audio')).toBeNull();
    t.timers.advance(60_000);
    expect(t.janus.sessions).toHaveLength(1);
  });
});
