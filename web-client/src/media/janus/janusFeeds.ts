import type { Timers } from '../../timers';
import { inboundStats } from '../levels';
import type { RemoteAudioStats } from '../mediaSession';
import type { VendorEvents } from '../vendorLib';
import type { JanusHandle, JanusSession, Jsep } from './janusLib';

/** How often the participant list is read when the relay refuses an AUDIENCE member a (passive) publisher join. */
export const LIST_POLL_MS = 3_000;
/** After a stage change, extra looks at the participant list (ms from the change). */
export const LIST_SOON_MS = [300, 800, 1_500, 2_300];
export const PLUGIN = 'janus.plugin.videoroom';

/** One subscription: one feed (= one user id), one handle. */
interface Subscriber {
  feed: string;
  handle: JanusHandle | null;
  closed: boolean;
}

/**
 * What I hear in one Janus session: the feeds (user ids) publishing now, as Janus last told, one subscriber handle
 * each (receive audio only), its track handed to the media session to play. When the relay keeps me out of the room
 * as a participant, the publishers come from the participant list instead.
 */
export class JanusFeeds {
  private readonly feeds = new Set<string>();
  private readonly subscribers = new Map<string, Subscriber>();
  private listTimer: unknown = null;
  private listPoll: (() => void) | null = null;
  private closed = false;

  constructor(
    private readonly session: JanusSession,
    private readonly roomId: string,
    private readonly me: string,
    private readonly events: VendorEvents,
    private readonly timers: Timers,
  ) {}

  /** Exactly these feeds publish now (never myself). */
  set(feeds: string[]): void {
    const now = feeds.filter((feed) => feed !== this.me);
    for (const feed of [...this.feeds]) if (!now.includes(feed)) this.drop(feed, false);
    now.forEach((feed) => this.add(feed, false));
    this.events.publishersNow(now);
  }

  add(feed: string, tell = true): void {
    if (feed === this.me || this.closed) return; // never subscribe to myself
    this.feeds.add(feed);
    if (!this.subscribers.has(feed)) this.subscribe(feed);
    if (tell) this.events.remoteAudio(feed, null, false);
  }

  drop(feed: string, tell = true): void {
    this.feeds.delete(feed);
    this.unsubscribe(feed, true);
    if (tell) this.events.remoteAudio(feed, null, true);
  }

  /** A new subscription: a new PeerConnection from Janus. */
  resubscribe(feed: string): void {
    if (this.closed || !this.feeds.has(feed)) return;
    this.unsubscribe(feed, true);
    this.subscribe(feed);
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

  /** Every handle goes without a request (the session is going). */
  close(): void {
    this.closed = true;
    this.stopListPolling();
    for (const feed of [...this.subscribers.keys()]) this.unsubscribe(feed, false);
  }

  // --- the participant list when the relay keeps me out ------------------------------------------------------------

  /** Reads the participant list through `handle` now and every LIST_POLL_MS while `keptOut()`. */
  startListPolling(handle: JanusHandle, keptOut: () => boolean): void {
    if (this.listTimer !== null) return;
    const poll = (): void => {
      if (!keptOut()) {
        this.stopListPolling();
        return;
      }
      handle.send({
        message: { request: 'listparticipants', room: this.roomId },
        success: (data) => {
          if (!keptOut()) return;
          const list = (data as { participants?: Array<{ id?: unknown; publisher?: unknown }> } | undefined)?.participants;
          if (!Array.isArray(list)) return;
          this.set(list.filter((p) => p?.publisher === true).map((p) => String(p.id)));
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
  pollSoon(): void {
    const poll = this.listPoll;
    if (!poll || this.listTimer === null) return;
    for (const delay of LIST_SOON_MS) this.timers.setTimeout(() => (this.listPoll === poll ? poll() : undefined), delay);
  }

  stopListPolling(): void {
    if (this.listTimer !== null) this.timers.clearInterval(this.listTimer);
    this.listTimer = null;
    this.listPoll = null;
  }

  // --- subscriptions -----------------------------------------------------------------------------------------------

  private subscribe(feed: string): void {
    if (this.closed) return;
    const sub: Subscriber = { feed, handle: null, closed: false };
    this.subscribers.set(feed, sub);
    const mine = (): boolean => !sub.closed && this.subscribers.get(feed) === sub && !this.closed;
    const failed = (error: unknown, request: boolean): void => {
      if (!mine()) return;
      this.events.refused(error);
      this.unsubscribe(feed, request); // the next `publishers` or the health check tries again
    };
    this.session.attach({
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
    try {
      sub.handle?.detach({ noRequest: !request, error: () => undefined });
    } catch {
      // the session may be gone
    }
  }
}
