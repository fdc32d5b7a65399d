import type { MediaGrant } from '../../api/types';
import type { Timers } from '../../timers';
import { iceConfiguration } from '../iceConfiguration';
import type { RemoteAudioStats, StageView } from '../mediaSession';
import type { VendorConnection, VendorEvents, VendorIdentity, VendorLib } from '../vendorLib';
import { JanusFeeds, PLUGIN } from './janusFeeds';
import { forcePublish } from './janusForcePublish';
import { acceptRemoteJsep, type JanusHandle, type JanusLib, type JanusSession, type Jsep, type VideoRoomMessage } from './janusLib';
import { janusErrorCode, readRoomMessage } from './videoRoomEvents';

/** My participant in the VideoRoom (ptype publisher): it hears about publishers, and publishes when asked. */
interface RoomHandle {
  handle: JanusHandle | null;
  state: 'attaching' | 'joining' | 'joined' | 'refused' | 'gone';
  publishing: 'no' | 'offering' | 'yes';
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
 * microphone (audio only, sendonly) when the session asks; what I hear is `JanusFeeds`. A lost session is reported
 * (`disconnected`): the media session makes a new connection.
 */
class JanusConnection implements VendorConnection {
  private session: JanusSession | null = null;
  private closed = false;
  private room: RoomHandle | null = null;
  private feeds: JanusFeeds | null = null;
  private microphone: MediaStream | null = null;
  private pending: PendingPublish | null = null;
  /** Tracks of forced publishes (the test hook), stopped with the connection. */
  private readonly forced = new Set<MediaStreamTrack>();
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
          ...iceConfiguration(this.grant),
          token: this.grant.token ?? null,
          success: () => {
            if (this.closed || !this.session) return;
            up = true;
            this.feeds = new JanusFeeds(this.session, this.roomId, this.me.userId, this.events, this.timers);
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
    if (force) {
      if (!this.session || this.closed) return Promise.reject(new Error('Join a room first.'));
      return forcePublish(this.session, this.roomId, this.me.userId, this.getUserMedia, this.forced);
    }
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
    return (await this.feeds?.stats()) ?? [];
  }

  async resubscribe(userId: string): Promise<void> {
    this.feeds?.resubscribe(userId);
  }

  renewGrant(grant: MediaGrant): void {
    this.session?.renewToken(grant.token);
    this.tryPublish(); // a publish waiting for the relay to let me in: try with the new token
  }

  stageChanged(stage: StageView): void {
    this.tryPublish(); // the relay reads my role per request: it may let me in now
    const panel = stage.panel.map((s) => `${s.userId}:${s.role}:${s.muted}`).sort().join(',');
    if (panel === this.lastPanel) return;
    this.lastPanel = panel;
    this.feeds?.pollSoon();
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
    this.feeds?.close();
    const room = this.room;
    this.room = null;
    if (room?.handle) quietly(() => room.handle?.hangup(false));
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
    // a publish waiting stays waiting: the join is tried again on the next stage change or grant (the relay may not
    // know of my promotion yet)
    if (report || this.pending) this.events.refused(error);
    // kept out of the room as a participant: learn who publishes by asking
    const handle = room.handle;
    if (handle) this.feeds?.startListPolling(handle, () => this.room === room && room.state === 'refused');
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
      this.feeds?.stopListPolling();
      this.feeds?.set(meaning.publishers);
    } else {
      meaning.publishers.forEach((feed) => this.feeds?.add(feed));
    }
    meaning.gone.forEach((feed) => this.feeds?.drop(feed));
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

}

/** janus.js throws from hangup / detach / destroy on handles or sessions already gone: gone is what we wanted. */
function quietly(action: () => void): void {
  try {
    action();
  } catch {
    // already gone
  }
}
