import type { MediaGrant } from '../../api/types';
import type { Timers } from '../../timers';
import { inboundStats } from '../levels';
import type { RemoteAudioStats, StageView } from '../mediaSession';
import type { VendorConnection, VendorEvents, VendorIdentity, VendorLib } from '../vendorSession';
import type { JanusHandle, JanusLib, JanusSession, Jsep, VideoRoomMessage } from './janusLib';
import { janusErrorCode, readRoomMessage } from './videoRoomEvents';

/** How often the participant list is read when the relay refuses an AUDIENCE member a (passive) publisher join. */
export const LIST_POLL_MS = 3_000;
/** After a stage change, extra looks at the participant list (ms from the change). */
export const LIST_SOON_MS = [300, 800, 1_500, 2_300];
const PLUGIN = 'janus.plugin.videoroom';

/** My participant in the VideoRoom (ptype publisher): it hears about publishers, and publishes when asked. */
interface RoomHandle {
  handle: JanusHandle | null;
  state: 'attaching' | 'joining' | 'joined' | 'refused' | 'gone';
  publishing: 'no' | 'offering' | 'yes';
}

/** One subscription: one feed (= one user id), one handle. */
interface Subscriber {
  feed: string;
  handle: JanusHandle | null;
  closed: boolean;
}

/** The session's publishMicrophone() waiting for Janus's verdict. */
interface PendingPublish {
  enabled: boolean;
  resolve: (track: MediaStreamTrack | null) => void;
  reject: (error: unknown) => void;
}

/** janus.js behind the VendorLib surface: each connect is one Janus session (`JanusConnection`). */
export function janusVendorLib(
  janus: JanusLib,
  timers: Timers,
  getUserMedia: () => Promise<MediaStream> = () => navigator.mediaDevices.getUserMedia({ audio: true, video: false }),
): VendorLib {
  return {
    connect: (grant, me, events) => new JanusConnection(janus, grant, me, events, timers, getUserMedia).open(),
  };
}

/**
 * One Janus session through janus.js, behind the service's relay at /janus (see notes/janus-contract.md): a "room"
 * handle joined as participant (publisher type, id = my user id) that learns who publishes and publishes my
 * microphone (audio only, sendonly) when the session asks; one subscriber handle per other publisher, its track handed
 * to the session to play. An AUDIENCE member the relay keeps out of the room reads the participant list instead. A
 * lost session is reported (`disconnected`): the session makes a new connection.
 */
class JanusConnection implements VendorConnection {
  private session: JanusSession | null = null;
  private closed = false;
  private room: RoomHandle | null = null;
  /** Feeds (user ids) publishing now, as Janus last told. */
  private readonly feeds = new Set<string>();
  private readonly subscribers = new Map<string, Subscriber>();
  private microphone: MediaStream | null = null;
  private pending: PendingPublish | null = null;
  /** Tracks of forced publishes (the test hook), stopped with the connection. */
  private readonly forced = new Set<MediaStreamTrack>();
  private listTimer: unknown = null;
  private listPoll: (() => void) | null = null;
  /** Who is on the stage and muted, as last told: the participant list is looked at again when it changes. */
  private lastPanel = '';
  private readonly roomId: string;

  constructor(
    private readonly janus: JanusLib,
    private readonly grant: MediaGrant,
    private readonly me: VendorIdentity,
    private readonly events: VendorEvents,
    private readonly timers: Timers,
    private readonly getUserMedia: () => Promise<MediaStream>,
  ) {
    const room = grant.connection?.room;
    this.roomId = typeof room === 'string' && room ? room : me.roomId;
  }

  /** Creates the Janus session; resolves once it is up (the room is joined next), rejects if it never comes up. */
  open(): Promise<VendorConnection> {
    const server = this.grant.connection?.server;
    return new Promise((resolve, reject) => {
      let up = false;
      const lost = (reason: string): void => {
        if (this.closed) return;
        if (up) {
          this.lost(reason);
        } else {
          this.teardown();
          reject(reason);
        }
      };
      try {
        this.session = this.janus.createSession({
          server: new URL(typeof server === 'string' && server ? server : '/janus', globalThis.location?.href).toString(),
          // exactly the grant's ICE servers: no public STUN server is ever added
          iceServers: (this.grant.connection?.iceServers ?? []).map((s) => ({ ...s }) as RTCIceServer),
          token: this.grant.token ?? null,
          success: () => {
            if (this.closed) return;
            up = true;
            this.attachRoom();
            resolve(this);
          },
          error: (error) => lost(error),
          destroyed: () => lost('session destroyed'),
        });
      } catch (e) {
        this.teardown();
        reject(e);
      }
    });
  }

