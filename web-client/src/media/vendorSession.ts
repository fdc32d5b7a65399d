import { isOnPanel, type MediaGrant } from '../api/types';
import { Backoff, noJitter } from '../backoff';
import { realTimers, type Timers } from '../timers';
import { AudioHealthDetector, HEALTH_CHECK_MS, checkHearing } from './audioHealth';
import type { ForcePublish } from './forcePublish';
import { SpeakingLevels } from './levels';
import type { MediaContext, MediaSession, RemoteAudioStats, RoomChange, StageView } from './mediaSession';
import { RemoteAudio } from './remoteAudio';
import type { VendorConnection, VendorEvents, VendorLib } from './vendorLib';
import { microphoneProblem } from './microphoneProblem';

/** How long forcePublish() waits for the vendor's verdict. */
export const FORCE_PUBLISH_WAIT_MS = 15_000;
/** How often audio levels are read for the speaking indicators. */
export const LEVEL_POLL_MS = 300;

/** Delays between attempts to connect again: 1, 2, 4, 8, then 10 s. */
export function reconnectBackoff(): Backoff {
  return new Backoff(1_000, 10_000, noJitter);
}

/** A vendor error as `{code, message}`: `<provider>_<code>` (Twilio's numeric codes, LiveKit's / 100ms's names). */
export function vendorError(provider: string, error: unknown): { code: string; message: string } {
  const e = error as { code?: unknown; name?: unknown; message?: unknown } | null;
  const raw = e && typeof e === 'object' ? (e.code ?? e.name) : null;
  const code = raw !== null && raw !== undefined && String(raw) !== 'Error' ? String(raw) : 'error';
  const message = e && typeof e === 'object' && typeof e.message === 'string' ? e.message : String(error);
  return { code: `${provider}_${code.replace(/[^A-Za-z0-9]+/g, '_').toLowerCase()}`, message };
}

/**
 * The media session over a vendor SFU SDK. Publishes my microphone (muted until Unmute) while my stage role is on the
 * panel and the newest grant says `canPublish`; unpublishes and stops it at once when either stops; plays remote audio
 * in `<audio data-testid="audio-{userId}">` (unless the SDK plays it); speaking from audio levels; audio health as
 * the mesh; a connection lost for good is made again with the newest grant (backoff 1, 2, 4, 8, 10 s; an expired
 * grant waits for the next one). `forcePublish` is the browser tests' hook.
 */
export abstract class VendorMediaSession implements MediaSession, ForcePublish {
  abstract readonly provider: string;
  /** Requests the vendor refused (`{code, message}`), newest last. */
  readonly errors: Array<{ code: string; message: string }> = [];

  protected context: MediaContext | null = null;
  protected grant: MediaGrant | null = null;
  protected stage: StageView | null = null;
  protected conn: VendorConnection | null = null;
  private lib: VendorLib | null = null;
  private generation = 0;
  private left = false;
  private connecting = false;
  private readonly backoff = reconnectBackoff();
  private reconnectTimer: unknown = null;
  private waitingForGrant = false;
  private publishing: 'no' | 'offering' | 'yes' = 'no';
  /** Counts publish attempts: the answer to an older one changes nothing. */
  private offers = 0;
  private micTrack: MediaStreamTrack | null = null;
  private micOn = false;
  private heldBack = false;
  private readonly feeds = new Set<string>();
  private readonly audios = new RemoteAudio(() => this.context?.audioOutlet, (p) => this.context?.onProblem?.(p));
  private readonly levels = new SpeakingLevels();
  private readonly health = new AudioHealthDetector();
  private levelTimer: unknown = null;
  private healthTimer: unknown = null;

  constructor(
    private readonly loadLib: () => Promise<VendorLib>,
    protected readonly timers: Timers = realTimers,
  ) {}

