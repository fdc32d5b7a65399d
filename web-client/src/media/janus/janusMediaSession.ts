import { isOnPanel, type MediaGrant } from '../../api/types';
import { realTimers, type Timers } from '../../timers';
import { AudioHealthDetector, HEALTH_CHECK_MS, checkHearing } from '../audioHealth';
import { inboundStats, localLevelMeter } from '../levels';
import type { MediaContext, MediaSession, RemoteAudioStats, RoomChange, StageView } from '../mediaSession';
import { SpeakingDetector } from '../speaking';
import { loadJanusLib, type JanusHandle, type JanusLib, type JanusSession, type Jsep, type VideoRoomMessage } from './janusLib';
import { janusErrorCode, readRoomMessage, reconnectDelay } from './videoRoomEvents';

/** How often audio levels are read for the speaking indicators. */
const LEVEL_POLL_MS = 300;
/** How often the participant list is read when the relay refuses an AUDIENCE member a (passive) publisher join. */
export const LIST_POLL_MS = 3_000;
/** After a stage change, extra looks at the participant list (ms from the change). */
export const LIST_SOON_MS = [300, 800, 1_500, 2_300];
/** How long forcePublish() waits for Janus's verdict. */
const FORCE_PUBLISH_WAIT_MS = 15_000;
const PLUGIN = 'janus.plugin.videoroom';

/** My participant in the VideoRoom (ptype publisher): it hears about publishers, and publishes when allowed. */
interface RoomHandle {
  handle: JanusHandle | null;
  state: 'attaching' | 'joining' | 'joined' | 'refused' | 'gone';
  publishing: 'no' | 'offering' | 'yes';
}

/** One subscription: one feed (= one user id), one handle, one <audio>. */
interface Subscriber {
  feed: string;
  handle: JanusHandle | null;
  audio: HTMLAudioElement | null;
  closed: boolean;
}

/**
 * Janus VideoRoom (provider `janus`) through janus.js, behind the service's relay at /janus. See
 * notes/janus-contract.md. One Janus session per client; a "room" handle joined as participant (publisher type, id =
 * my user id) that learns who publishes and publishes my microphone (audio only, sendonly, muted until Unmute) while
 * my role and grant allow it; one subscriber handle per other publisher, its audio in an <audio autoplay>. A lost
 * session (Janus restarted, the relay says 458) is rebuilt with backoff 1, 2, 4, 8, 10 s.
 */
export class JanusMediaSession implements MediaSession {
  readonly provider = 'janus';
  /** Requests Janus or the relay refused (`{code: "janus_433", message}`), newest last. */
  readonly errors: Array<{ code: string; message: string }> = [];

  private lib: JanusLib | null = null;
  private context: MediaContext | null = null;
  private grant: MediaGrant | null = null;
  private stage: StageView | null = null;
  private session: JanusSession | null = null;
  /** Bumped for every Janus session; callbacks of an older one are ignored. */
  private generation = 0;
  private connected = false;
  private left = false;
  private attempt = 0;
  private reconnectTimer: unknown = null;
  private listTimer: unknown = null;
  private listPoll: (() => void) | null = null;
  /** Who is on the stage and muted, as last told: the participant list is looked at again when it changes. */
  private lastPanel = '';
  private room: RoomHandle | null = null;
  /** Feeds (user ids) publishing now, as Janus last told; kept through a reconnect so the health check warns. */
  private readonly feeds = new Set<string>();
  private readonly subscribers = new Map<string, Subscriber>();
  private microphone: MediaStream | null = null;
  private micOn = false;
  /** My role (from the stage) allows publishing. */
  private roleAllows = false;
  /** The newest grant allows publishing. */
  private grantAllows = false;
  /** The server kicked or unpublished me, or refused my publish: no new attempt until my role or grant says so again. */
  private heldBack = false;
  private readonly speakingListeners = new Set<(userId: string, speaking: boolean) => void>();
  private readonly speaking = new SpeakingDetector();
  private readonly health = new AudioHealthDetector();
  private levelTimer: unknown = null;
  private healthTimer: unknown = null;
  private localLevel: (() => number) | null = null;
  private audioContext: AudioContext | null = null;