  publishMicrophone(enabled: boolean, force = false): Promise<MediaStreamTrack | null> {
    if (force) return this.forcePublish();
    if (this.closed) return Promise.reject(new Error('The Janus session is gone.'));
    this.settle(null);
    return new Promise((resolve, reject) => {
      this.pending = { enabled, resolve, reject };
      this.tryPublish();
    });
  }

  async setMicrophoneEnabled(on: boolean): Promise<void> {
    this.microphone?.getAudioTracks().forEach((track) => (track.enabled = on));
  }

  /** Stops publishing and hangs up the PeerConnection; the participant stays to hear who publishes. */
  async unpublishMicrophone(): Promise<void> {
    this.settle(null);
    const room = this.room;
    if (room && room.publishing !== 'no') {
      room.publishing = 'no';
      room.handle?.send({ message: { request: 'unpublish' }, error: () => undefined });
      quietly(() => room.handle?.hangup(true));
    }
    this.stopMicrophone();
  }

  async remoteAudioStats(): Promise<RemoteAudioStats[]> {
    const all = await Promise.all(
      [...this.subscribers.values()].map((s) => {
        const pc = s.handle?.webrtcStuff?.pc;
        return pc ? inboundStats(s.feed, pc) : Promise.resolve(null);
      }),
    );
    return all.filter((s): s is RemoteAudioStats => s !== null);
  }

  /** A new subscription: a new PeerConnection from Janus. */
  async resubscribe(userId: string): Promise<void> {
    if (this.closed || !this.feeds.has(userId)) return;
    this.unsubscribe(userId, true);
    this.subscribe(userId);
  }

  renewGrant(grant: MediaGrant): void {
    this.session?.renewToken(grant.token);
  }

  stageChanged(stage: StageView): void {
    const panel = stage.panel.map((s) => `${s.userId}:${s.role}:${s.muted}`).sort().join(',');
    if (panel === this.lastPanel) return;
    this.lastPanel = panel;
    this.pollSoon();
  }

  async disconnect(): Promise<void> {
    const room = this.room;
    if (!this.closed && room?.handle && (room.state === 'joined' || room.state === 'joining')) {
      room.handle.send({ message: { request: 'leave' }, error: () => undefined });
    }
    this.teardown();
  }

  // --- the Janus session -----------------------------------------------------------------------------------------

  /** The session is gone: drop it and say so (the media session makes a new connection). */
  private lost(reason: string): void {
    if (this.closed) return;
    this.teardown();
    this.events.disconnected(reason);
  }

  /** Drops every handle (without requests: the session is going) and destroys the session. */
  private teardown(): void {
    this.closed = true;
    this.stopListPolling();
    const room = this.room;
    this.room = null;
    if (room?.handle) quietly(() => room.handle?.hangup(false));
    for (const feed of [...this.subscribers.keys()]) this.unsubscribe(feed, false);
    this.stopMicrophone();
    this.settle(null);
    this.forced.forEach((track) => track.stop());
    this.forced.clear();
    const session = this.session;
    this.session = null;
    quietly(() => session?.destroy({ cleanupHandles: true, notifyDestroyed: false }));
  }

  // --- my participant: join, publish, unpublish ------------------------------------------------------------------

  private attachRoom(): void {
    const session = this.session;
    if (!session || this.closed) return;
    const room: RoomHandle = { handle: null, state: 'attaching', publishing: 'no' };
    this.room = room;
    const mine = (): boolean => this.room === room && !this.closed;
    session.attach({
      plugin: PLUGIN,
      success: (handle) => {
        if (!mine()) {
          handle.detach({ error: () => undefined });
          return;
        }
        room.handle = handle;
        this.joinRoom(room);
      },
      error: (error) => {
        if (!mine()) return;
        this.events.refused(error);
        this.lost(`attach failed: ${error}`);
      },
      onmessage: (data, jsep) => {
        if (mine()) this.onRoomMessage(room, data, jsep);
      },
      webrtcState: (up) => {
        if (mine() && !up && room.publishing === 'yes') {
          room.publishing = 'no';
          this.stopMicrophone();
          this.events.publishingLost('my PeerConnection died');
        }
      },
    });
  }

