// A room, joined or about to be, without the page: the join (and the media grant it answers), the grant's refresh
// before expiry, the event stream and the resync after a gap, and the media session following my place on stage.
// It holds the room's state (the pure reducer applies events) and tells its view when to draw; it never touches
// the DOM, so tests drive it with fakes.
import { ApiError, isProblem } from '../api/http';
import { joinRoom, leaveRoom, readRoom } from '../api/rooms';
import { mute } from '../api/stage';
import { isOnPanel, type JoinAnswer, type MediaGrant, type RoomDetail, type RoomEvent } from '../api/types';
import type { SubscribedInfo } from '../events/eventStream';
import type { MediaSession } from '../media/mediaSession';
import { realTimers, type Timers } from '../timers';
import { GrantRefresh } from './grantRefresh';
import { JoinCancelled, JoinLine } from './joinLine';
import { describe, joinRefusal, readRefusal } from './roomNotices';
import type { RoomSessionOptions, RoomView } from './roomSessionOptions';
import { openRoomStream, type RoomStream } from './roomStream';
import { applyEvent, fromDetail, heardSpeaking, mergeDetail, type RoomEffect, type RoomState } from './roomState';
import { StageActions } from './stageActions';
import { announcement } from './stageAnnouncements';
import { StageMedia, stageViewOf } from './stageMedia';

/** The `room-status` texts (a test contract). Empty before joining. */
export type RoomStatusText = '' | 'joining' | 'live' | 'reconnecting' | 'ended';

/** Names an event did not carry are read again this long after it (one read for a burst of events). */
export const RELOAD_AFTER_MS = 200;
const SOCKET_ERRORS_KEPT = 50;

export class RoomSession {
  private roomState: RoomState | null = null;
  private status: RoomStatusText = '';
  private isJoined = false;
  private closed = false;
  private notAvailable = false;
  private connection: RoomStream | null = null;
  private reloadTimer: unknown = null;
  /** Events that arrive while the room is read again (after since_expired), applied on top of the fresh read. */
  private resyncBuffer: RoomEvent[] | null = null;
  private readonly timers: Timers;
  private readonly view: RoomView;
  private readonly media: StageMedia;
  private readonly grants: GrantRefresh;
  /** Waiting our turn when the service says many are joining (429 join-queued). */
  private readonly line: JoinLine;
  /** What I do on the stage (hands, invitations, my microphone). */
  readonly stage: StageActions;

  constructor(private readonly options: RoomSessionOptions) {
    this.timers = options.timers ?? realTimers;
    this.view = options.view;
    this.media = new StageMedia({
      roomId: options.roomId,
      createMedia: options.createMedia,
      audioOutlet: options.audioOutlet,
      hooks: options.hooks,
      sendSignal: (to, data) => this.connection?.stream.signal(to, data) ?? false,
      sendFrame: (frame) => this.connection?.stream.sendFrame(frame) ?? false,
      onSpeaking: (userId, speaking) => this.onSpeaking(userId, speaking),
      onAudioWarnings: (warnings) => this.view.audioWarnings(warnings),
      onProblem: (message) => this.view.notice('media', message, 'error'),
      onConnectionState: (reconnecting) => {
        if (reconnecting) this.view.notice('media-connection', 'Audio connection lost: reconnecting…');
        else this.view.clearNotice('media-connection');
        this.view.statusChanged();
      },
      onError: (code, message) => this.recordError(code, message),
    });
    this.grants = new GrantRefresh({
      timers: this.timers,
      rejoin: async () => (await this.joinCall()).media,
      renewed: (grant) => this.useGrant(grant),
      lost: (message) => this.ended(message),
    });
    this.line = new JoinLine({ timers: this.timers, queued: (position) => this.view.joinQueued?.(position) });
    this.stage = new StageActions(options.api, options.roomId, {
      myId: () => this.myId(),
      update: (change) => {
        const before = this.roomState;
        this.roomState = before ? change(before) : before;
        if (this.roomState !== before) this.view.changed();
      },
      setMicrophone: (on) => this.media.setMicrophone(on),
    });
  }

  get state(): RoomState | null {
    return this.roomState;
  }

  get joined(): boolean {
    return this.isJoined;
  }

  /** Reading the room failed: there is nothing to show. */
  get unavailable(): boolean {
    return this.notAvailable;
  }

  /** Who is speaking now (by user id). */
  get speaking(): ReadonlySet<string> {
    return this.media.speaking;
  }