  constructor(
    private readonly loadLib: () => Promise<JanusLib> = loadJanusLib,
    private readonly timers: Timers = realTimers,
    private readonly getUserMedia: () => Promise<MediaStream> = () =>
      navigator.mediaDevices.getUserMedia({ audio: true, video: false }),
  ) {}

  async join(grant: MediaGrant, context: MediaContext): Promise<void> {
    this.grant = grant;
    this.context = context;
    this.stage = context.stage;
    this.roleAllows = isOnPanel(context.stage.myRole);
    this.grantAllows = grant.canPublish;
    this.left = false;
    try {
      this.lib = await this.loadLib();
    } catch (e) {
      context.onProblem?.(`The audio library could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (this.left) return;
    this.levelTimer = this.timers.setInterval(() => void this.pollLevels(), LEVEL_POLL_MS);
    this.healthTimer = this.timers.setInterval(() => void this.checkHealth(), HEALTH_CHECK_MS);
    await this.connect();
  }

  async leave(): Promise<void> {
    if (this.left) return;
    this.left = true;
    for (const t of [this.levelTimer, this.healthTimer]) if (t !== null) this.timers.clearInterval(t);
    this.levelTimer = this.healthTimer = null;
    if (this.reconnectTimer !== null) this.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const room = this.room;
    if (room?.handle && (room.state === 'joined' || room.state === 'joining')) {
      room.handle.send({ message: { request: 'leave' }, error: () => undefined });
    }
    this.dropSessionState();
    this.feeds.clear();
    const session = this.session;
    this.session = null;
    this.generation++;
    try {
      session?.destroy({ cleanupHandles: true, notifyDestroyed: false });
    } catch {
      // the session may be gone already
    }
    void this.audioContext?.close().catch(() => undefined);
    this.audioContext = null;
    this.context?.onAudioWarnings?.([]);
  }

  async setMicrophone(on: boolean): Promise<void> {
    this.micOn = on;
    this.microphone?.getAudioTracks().forEach((track) => (track.enabled = on));
    if (on) void this.audioContext?.resume().catch(() => undefined);
  }

  onSpeaking(listener: (userId: string, speaking: boolean) => void): () => void {
    this.speakingListeners.add(listener);
    return () => this.speakingListeners.delete(listener);
  }

  async stats(): Promise<RemoteAudioStats[]> {
    const all = await Promise.all(
      [...this.subscribers.values()].map((s) => {
        const pc = s.handle?.webrtcStuff?.pc;
        return pc ? inboundStats(s.feed, pc) : Promise.resolve(null);
      }),
    );
    return all.filter((s): s is RemoteAudioStats => s !== null);
  }

  async updateGrant(grant: MediaGrant): Promise<void> {
    const fresh = grant.token !== this.grant?.token;
    this.grant = grant;
    this.grantAllows = grant.canPublish;
    if (fresh) this.session?.renewToken(grant.token);
    if (fresh && grant.canPublish) this.heldBack = false; // the server says, now, that I may publish
    this.evaluate();
  }

  roomChanged(change: RoomChange): void {
    switch (change.kind) {
      case 'stage': {
        this.stage = change.stage;
        const allows = isOnPanel(change.stage.myRole);
        if (allows && !this.roleAllows) this.heldBack = false; // promoted (again)
        this.roleAllows = allows;
        this.evaluate();
        const panel = change.stage.panel.map((s) => `${s.userId}:${s.role}:${s.muted}`).sort().join(',');
        if (panel !== this.lastPanel) {
          this.lastPanel = panel;
          this.pollSoon();
        }
        break;
      }
      case 'left':
        this.health.forget(change.userId);
        break;
      case 'arrived':
      case 'resumed':
        break; // Janus tells who publishes; the room socket has nothing to add
    }
  }

  async forcePublish(): Promise<void> {
    const session = this.session;
    const me = this.stage?.myUserId;
    if (!session || !me || !this.connected) throw new Error('Join a room first.');
    const room = this.roomId();
    await new Promise<void>((resolve) => {
      let handle: JanusHandle | null = null;
      let track: MediaStreamTrack | null = null;
      let settled = false;
      const finish = (keep: boolean): void => {
        if (settled) return;
        settled = true;
        this.timers.clearTimeout(timer);
        if (!keep) {
          track?.stop();
          try {
            handle?.detach({ error: () => undefined });
          } catch {
            // already gone
          }
        }
        resolve();
      };
      const refused = (error: unknown): void => {
        this.recordError(error);
        finish(false);
      };
      const timer = this.timers.setTimeout(() => finish(false), FORCE_PUBLISH_WAIT_MS);
      session.attach({
        plugin: PLUGIN,
        success: (h) => {
          handle = h;
          void this.getUserMedia()
            .then((stream) => {
              track = stream.getAudioTracks()[0] ?? null;
              if (!track) throw new Error('no audio track');
              track.enabled = true;
              h.createOffer({
                tracks: [{ type: 'audio', capture: track, recv: false }],
                success: (jsep) =>
                  h.send({
                    message: { request: 'joinandconfigure', ptype: 'publisher', room, id: me, audio: true, video: false },
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
          if (meaning.joined || meaning.configured) finish(true); // Janus took it: the browser test will say so
        },
      });
    });
  }

  // --- the Janus session -----------------------------------------------------------------------------------------

  private roomId(): string {
    const room = this.grant?.connection?.room;
    return typeof room === 'string' && room ? room : (this.context?.roomId ?? '');
  }

  private serverUrl(): string {
    const server = this.grant?.connection?.server;
    return new URL(typeof server === 'string' && server ? server : '/janus', globalThis.location?.href).toString();
  }

  /** Exactly the grant's ICE servers: no public STUN server is ever added. */
  private iceServers(): RTCIceServer[] {
    return (this.grant?.connection?.iceServers ?? []).map((s) => ({ ...s }) as RTCIceServer);
  }

  private connect(): Promise<void> {
    const lib = this.lib;
    if (!lib || this.left) return Promise.resolve();
    const generation = ++this.generation;
    const current = (): boolean => generation === this.generation && !this.left;
    return new Promise<void>((resolve) => {
      try {
        this.session = lib.createSession({
          server: this.serverUrl(),
          iceServers: this.iceServers(),
          token: this.grant?.token ?? null,
          success: () => {
            if (!current()) return resolve();
            const wasLost = this.attempt > 0;
            this.attempt = 0;
            this.connected = true;
            if (wasLost) this.context?.onConnectionState?.('live');
            this.attachRoom(generation);
            resolve();
          },
          error: (error) => {
            if (current()) this.sessionLost(generation, error);
            resolve();
          },
          destroyed: () => {
            if (current()) this.sessionLost(generation, 'session destroyed');
            resolve();
          },
        });
      } catch (e) {
        this.sessionLost(generation, e instanceof Error ? e.message : String(e));
        resolve();
      }
    });
  }

  /** The session is gone: drop what hung on it, and make a new one after the backoff. */
  private sessionLost(generation: number, reason: string): void {
    if (generation !== this.generation || this.left) return;
    console.warn('tribune: Janus session lost:', reason);
    this.generation++; // whatever the old session still says is ignored from now on
    const old = this.session;
    this.session = null;
    this.connected = false;
    this.dropSessionState();
    try {
      old?.destroy({ cleanupHandles: true, notifyDestroyed: false });
    } catch {
      // it is gone anyway
    }
    if (this.attempt === 0) this.context?.onConnectionState?.('reconnecting'); // once per outage
    const delay = reconnectDelay(this.attempt);
    this.attempt++;
    if (this.reconnectTimer !== null) this.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = this.timers.setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
  }

  /** Forgets the handles of the current session (without requests: the session is going), keeps `feeds`. */
  private dropSessionState(): void {
    this.stopListPolling();
    const room = this.room;
    this.room = null;
    if (room?.handle) {
      try {
        room.handle.hangup(false);
      } catch {
        // fine
      }
    }
    for (const feed of [...this.subscribers.keys()]) this.unsubscribe(feed, false);
    this.stopMicrophone();
  }

  // --- my participant: join, publish, unpublish ------------------------------------------------------------------

  private attachRoom(generation: number): void {
    const session = this.session;
    if (!session || generation !== this.generation) return;
    const room: RoomHandle = { handle: null, state: 'attaching', publishing: 'no' };
    this.room = room;
    const mine = (): boolean => this.room === room && generation === this.generation && !this.left;
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
        this.recordError(error);
        this.sessionLost(generation, `attach failed: ${error}`);
      },
      onmessage: (data, jsep) => {
        if (mine()) this.onRoomMessage(room, generation, data, jsep);
      },
      webrtcState: (up) => {
        if (mine() && !up && room.publishing === 'yes') {
          room.publishing = 'no'; // my PeerConnection died: publish again if still allowed
          this.stopMicrophone(false);
          this.evaluate();
        }
      },
    });
  }

  /** Joins as a participant (ptype publisher, no media yet): that is how Janus tells who publishes. */
  private joinRoom(room: RoomHandle): void {
    const me = this.stage?.myUserId;
    if (!room.handle || !me) return;
    room.state = 'joining';
    room.handle.send({
      message: { request: 'join', ptype: 'publisher', room: this.roomId(), id: me },
      error: (error) => {
        if (this.room !== room) return;
        room.state = 'refused';
        if (janusErrorCode(error) !== 433 || this.allowed()) this.recordError(error);
        // an AUDIENCE member the relay will not let in as a participant learns who publishes by asking
        this.startListPolling(room);
      },
    });
  }

  private onRoomMessage(room: RoomHandle, generation: number, data: VideoRoomMessage, jsep?: Jsep): void {
    const me = this.stage?.myUserId ?? '';
    const meaning = readRoomMessage(data, me);
    if (meaning.roomDestroyed) {
      this.sessionLost(generation, 'room destroyed');
      return;
    }
    if (meaning.error) {
      this.recordError(`${meaning.error.code} ${meaning.error.reason}`);
      if (room.state === 'joining') {
        room.state = 'refused';
        this.startListPolling(room);
      } else if (room.publishing === 'offering') {
        this.publishRefused(room);
      }
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
    if (meaning.configured && room.publishing === 'offering') room.publishing = 'yes';
    switch (meaning.me) {
      case 'kicked':
        // the server took my place (demotion): a new participant, publishing only once my role allows it again
        this.heldBack = true;
        this.replaceRoomHandle(room, generation);
        return;
      case 'unpublished':
        if (room.publishing !== 'no') {
          this.heldBack = true;
          room.publishing = 'no';
          room.handle?.hangup(false);
          this.stopMicrophone(false);
        }
        break;
      case 'left':
        if (!this.left) this.replaceRoomHandle(room, generation);
        return;
      case null:
        break;
    }
    this.evaluate();
  }

  private replaceRoomHandle(room: RoomHandle, generation: number): void {
    room.state = 'gone';
    room.publishing = 'no';
    this.stopMicrophone(false);
    try {
      room.handle?.detach({ error: () => undefined });
    } catch {
      // gone already
    }
    if (this.room === room) this.room = null;
    this.attachRoom(generation);
  }

  private allowed(): boolean {
    return this.roleAllows && this.grantAllows;
  }

  /** Publish or unpublish, and (re)join, as my role, my grant and the server's last word say. */
  private evaluate(): void {
    const room = this.room;
    if (!room || this.left || !this.connected) return;
    const allowed = this.allowed();
    if (allowed && room.state === 'refused' && room.handle) {
      this.joinRoom(room); // promoted: the relay lets me in now
      return;
    }
    if (allowed && !this.heldBack && room.state === 'joined' && room.publishing === 'no') {
      void this.publish(room);
    } else if (!allowed && room.publishing !== 'no') {
      this.unpublish(room);
    }
  }

  private async publish(room: RoomHandle): Promise<void> {
    const handle = room.handle;
    if (!handle) return;
    room.publishing = 'offering';
    let stream: MediaStream;
    try {
      stream = this.microphone ?? (await this.getUserMedia());
    } catch (e) {
      room.publishing = 'no';
      this.heldBack = true;
      this.context?.onProblem?.(`Your microphone could not be opened: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (this.room !== room || room.publishing !== 'offering' || !this.allowed()) {
      if (stream !== this.microphone) stream.getTracks().forEach((t) => t.stop()); // demoted while the browser asked
      if (room.publishing === 'offering') room.publishing = 'no';
      return;
    }
    this.microphone = stream;
    const track = stream.getAudioTracks()[0];
    if (!track) {
      room.publishing = 'no';
      this.stopMicrophone(false);
      return;
    }
    track.enabled = this.micOn; // start muted: nothing is heard until Unmute
    this.localLevel ??= localLevelMeter(stream, () => this.audio());
    handle.createOffer({
      tracks: [{ type: 'audio', capture: track, recv: false }],
      success: (jsep) => {
        if (this.room !== room || room.publishing !== 'offering') return;
        handle.send({
          message: { request: 'publish', audio: true, video: false },
          jsep,
          error: (error) => {
            if (this.room !== room) return;
            this.recordError(error);
            this.publishRefused(room);
          },
        });
      },
      error: (error) => {
        if (this.room !== room) return;
        console.warn('tribune: Janus offer failed', error);
        this.publishRefused(room);
      },
    });
  }

  private publishRefused(room: RoomHandle): void {
    room.publishing = 'no';
    this.heldBack = true; // no loop of refused offers: wait for a promotion or a new grant
    try {
      room.handle?.hangup(false);
    } catch {
      // fine
    }
    this.stopMicrophone(false);
  }

  /** Demoted: stop publishing and hang up the PeerConnection; the participant stays to hear who publishes. */
  private unpublish(room: RoomHandle): void {
    room.publishing = 'no';
    room.handle?.send({ message: { request: 'unpublish' }, error: () => undefined });
    try {
      room.handle?.hangup(true);
    } catch {
      // fine
    }
    this.stopMicrophone(false);
  }

  private stopMicrophone(resetMute = true): void {
    this.microphone?.getTracks().forEach((t) => t.stop());
    this.microphone = null;
    this.localLevel = null;
    if (resetMute) this.micOn = false;
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
        message: { request: 'listparticipants', room: this.roomId() },
        success: (data) => {
          if (this.room !== room || room.state !== 'refused') return;
          const list = (data as { participants?: Array<{ id?: unknown; publisher?: unknown }> } | undefined)?.participants;
          if (!Array.isArray(list)) return;
          this.setFeeds(
            list.filter((p) => p?.publisher === true).map((p) => String(p.id)).filter((id) => id !== this.stage?.myUserId),
          );
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

  /** Exactly these feeds publish now. */
  private setFeeds(feeds: string[]): void {
    const now = new Set(feeds);
    for (const feed of [...this.feeds]) if (!now.has(feed)) this.dropFeed(feed);
    feeds.forEach((feed) => this.addFeed(feed));
  }

  private addFeed(feed: string): void {
    if (feed === this.stage?.myUserId) return; // never subscribe to myself
    this.feeds.add(feed);
    if (!this.subscribers.has(feed)) this.subscribe(feed);
  }

  private dropFeed(feed: string): void {
    this.feeds.delete(feed);
    this.health.forget(feed);
    this.unsubscribe(feed, true);
  }

  private subscribe(feed: string): void {
    const session = this.session;
    if (!session || !this.connected || this.left) return;
    const generation = this.generation;
    const sub: Subscriber = { feed, handle: null, audio: null, closed: false };
    this.subscribers.set(feed, sub);
    const mine = (): boolean => !sub.closed && this.subscribers.get(feed) === sub && generation === this.generation;
    session.attach({
      plugin: PLUGIN,
      success: (handle) => {
        if (!mine()) {
          handle.detach({ error: () => undefined });
          return;
        }
        sub.handle = handle;
        handle.send({
          message: { request: 'join', ptype: 'subscriber', room: this.roomId(), streams: [{ feed }] },
          error: (error) => {
            if (!mine()) return;
            this.recordError(error);
            this.unsubscribe(feed, true); // the next `publishers` or the health check tries again
          },
        });
      },
      error: (error) => {
        if (!mine()) return;
        this.recordError(error);
        this.unsubscribe(feed, false);
      },
      onmessage: (data, jsep) => {
        if (!mine() || !sub.handle) return;
        if (typeof data.error_code === 'number') {
          this.recordError(`${data.error_code} ${String(data.error ?? '')}`);
          this.unsubscribe(feed, true);
          return;
        }
        if (jsep?.type === 'offer') this.answer(sub, sub.handle, jsep);
      },
      onremotetrack: (track, _mid, on) => {
        if (mine() && on && track.kind === 'audio') this.play(sub, track);
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
          message: { request: 'start', room: this.roomId() },
          jsep,
          error: (error) => {
            if (sub.closed) return;
            this.recordError(error);
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
    if (sub.audio) {
      sub.audio.srcObject = null;
      sub.audio.remove();
      sub.audio = null;
    }
    try {
      if (sub.handle) sub.handle.detach({ noRequest: !request, error: () => undefined });
    } catch {
      // the session may be gone
    }
  }

  private play(sub: Subscriber, track: MediaStreamTrack): void {
    const outlet = this.context?.audioOutlet;
    if (!outlet) return;
    let audio = sub.audio;
    if (!audio) {
      audio = document.createElement('audio');
      audio.autoplay = true;
      audio.dataset.userId = sub.feed;
      audio.setAttribute('data-testid', `audio-${sub.feed}`);
      outlet.appendChild(audio);
      sub.audio = audio;
    }
    audio.srcObject = new MediaStream([track]);
    const element = audio;
    Promise.resolve()
      .then(() => element.play())
      .catch(() => {
        this.context?.onProblem?.('The browser blocked audio playback: click anywhere on the page to hear the room.');
        const resume = (): void => {
          document.removeEventListener('click', resume);
          for (const s of this.subscribers.values()) void Promise.resolve().then(() => s.audio?.play()).catch(() => undefined);
        };
        document.addEventListener('click', resume);
      });
  }

  // --- errors, levels and health ---------------------------------------------------------------------------------

  private recordError(error: unknown): void {
    const text = String(error instanceof Error ? error.message : error);
    const code = janusErrorCode(text);
    const entry = { code: code !== null ? `janus_${code}` : 'janus_error', message: text };
    this.errors.push(entry);
    if (this.errors.length > 50) this.errors.shift();
    console.warn(`tribune: Janus ${entry.code}: ${text}`);
    this.context?.onError?.(entry.code, entry.message);
  }

  private audio(): AudioContext | null {
    const Context = globalThis.AudioContext;
    if (!Context) return null;
    this.audioContext = this.audioContext ?? new Context();
    return this.audioContext;
  }

  private async pollLevels(): Promise<void> {
    const stats = await this.stats();
    const levels = new Map<string, number>();
    for (const s of stats) levels.set(s.userId, s.audioLevel);
    const me = this.stage?.myUserId;
    if (me && this.microphone && this.micOn && this.localLevel) levels.set(me, this.localLevel());
    for (const change of this.speaking.sample(levels, this.timers.now())) {
      this.speakingListeners.forEach((l) => l(change.userId, change.speaking));
    }
  }

  private async checkHealth(): Promise<void> {
    const context = this.context;
    if (!context || !this.stage || this.left) return;
    const recover = checkHearing(this.health, context, this.stage, this.feeds, await this.stats(),
      (userId) => this.subscribers.has(userId));
    for (const feed of recover) {
      if (!this.connected || !this.feeds.has(feed)) continue;
      this.unsubscribe(feed, true); // a new subscription: a new PeerConnection from Janus
      this.subscribe(feed);
    }
  }
}

/** Hands Janus's answer (or offer) to janus.js. */
function acceptRemoteJsep(handle: JanusHandle | null, jsep: Jsep): void {
  handle?.handleRemoteJsep({ jsep, error: (e) => console.warn('tribune: Janus SDP refused', e) });
}