  /** Joins as a participant (ptype publisher, no media yet): that is how Janus tells who publishes. */
  private joinRoom(room: RoomHandle): void {
    if (!room.handle) return;
    room.state = 'joining';
    room.handle.send({
      message: { request: 'join', ptype: 'publisher', room: this.roomId, id: this.me.userId },
      error: (error) => {
        // an AUDIENCE member is kept out by the relay (433): expected, not reported unless I wanted to publish
        if (this.room === room && !this.closed) this.joinRefused(room, error, janusErrorCode(error) !== 433);
      },
    });
  }

  private joinRefused(room: RoomHandle, error: unknown, report: boolean): void {
    room.state = 'refused';
    const pending = this.pending;
    this.pending = null;
    if (pending) pending.reject(error);
    else if (report) this.events.refused(error);
    // kept out of the room as a participant: learn who publishes by asking
    this.startListPolling(room);
  }

  private onRoomMessage(room: RoomHandle, data: VideoRoomMessage, jsep?: Jsep): void {
    const meaning = readRoomMessage(data, this.me.userId);
    if (meaning.roomDestroyed) {
      this.lost('room destroyed');
      return;
    }
    if (meaning.error) {
      const error = `${meaning.error.code} ${meaning.error.reason}`;
      if (room.state === 'joining') this.joinRefused(room, error, true);
      else if (room.publishing === 'offering') this.publishRefused(room, error);
      else this.events.refused(error);
    }
    if (meaning.joined) {
      room.state = 'joined';
      this.stopListPolling();
      this.setFeeds(meaning.publishers);
    } else {
      meaning.publishers.forEach((feed) => this.addFeed(feed));
    }
    meaning.gone.forEach((feed) => this.dropFeed(feed));
    if (jsep && room.handle) acceptRemoteJsep(room.handle, jsep);
    if (meaning.configured && room.publishing === 'offering') {
      room.publishing = 'yes';
      this.settle(this.microphone?.getAudioTracks()[0] ?? null);
    }
    switch (meaning.me) {
      case 'kicked':
        // the server took my place (demotion): a new participant, publishing only once my role allows it again
        this.replaceRoomHandle(room);
        this.events.publishingStopped('the server kicked my participant');
        return;
      case 'unpublished':
        if (room.publishing !== 'no') {
          room.publishing = 'no';
          quietly(() => room.handle?.hangup(false));
          this.stopMicrophone();
          this.events.publishingStopped('the server unpublished my microphone');
          this.settle(null);
        }
        break;
      case 'left': {
        const was = room.publishing;
        this.replaceRoomHandle(room); // a publish under way goes on with the new participant
        if (was === 'yes') this.events.publishingLost('my participant left the room');
        return;
      }
      case null:
        break;
    }
    this.tryPublish();
  }

  private replaceRoomHandle(room: RoomHandle): void {
    room.state = 'gone';
    room.publishing = 'no';
    this.stopMicrophone();
    quietly(() => room.handle?.detach({ error: () => undefined }));
    if (this.room === room) this.room = null;
    this.attachRoom();
  }

  /** The session asked to publish: (re)join or publish, as far as the room handle allows now. */
  private tryPublish(): void {
    const room = this.room;
    const pending = this.pending;
    if (!room || !pending || this.closed) return;
    if (room.state === 'refused' && room.handle) {
      this.joinRoom(room); // promoted: the relay lets me in now
    } else if (room.state === 'joined' && room.publishing === 'no') {
      void this.publish(room, pending);
    }
  }