  async join(grant: MediaGrant, context: MediaContext): Promise<void> {
    this.grant = grant;
    this.context = context;
    this.stage = context.stage;
    this.left = false;
    try {
      this.lib = await this.loadLib();
    } catch (e) {
      context.onProblem?.('The audio for this room could not be loaded. Check your connection, then reload the page.');
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
    this.generation++;
    for (const t of [this.levelTimer, this.healthTimer]) if (t !== null) this.timers.clearInterval(t);
    this.levelTimer = this.healthTimer = null;
    if (this.reconnectTimer !== null) this.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const conn = this.conn;
    this.dropConnectionState();
    this.feeds.clear();
    try {
      await conn?.disconnect();
    } catch {
      // gone anyway
    }
    this.levels.close();
    this.context?.onAudioWarnings?.([]);
  }

  async setMicrophone(on: boolean): Promise<void> {
    this.micOn = on;
    if (this.micTrack) this.micTrack.enabled = on;
    if (on) this.levels.resume();
    if (this.conn && this.publishing === 'yes') {
      try {
        await this.conn.setMicrophoneEnabled(on);
      } catch (e) {
        this.recordError(e);
      }
    }
  }

  onSpeaking(listener: (userId: string, speaking: boolean) => void): () => void {
    return this.levels.onSpeaking(listener);
  }

  async stats(): Promise<RemoteAudioStats[]> {
    if (!this.conn) return [];
    try {
      return (await this.conn.remoteAudioStats()).filter((s) => s.userId !== this.stage?.myUserId);
    } catch {
      return [];
    }
  }

  async updateGrant(grant: MediaGrant): Promise<void> {
    const fresh = grant.token !== this.grant?.token;
    this.grant = grant;
    if (fresh) this.conn?.renewGrant(grant);
    if (fresh && grant.canPublish) this.heldBack = false; // the server says, now, that I may publish
    if (this.waitingForGrant && !this.left) {
      this.waitingForGrant = false;
      if (this.reconnectTimer !== null) this.timers.clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
      await this.connect(); // disconnected with an expired grant: this one is fresh
      return;
    }
    await this.evaluate();
  }

  roomChanged(change: RoomChange): void {
    switch (change.kind) {
      case 'stage': {
        const was = isOnPanel(this.stage?.myRole);
        this.stage = change.stage;
        if (isOnPanel(change.stage.myRole) && !was) this.heldBack = false; // promoted (again)
        void this.evaluate();
        this.conn?.stageChanged(change.stage);
        break;
      }
      case 'left':
        this.health.forget(change.userId);
        break;
      case 'arrived':
      case 'resumed':
        break; // the vendor (or Janus) tells who publishes
    }
  }

  async forcePublish(): Promise<void> {
    const conn = this.conn;
    if (!conn) throw new Error('Join a room first.');
    let timer: unknown = null;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = this.timers.setTimeout(() => resolve('timeout'), FORCE_PUBLISH_WAIT_MS);
    });
    try {
      const result = await Promise.race([conn.publishMicrophone(true, true), timeout]);
      if (result !== 'timeout' && this.conn === conn) {
        this.publishing = 'yes'; // the vendor took it (the server may still disconnect me: then I connect again)
        this.micOn = true;
        this.takeTrack(result);
      }
    } catch (e) {
      this.recordError(e);
    } finally {
      this.timers.clearTimeout(timer);
    }
  }

  // --- the connection ----------------------------------------------------------------------------------------------

  private grantValid(): boolean {
    const expires = Date.parse(this.grant?.expiresAt ?? '');
    return Number.isNaN(expires) || expires > this.timers.now();
  }

  private async connect(): Promise<void> {
    const lib = this.lib;
    const grant = this.grant;
    const me = this.stage?.myUserId;
    if (!lib || !grant || !me || this.left || this.connecting) return;
    this.connecting = true;
    const generation = ++this.generation;
    const current = (): boolean => generation === this.generation && !this.left;
    const member = this.stage?.panel.find((m) => m.userId === me);
    const events: VendorEvents = {
      remoteAudio: (userId, track, gone) => {
        if (current()) this.onRemoteAudio(userId, track, gone);
      },
      publishersNow: (userIds) => {
        if (!current()) return;
        for (const userId of [...this.feeds]) if (!userIds.includes(userId)) this.onRemoteAudio(userId, null, true);
        for (const userId of userIds) this.onRemoteAudio(userId, null, false);
      },
      reconnecting: () => {
        if (current()) this.context?.onConnectionState?.('reconnecting');
      },
      reconnected: () => {
        if (current()) this.context?.onConnectionState?.('live');
      },
      disconnected: (reason) => {
        if (current()) this.connectionLost(reason);
      },
      publishingStopped: (reason) => {
        if (!current()) return;
        console.warn(`tribune: ${this.provider} stopped my publishing: ${reason}`);
        this.heldBack = true;
        void this.stopPublishing();
      },
      publishingAllowed: () => {
        if (!current()) return;
        this.heldBack = false;
        void this.evaluate();
      },
      publishingLost: (reason) => {
        if (!current() || this.publishing === 'no') return;
        console.warn(`tribune: ${this.provider} lost my publication: ${reason}`);
        this.publishing = 'no';
        this.releaseTrack();
        void this.evaluate();
      },
      refused: (error) => {
        if (current()) this.recordError(error);
      },
    };
    try {
      const identity = { userId: me, displayName: member?.displayName ?? me, roomId: this.context?.roomId ?? '', audioOutlet: this.context?.audioOutlet };
      const conn = await lib.connect(grant, identity, events);
      this.connecting = false;
      if (!current()) {
        void conn.disconnect().catch(() => undefined);
        return;
      }
      this.conn = conn;
      if (this.backoff.failures > 0) this.context?.onConnectionState?.('live');
      this.backoff.reset();
      await this.evaluate();
    } catch (e) {
      this.connecting = false;
      if (!current()) return;
      this.recordError(e);
      this.connectionLost(e instanceof Error ? e.message : String(e));
    }
  }

  /** The connection is gone for good: drop what hung on it and connect again (with the newest grant). */
  private connectionLost(reason: string): void {
    if (this.left) return;
    console.warn(`tribune: ${this.provider} connection lost:`, reason);
    this.generation++;
    this.dropConnectionState();
    if (this.backoff.failures === 0) this.context?.onConnectionState?.('reconnecting'); // once per outage
    if (!this.grantValid()) {
      this.waitingForGrant = true; // the page re-joins before expiry: updateGrant connects
      return;
    }
    const delay = this.backoff.next();
    if (this.reconnectTimer !== null) this.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = this.timers.setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.grantValid()) {
        this.waitingForGrant = true;
        return;
      }
      void this.connect();
    }, delay);
  }

  /** Forgets the connection's audio elements and microphone; keeps `feeds` so the health check warns meanwhile. */
  private dropConnectionState(): void {
    this.conn = null;
    this.publishing = 'no';
    this.releaseTrack();
    this.audios.removeAll();
  }

  // --- publishing ---------------------------------------------------------------------------------------------------

  private allowed(): boolean {
    return isOnPanel(this.stage?.myRole) && this.grant?.canPublish === true;
  }

  /** Publish or unpublish as my role, my grant and the server's last word say. */
  private async evaluate(): Promise<void> {
    const conn = this.conn;
    if (!conn || this.left) return;
    const allowed = this.allowed();
    if (allowed && !this.heldBack && this.publishing === 'no') {
      void this.offer(conn); // not awaited: Janus's verdict comes when the room is joined
    } else if (!allowed && this.publishing !== 'no') {
      await this.stopPublishing();
    }
  }

  private async offer(conn: VendorConnection): Promise<void> {
    this.publishing = 'offering';
    const offer = ++this.offers;
    const enabled = this.micOn; // muted until Unmute
    const wanted = (): boolean => this.conn === conn && this.offers === offer && this.publishing === 'offering';
    try {
      const track = await conn.publishMicrophone(enabled);
      if (!wanted()) return;
      this.publishing = 'yes';
      this.takeTrack(track);
      if (!this.allowed()) await this.stopPublishing(); // demoted while the browser asked
      else if (this.micOn !== enabled) await this.setMicrophone(this.micOn); // (un)muted meanwhile
    } catch (e) {
      if (!wanted()) return; // a publish no longer wanted failed
      this.publishing = 'no';
      this.heldBack = true; // no loop of refused publishes: wait for a promotion or a fresh grant
      this.recordError(e);
      this.context?.onProblem?.(microphoneProblem(e));
    }
  }

  /** Demoted (or the server said so): unpublish and stop the microphone at once. */
  private async stopPublishing(): Promise<void> {
    const conn = this.conn;
    this.publishing = 'no';
    this.micOn = false;
    this.releaseTrack();
    try {
      await conn?.unpublishMicrophone();
    } catch (e) {
      console.warn(`tribune: ${this.provider} unpublish failed`, e);
    }
  }

  private takeTrack(track: MediaStreamTrack | null): void {
    this.micTrack = track;
    if (track && typeof MediaStream !== 'undefined') this.levels.measure(new MediaStream([track]));
  }

  private releaseTrack(): void {
    this.micTrack = null;
    this.levels.measure(null);
  }

  // --- remote audio -------------------------------------------------------------------------------------------------

  private onRemoteAudio(userId: string, track: MediaStreamTrack | null, gone: boolean): void {
    if (userId === this.stage?.myUserId) return;
    if (gone) {
      this.feeds.delete(userId);
      this.health.forget(userId);
      this.audios.remove(userId);
      return;
    }
    this.feeds.add(userId);
    if (track) this.audios.play(userId, typeof MediaStream !== 'undefined' ? new MediaStream([track]) : null);
  }

  // --- errors, levels and health ------------------------------------------------------------------------------------

  /** How this vendor's errors are recorded (`{code, message}`). */
  protected describeError(error: unknown): { code: string; message: string } {
    return vendorError(this.provider, error);
  }

  private recordError(error: unknown): void {
    const entry = this.describeError(error);
    this.errors.push(entry);
    if (this.errors.length > 50) this.errors.shift();
    console.warn(`tribune: ${entry.code}: ${entry.message}`);
    this.context?.onError?.(entry.code, entry.message);
  }

  private async pollLevels(): Promise<void> {
    const stats = await this.stats();
    this.levels.sample(stats, this.stage?.myUserId, this.publishing === 'yes' && this.micOn, this.timers.now());
  }

  private async checkHealth(): Promise<void> {
    const context = this.context;
    if (!context || !this.stage || this.left) return;
    const recover = checkHearing(this.health, context, this.stage, this.feeds, await this.stats(), () => this.conn !== null);
    for (const userId of recover) {
      if (!this.conn || !this.feeds.has(userId)) continue;
      void this.conn.resubscribe(userId).catch((e: unknown) => console.warn(`tribune: resubscribe ${userId}`, e));
    }
  }
}