  /** The status to show: a live room whose media connection is being rebuilt (Janus) shows `reconnecting` too. */
  get shownStatus(): RoomStatusText {
    return this.status === 'live' && this.media.isReconnecting ? 'reconnecting' : this.status;
  }

  /** The status as the join and the stream have it (the controls follow it), whatever the media connection says. */
  get rawStatus(): RoomStatusText {
    return this.status;
  }

  /** Reads the room; joins it too when asked and it is LIVE. */
  async open(autoJoin: boolean): Promise<void> {
    try {
      const detail = await this.readRoom();
      if (this.closed) return;
      this.roomState = fromDetail(detail, this.options.auth.userId());
      if (detail.status === 'ENDED') {
        this.setStatus('ended');
        this.view.notice('room', 'This room has ended.');
      } else if (detail.status === 'SCHEDULED') {
        this.view.notice('room', `This room is scheduled${detail.scheduledFor ? ` for ${new Date(detail.scheduledFor).toLocaleString()}` : ''}.`);
      }
      this.view.changed();
      if (autoJoin && detail.status === 'LIVE') {
        await this.join();
      }
    } catch (e) {
      if (this.closed) return;
      this.notAvailable = true;
      const refusal = readRefusal(e);
      this.view.notice('room', refusal.text, refusal.kind);
      this.view.changed();
    }
  }

  /** The page goes away: navigating away is leaving; a reload is not (the presence grace keeps my place). */
  close(): void {
    if (this.closed) return;
    const wasJoined = this.isJoined;
    this.line.cancel();
    this.teardown();
    this.closed = true;
    if (wasJoined) {
      void leaveRoom(this.options.api, this.options.roomId).catch(() => undefined);
    }
  }

  // --- joining -----------------------------------------------------------------------------------------------------

  private readRoom(): Promise<RoomDetail> {
    return readRoom(this.options.api, this.options.roomId, this.options.inviteCode).then((detail) => {
      if (detail.me && typeof detail.me.chatMuted === 'boolean') this.options.chat.setChatMuted(detail.me.chatMuted);
      return detail;
    });
  }

  private joinCall(queueToken: string | null = null): Promise<JoinAnswer> {
    return joinRoom(this.options.api, this.options.roomId, this.options.inviteCode, queueToken);
  }

  async join(): Promise<void> {
    if (this.isJoined || this.status === 'joining') return;
    this.setStatus('joining');
    this.view.clearNotice('room');
    let answer: JoinAnswer;
    try {
      answer = await this.line.join((queueToken) => this.joinCall(queueToken));
      const detail = await this.readRoom();
      if (this.closed) return;
      const state = fromDetail(detail, answer.participant.userId);
      if (!state.me) {
        const p = answer.participant;
        state.me = { userId: p.userId, role: p.role, handRaised: p.handRaised, muted: p.muted, forcedMute: false, invited: false };
      }
      // everyone starts muted: if the server remembers me unmuted (a rejoin), tell it I am muted again, before any
      // Unmute button exists, so that a quick Unmute can never be undone by this
      if (isOnPanel(state.me.role) && !state.me.muted) {
        state.me = { ...state.me, muted: true };
        await mute(this.options.api, this.options.roomId, state.me.userId).catch(() => undefined);
      }
      this.roomState = state;
    } catch (e) {
      if (this.closed) return;
      this.setStatus('');
      this.joinFailed(e);
      this.view.changed();
      return;
    }
    this.isJoined = true;
    this.grants.follow(answer.media);
    this.startStream(answer);
    this.view.changed();
    void this.options.chat.start();
  }

  private startStream(answer: JoinAnswer): void {
    this.connection = openRoomStream({
      ...this.options,
      answer,
      timers: this.timers,
      handlers: {
        event: (event) => this.onEvent(event),
        signal: (from, data) => this.media.signal(from, data),
        status: (status) => {
          if (this.status === 'ended') return;
          if (status === 'live') this.setStatus('live');
          else if (status === 'reconnecting') this.setStatus('reconnecting');
          else if (status === 'connecting') this.setStatus('joining');
        },
        subscribed: (info) => void this.onSubscribed(info),
        notParticipant: () => void this.rejoin(),
        notice: (notice) => { this.options.personalNotice?.(notice); globalThis.window?.dispatchEvent(new CustomEvent('tribune:notice', { detail: notice })); },
        error: (code, message) => {
          this.recordError(code, message);
          console.warn(`tribune: /ws ${code}: ${message}`);
        },
      },
    });
  }

  /** Gives up the place in line of a join waiting its turn (the page's Cancel). */
  cancelJoin(): void {
    this.line.cancel();
  }