  private async publish(room: RoomHandle, pending: PendingPublish): Promise<void> {
    const handle = room.handle;
    if (!handle) return;
    room.publishing = 'offering';
    let stream: MediaStream;
    try {
      stream = this.microphone ?? (await this.getUserMedia());
    } catch (e) {
      if (room.publishing === 'offering') room.publishing = 'no';
      if (this.pending === pending) this.settle(null, e);
      return;
    }
    if (this.room !== room || this.pending !== pending || room.publishing !== 'offering') {
      if (stream !== this.microphone) stream.getTracks().forEach((t) => t.stop()); // not wanted any more
      if (room.publishing === 'offering') room.publishing = 'no';
      return;
    }
    this.microphone = stream;
    const track = stream.getAudioTracks()[0];
    if (!track) {
      this.publishRefused(room, new Error('The microphone gave no audio track.'));
      return;
    }
    track.enabled = pending.enabled;
    handle.createOffer({
      tracks: [{ type: 'audio', capture: track, recv: false }],
      success: (jsep) => {
        if (this.room !== room || room.publishing !== 'offering') return;
        handle.send({
          message: { request: 'publish', audio: true, video: false },
          jsep,
          error: (error) => {
            if (this.room === room) this.publishRefused(room, error);
          },
        });
      },
      error: (error) => {
        if (this.room === room) this.publishRefused(room, error);
      },
    });
  }

  /** Janus or the relay said no: hang up and let the session know (it does not retry in a loop). */
  private publishRefused(room: RoomHandle, error: unknown): void {
    room.publishing = 'no';
    quietly(() => room.handle?.hangup(false));
    this.stopMicrophone();
    if (this.pending) this.settle(null, error);
    else this.events.refused(error);
  }

  /** Answers the session's publishMicrophone() (with the track, or the error), if it waits. */
  private settle(track: MediaStreamTrack | null, error?: unknown): void {
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    if (error !== undefined) pending.reject(error);
    else pending.resolve(track);
  }

  private stopMicrophone(): void {
    this.microphone?.getTracks().forEach((t) => t.stop());
    this.microphone = null;
  }

  /** Test hook: publish on a handle of its own with joinandconfigure, whatever the role; resolves once Janus took it. */
  private forcePublish(): Promise<MediaStreamTrack | null> {
    const session = this.session;
    if (!session || this.closed) return Promise.reject(new Error('Join a room first.'));
    const me = this.me.userId;
    return new Promise((resolve, reject) => {
      let handle: JanusHandle | null = null;
      let track: MediaStreamTrack | null = null;
      let settled = false;
      const refused = (error: unknown): void => {
        if (settled) return;
        settled = true;
        if (track) this.forced.delete(track);
        track?.stop();
        quietly(() => handle?.detach({ error: () => undefined }));
        reject(error);
      };
      session.attach({
        plugin: PLUGIN,
        success: (h) => {
          handle = h;
          void this.getUserMedia()
            .then((stream) => {
              track = stream.getAudioTracks()[0] ?? null;
              if (!track) throw new Error('no audio track');
              track.enabled = true;
              this.forced.add(track);
              h.createOffer({
                tracks: [{ type: 'audio', capture: track, recv: false }],
                success: (jsep) =>
                  h.send({
                    message: { request: 'joinandconfigure', ptype: 'publisher', room: this.roomId, id: me, audio: true, video: false },
                    jsep,
                    error: refused,
                  }),
                error: refused,
              });
            })
            .catch(refused);
        },
        error: refused,
        onmessage: (data, jsep) => {
          const meaning = readRoomMessage(data, me);
          if (meaning.error) {
            refused(`${meaning.error.code} ${meaning.error.reason}`);
            return;
          }
          if (jsep) acceptRemoteJsep(handle, jsep);
          if ((meaning.joined || meaning.configured) && !settled) {
            settled = true; // Janus took it: the browser test will say so
            resolve(track);
          }
        },
      });
    });
  }

  // --- the participant list when the relay keeps me out ------------------------------------------------------------

  private startListPolling(room: RoomHandle): void {
    if (this.listTimer !== null) return;
    const poll = (): void => {
      if (this.room !== room || room.state !== 'refused' || !room.handle) {
        this.stopListPolling();
        return;
      }
      room.handle.send({
        message: { request: 'listparticipants', room: this.roomId },
        success: (data) => {
          if (this.room !== room || room.state !== 'refused') return;
          const list = (data as { participants?: Array<{ id?: unknown; publisher?: unknown }> } | undefined)?.participants;
          if (!Array.isArray(list)) return;
          this.setFeeds(list.filter((p) => p?.publisher === true).map((p) => String(p.id)));
        },
        error: () => undefined,
      });
    };
    poll();
    this.listPoll = poll;
    this.listTimer = this.timers.setInterval(poll, LIST_POLL_MS);
  }