  private joinFailed(e: unknown): void {
    if (e instanceof JoinCancelled) return;
    const refusal = joinRefusal(e);
    if (isProblem(e, '/problems/room-ended')) {
      if (this.roomState) this.roomState = { ...this.roomState, status: 'ENDED' };
      this.setStatus('ended');
    }
    this.view.notice('room', refusal.text, refusal.kind);
  }

  private async onSubscribed(info: SubscribedInfo): Promise<void> {
    if (info.afresh) {
      void this.options.chat.reload(); // chat events may have been missed too
      await this.resync();
    }
    if (info.first) {
      await this.startMedia();
    } else {
      this.media.roomChanged({ kind: 'resumed' });
    }
  }

  /** The history we asked for is gone: read the room again, then apply what arrived meanwhile, in order. */
  private async resync(): Promise<void> {
    this.resyncBuffer = [];
    try {
      const detail = await this.readRoom();
      if (this.closed || !this.roomState) return;
      const before = this.roomState;
      const fresh = fromDetail(detail, before.me?.userId ?? null);
      this.roomState = { ...fresh, names: { ...before.names, ...fresh.names }, me: fresh.me ?? before.me };
    } catch (e) {
      console.warn('tribune: could not read the room again', e);
    } finally {
      const buffered = this.resyncBuffer ?? [];
      this.resyncBuffer = null;
      buffered.forEach((event) => this.onEvent(event));
      this.afterChange();
    }
  }

  /** The server no longer counts us in the room (gone past the grace): join again, then resume the stream. */
  private async rejoin(): Promise<void> {
    try {
      const answer = await this.line.join((queueToken) => this.joinCall(queueToken));
      if (this.closed) return;
      this.grants.follow(answer.media);
      void this.useGrant(answer.media);
      this.connection?.stream.resubscribe();
    } catch (e) {
      this.joinFailed(e);
      this.teardown();
      this.view.changed();
    }
  }

  // --- media -------------------------------------------------------------------------------------------------------

  /**
   * A fresh grant. One for another provider (the room moved: its own could not be reached) replaces the media session
   * in place, the page and the room staying as they are.
   */
  private async useGrant(grant: MediaGrant): Promise<void> {
    if (this.media.started && this.media.provider !== grant.provider) {
      this.media.stop();
      // the old provider's "reconnecting" is over: it is gone, and the new one says its own state
      this.view.clearNotice('media-connection');
      this.view.statusChanged();
      await this.startMedia();
    } else {
      await this.media.updateGrant(grant);
    }
  }

  private async startMedia(): Promise<void> {
    const grant = this.grants.current;
    if (!grant || !this.roomState?.me || this.media.started) return;
    let media: MediaSession;
    try {
      media = this.media.create(grant.provider);
    } catch (e) {
      this.view.notice('media', describe(e), 'error'); // an UnsupportedProviderError says which provider
      return;
    }
    await this.media.join(media, grant, stageViewOf(this.roomState));
    // the user may have pressed Unmute (or been muted) while the microphone was being opened: the track follows
    // what the room says now
    const now = this.roomState?.me;
    if (now && isOnPanel(now.role)) {
      await media.setMicrophone(!now.muted);
    }
  }

  private onSpeaking(userId: string, speaking: boolean): void {
    if (speaking && this.roomState) {
      const before = this.roomState;
      this.roomState = heardSpeaking(this.roomState, userId);
      if (before !== this.roomState) this.view.changed();
    }
    const seat = this.roomState?.panel.find((s) => s.userId === userId);
    this.view.speaking(userId, speaking, seat?.muted ?? false);
  }

  private recordError(code: string, message: string): void {
    const errors = this.options.hooks.socketErrors;
    errors.push({ code, message });
    if (errors.length > SOCKET_ERRORS_KEPT) errors.shift();
  }

  // --- events ------------------------------------------------------------------------------------------------------

  private onEvent(event: RoomEvent): void {
    if (this.resyncBuffer) {
      this.resyncBuffer.push(event);
      return;
    }
    if (!this.roomState) return;
    const said = this.view.announce ? announcement(this.roomState, event, (userId) => this.options.nameOf?.(userId) ?? null) : null;
    if (said) this.view.announce?.(said);
    this.options.chat.onEvent(event.type, event.data);
    this.options.reports?.onEvent(event.type, event.data);
    this.options.people?.onEvent(event.type, event.data);
    const { state, effects } = applyEvent(this.roomState, event);
    this.roomState = state;
    for (const effect of effects) {
      this.onEffect(effect);
    }
    this.afterChange();
  }