  /**
   * The stage changed (someone promoted, unmuted, demoted): a speaker's feed appears or goes within a second or two,
   * so look a few times now rather than waiting up to LIST_POLL_MS. Costs requests only when the stage moves.
   */
  private pollSoon(): void {
    const poll = this.listPoll;
    if (!poll || this.listTimer === null) return;
    for (const delay of LIST_SOON_MS) this.timers.setTimeout(() => (this.listPoll === poll ? poll() : undefined), delay);
  }

  private stopListPolling(): void {
    if (this.listTimer !== null) this.timers.clearInterval(this.listTimer);
    this.listTimer = null;
    this.listPoll = null;
  }

  // --- feeds and subscriptions -----------------------------------------------------------------------------------

  /** Exactly these feeds publish now (never myself). */
  private setFeeds(feeds: string[]): void {
    const now = feeds.filter((feed) => feed !== this.me.userId);
    for (const feed of [...this.feeds]) if (!now.includes(feed)) this.dropFeed(feed, false);
    now.forEach((feed) => this.addFeed(feed, false));
    this.events.publishersNow(now);
  }

  private addFeed(feed: string, tell = true): void {
    if (feed === this.me.userId) return; // never subscribe to myself
    this.feeds.add(feed);
    if (!this.subscribers.has(feed)) this.subscribe(feed);
    if (tell) this.events.remoteAudio(feed, null, false);
  }

  private dropFeed(feed: string, tell = true): void {
    this.feeds.delete(feed);
    this.unsubscribe(feed, true);
    if (tell) this.events.remoteAudio(feed, null, true);
  }

  private subscribe(feed: string): void {
    const session = this.session;
    if (!session || this.closed) return;
    const sub: Subscriber = { feed, handle: null, closed: false };
    this.subscribers.set(feed, sub);
    const mine = (): boolean => !sub.closed && this.subscribers.get(feed) === sub && !this.closed;
    const failed = (error: unknown, request: boolean): void => {
      if (!mine()) return;
      this.events.refused(error);
      this.unsubscribe(feed, request); // the next `publishers` or the health check tries again
    };
    session.attach({
      plugin: PLUGIN,
      success: (handle) => {
        if (!mine()) {
          handle.detach({ error: () => undefined });
          return;
        }
        sub.handle = handle;
        handle.send({
          message: { request: 'join', ptype: 'subscriber', room: this.roomId, streams: [{ feed }] },
          error: (error) => failed(error, true),
        });
      },
      error: (error) => failed(error, false),
      onmessage: (data, jsep) => {
        if (!mine() || !sub.handle) return;
        if (typeof data.error_code === 'number') failed(`${data.error_code} ${String(data.error ?? '')}`, true);
        else if (jsep?.type === 'offer') this.answer(sub, sub.handle, jsep);
      },
      onremotetrack: (track, _mid, on) => {
        if (mine() && on && track.kind === 'audio') this.events.remoteAudio(feed, track, false);
      },
    });
  }

  /** Answers the subscription offer: receive audio only, send nothing. */
  private answer(sub: Subscriber, handle: JanusHandle, offer: Jsep): void {
    handle.createAnswer({
      jsep: offer,
      tracks: [{ type: 'audio', capture: false, recv: true }],
      success: (jsep) => {
        if (sub.closed) return;
        handle.send({
          message: { request: 'start', room: this.roomId },
          jsep,
          error: (error) => {
            if (sub.closed) return;
            this.events.refused(error);
            this.unsubscribe(sub.feed, true);
          },
        });
      },
      error: (error) => {
        console.warn('tribune: Janus answer for', sub.feed, 'failed', error);
        if (!sub.closed) this.unsubscribe(sub.feed, true);
      },
    });
  }

  private unsubscribe(feed: string, request: boolean): void {
    const sub = this.subscribers.get(feed);
    if (!sub) return;
    this.subscribers.delete(feed);
    sub.closed = true;
    quietly(() => sub.handle?.detach({ noRequest: !request, error: () => undefined }));
  }
}

/** Hands Janus's answer (or offer) to janus.js. */
function acceptRemoteJsep(handle: JanusHandle | null, jsep: Jsep): void {
  handle?.handleRemoteJsep({ jsep, error: (e) => console.warn('tribune: Janus SDP refused', e) });
}

/** janus.js throws from hangup / detach / destroy on handles or sessions already gone: gone is what we wanted. */
function quietly(action: () => void): void {
  try {
    action();
  } catch {
    // already gone
  }
}