  private onEffect(effect: RoomEffect): void {
    switch (effect.kind) {
      case 'reload':
        this.reloadSoon();
        break;
      case 'promoted':
        this.view.notice('stage', "You're on stage, and muted: press Unmute when you want to talk.");
        break;
      case 'demoted':
        this.view.notice('stage', "You're back in the audience.");
        void this.media.setMicrophone(false);
        break;
      case 'forced-mute':
        void this.media.setMicrophone(false);
        this.view.notice('stage', 'A moderator muted you. You can unmute when they allow it.');
        break;
      case 'mute-lifted':
        this.view.notice('stage', 'A moderator lifted your mute: you can unmute when you want to talk.');
        break;
      case 'unmuted':
        this.view.clearNotice('stage');
        break;
      case 'hand-denied':
        this.view.notice('hand', 'Your raised hand was declined this time. You can raise it again later.');
        break;
      case 'removed':
        this.ended(effect.banned ? 'You were removed from the room and cannot come back.' : 'You were removed from the room.');
        break;
      case 'ended':
        this.ended('The room has ended.');
        break;
      case 'grant':
        this.grants.follow(effect.media);
        void this.useGrant(effect.media);
        break;
      case 'provider-changed':
        this.view.notice('media-moved', `${effect.from} could not be reached, so this room's audio moved to ${effect.to}.`);
        break;
      case 'rejoin':
        void this.rejoin();
        break;
      case 'media-pending':
        this.view.notice(
          'media-pending',
          `Your place on stage is waiting for the audio service${effect.retryInSeconds ? ` (trying again in ${effect.retryInSeconds} s)` : ''}.`,
        );
        break;
      case 'media-synced':
        this.view.clearNotice('media-pending');
        break;
      case 'invited':
        break; // the banner shows it
      case 'arrived':
        this.media.roomChanged({ kind: 'arrived', userId: effect.userId });
        break;
      case 'left':
        this.media.roomChanged({ kind: 'left', userId: effect.userId });
        break;
    }
  }

  /** After any change of state: tell the media layer the stage, then draw. */
  private afterChange(): void {
    if (this.roomState?.me && this.media.started && this.isJoined) {
      this.media.roomChanged({ kind: 'stage', stage: stageViewOf(this.roomState) });
    }
    this.view.changed();
  }

  private reloadSoon(): void {
    if (this.reloadTimer !== null) return;
    this.reloadTimer = this.timers.setTimeout(async () => {
      this.reloadTimer = null;
      try {
        const detail = await this.readRoom();
        if (this.closed || !this.roomState) return;
        this.roomState = mergeDetail(this.roomState, detail);
        this.afterChange();
      } catch {
        // names stay "Someone" until the next change
      }
    }, RELOAD_AFTER_MS);
  }

  private ended(message: string): void {
    this.teardown();
    this.setStatus('ended');
    this.view.clearNotice('stage');
    this.view.notice('room', message);
    this.view.changed();
  }

  /** Stops media, the stream and the timers (the room stays shown). */
  private teardown(): void {
    this.isJoined = false;
    this.grants.stop();
    if (this.reloadTimer !== null) this.timers.clearTimeout(this.reloadTimer);
    this.reloadTimer = null;
    this.media.stop();
    this.view.clearNotice('media-connection');
    this.connection?.stop();
    this.connection = null;
    this.options.chat.stop();
    this.view.audioWarnings([]);
  }

  // --- my actions: leaving here, the rest in `stage` ---------------------------------------------------------------

  /** Leaves on purpose (a refusal that says I am not in the room anyway counts as left). */
  async leave(): Promise<void> {
    await leaveRoom(this.options.api, this.options.roomId).catch((e) => {
      if (!(e instanceof ApiError) || e.status >= 500 || e.status === 0) throw e;
    });
    this.teardown();
  }

  /** The HOST ended the room from this page: shown ended at once (the `room.ended` event may come later, or never). */
  roomEnded(): void {
    if (this.roomState) this.roomState = { ...this.roomState, status: 'ENDED' };
    if (this.status === 'ended') {
      this.view.changed();
      return;
    }
    this.ended('The room has ended.');
  }

  /** I changed whether I am reminded of this SCHEDULED room. */
  setReminded(reminded: boolean): void {
    if (!this.roomState) return;
    this.roomState = { ...this.roomState, reminded };
    this.view.changed();
  }

  private myId(): string {
    return this.roomState?.me?.userId ?? this.options.auth.userId() ?? '';
  }

  private setStatus(status: RoomStatusText): void {
    this.status = status;
    this.view.statusChanged();
  }
}
