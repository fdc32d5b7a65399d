import { ApiError, isProblem } from '../api/http';
import { isOnPanel, isStaff, type JoinAnswer, type MediaGrant, type Page as ApiPage, type RoomDetail, type RoomEvent, type WsTicket } from '../api/types';
import type { App } from '../app';
import { refreshDelay } from '../auth/tokenRefresher';
import { browserSocket, EventStream, type SubscribedInfo } from '../events/eventStream';
import { hooks } from '../hooks';
import type { MediaSession, SignalChannel, StageView } from '../media/mediaSession';
import { createMediaSession, UnsupportedProviderError } from '../media/providers';
import { applyEvent, fromDetail, heardSpeaking, mergeDetail, type RoomEffect, type RoomState } from '../room/roomState';
import type { SignalData } from '../api/types';
import { AudioWarningBanner, InvitationBanner, Notices } from '../ui/banners';
import { ChatPanel } from '../ui/chatPanel';
import { h, setText } from '../ui/dom';
import { siteHeader } from '../ui/header';
import { RaisedHandsList } from '../ui/raisedHands';
import { RoomControls, type ControlName } from '../ui/roomControls';
import { StagePanel } from '../ui/stagePanel';
import type { Page } from './page';

/** The `room-status` texts (a test contract). Empty before joining. */
export type RoomStatusText = '' | 'joining' | 'live' | 'reconnecting' | 'ended';

/** A grant failing to refresh is tried again after this long. */
const GRANT_RETRY_MS = 10_000;

/** `/rooms/{id}`: join, the stage, hands, invitations, mute, leave; state from the detail, then /ws events. */
export function mountRoomPage(root: HTMLElement, app: App, roomId: string, autoJoin: boolean): Page {
  const page = new RoomPage(root, app, roomId);
  void page.open(autoJoin);
  return page;
}

class RoomPage implements Page {
  private state: RoomState | null = null;
  private status: RoomStatusText = '';
  /** The media layer is rebuilding its server connection (`onConnectionState`). */
  private mediaReconnecting = false;
  private joined = false;
  private destroyed = false;
  private stream: EventStream | null = null;
  private media: MediaSession | null = null;
  private grant: MediaGrant | null = null;
  private grantTimer: ReturnType<typeof setTimeout> | null = null;
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly speaking = new Set<string>();
  /** Events that arrive while the room is read again (after since_expired), applied on top of the fresh read. */
  private resyncBuffer: RoomEvent[] | null = null;
  private readonly signalHandlers = new Set<(from: string, data: SignalData) => void>();
  private readonly cleanups: Array<() => void> = [];

  private readonly title = h('h1', { 'data-testid': 'room-name' }, 'Loading…');
  private readonly statusBadge = h('span', { class: 'status', 'data-testid': 'room-status' });
  private readonly audienceCount = h('span', { 'data-testid': 'audience-count' }, '0');
  private readonly notices = new Notices();
  private readonly invitation = new InvitationBanner(
    () => void this.act(() => this.api('PUT', `/speakers/${this.myId()}`)),
    () => void this.act(async () => {
      await this.api('DELETE', `/speakers/${this.myId()}`);
      this.patchMe({ invited: false });
    }),
  );
  private readonly audioWarning = new AudioWarningBanner();
  private readonly stage = new StagePanel();
  private readonly hands = new RaisedHandsList(
    (userId) => void this.act(async () => {
      await this.api('PUT', `/speakers/${userId}`);
      this.dropHand(userId);
    }),
    (userId) => void this.act(async () => {
      await this.api('DELETE', `/hands/${userId}`);
      this.dropHand(userId);
    }),
  );
  private readonly controls = new RoomControls((name) => this.press(name));
  private readonly chat = new ChatPanel({
    list: (cursor) => this.app.api.get<ApiPage<unknown>>(`/api/v1/rooms/${this.roomId}/messages${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`),
    send: (text) => this.app.api.post<unknown>(`/api/v1/rooms/${this.roomId}/messages`, { text }),
    remove: (id) => this.app.api.delete<void>(`/api/v1/rooms/${this.roomId}/messages/${encodeURIComponent(id)}`),
  });
  private readonly audioOutlet = h('div', { class: 'audio-outlet', 'data-testid': 'audio-outlet', hidden: true });

  constructor(
    private readonly root: HTMLElement,
    private readonly app: App,
    private readonly roomId: string,
  ) {
    root.replaceChildren(
      siteHeader(app),
      h(
        'main',
        { class: 'room' },
        h(
          'div',
          { class: 'room-head' },
          this.title,
          this.statusBadge,
          h('p', { class: 'counts' }, this.audienceCount, ' listening'),
        ),
        this.notices.element,
        this.invitation.element,
        this.audioWarning.placeholder,
        this.stage.element,
        this.controls.element,
        this.hands.element,
        this.chat.element,
        this.audioOutlet,
      ),
    );
    hooks.roomId = roomId;
    this.render();
  }

  async open(autoJoin: boolean): Promise<void> {
    try {
      const detail = await this.readRoom();
      if (this.destroyed) return;
      this.state = fromDetail(detail, this.app.session.get()?.user.id ?? null);
      if (detail.status === 'ENDED') {
        this.setStatus('ended');
        this.notices.show('room', 'This room has ended.');
      } else if (detail.status === 'SCHEDULED') {
        this.notices.show('room', `This room is scheduled${detail.scheduledFor ? ` for ${new Date(detail.scheduledFor).toLocaleString()}` : ''}.`);
      }
      this.render();
      if (autoJoin && detail.status === 'LIVE') {
        await this.join();
      }
    } catch (e) {
      if (this.destroyed) return;
      this.title.textContent = 'Room not available';
      this.notices.show('room', e instanceof ApiError && e.status === 404 ? 'This room does not exist, or you cannot see it.' : describe(e), 'error');
    }
  }

  destroy(): void {
    if (this.destroyed) return;
    const wasJoined = this.joined;
    this.teardown();
    this.destroyed = true;
    if (wasJoined) {
      // navigating away is leaving; a reload is not (the presence grace keeps my place)
      void this.app.api.post(`/api/v1/rooms/${this.roomId}/leave`).catch(() => undefined);
    }
    hooks.roomId = null;
    if (hooks.me) hooks.me = { ...hooks.me, role: null };
    this.root.replaceChildren();
  }

  // --- joining -----------------------------------------------------------------------------------------------------

  /** A PRIVATE room's invite code, from a shared link `/rooms/{id}?invite=CODE`. */
  private readonly inviteCode = new URLSearchParams(window.location.search).get('invite');

  private readRoom(): Promise<RoomDetail> {
    const query = this.inviteCode ? `?inviteCode=${encodeURIComponent(this.inviteCode)}` : '';
    return this.app.api.get<RoomDetail>(`/api/v1/rooms/${this.roomId}${query}`).then((detail) => {
      if (detail.me && typeof detail.me.chatMuted === 'boolean') this.chat.setChatMuted(detail.me.chatMuted);
      return detail;
    });
  }

  /** Joins, or joins again (which refreshes the media grant). */
  private joinCall(): Promise<JoinAnswer> {
    return this.app.api.post<JoinAnswer>(`/api/v1/rooms/${this.roomId}/join`, this.inviteCode ? { inviteCode: this.inviteCode } : {});
  }

  private async join(): Promise<void> {
    if (this.joined || this.status === 'joining') return;
    this.setStatus('joining');
    this.notices.clear('room');
    let answer: JoinAnswer;
    try {
      answer = await this.joinCall();
      const detail = await this.readRoom();
      if (this.destroyed) return;
      const state = fromDetail(detail, answer.participant.userId);
      if (!state.me) {
        state.me = { userId: answer.participant.userId, role: answer.participant.role, handRaised: answer.participant.handRaised, muted: answer.participant.muted, forcedMute: false, invited: false };
      }
      // everyone starts muted: if the server remembers me unmuted (a rejoin), tell it I am muted again, before any
      // Unmute button exists, so that a quick Unmute can never be undone by this
      if (state.me && isOnPanel(state.me.role) && !state.me.muted) {
        state.me = { ...state.me, muted: true };
        await this.api('PUT', `/participants/${state.me.userId}/mute`).catch(() => undefined);
      }
      this.state = state;
    } catch (e) {
      if (this.destroyed) return;
      this.setStatus('');
      this.joinFailed(e);
      this.render();
      return;
    }
    this.joined = true;
    this.grant = answer.media;
    this.planGrantRefresh();
    this.stream = new EventStream({
      roomId: this.roomId,
      since: answer.events.roomSeq,
      socketUrl: () => this.socketUrl(answer.events.url),
      refreshToken: async () => (await this.app.refresher.refreshNow().catch(() => null)) !== null,
      openSocket: browserSocket,
      handlers: {
        event: (event) => this.onEvent(event),
        signal: (from, data) => this.signalHandlers.forEach((handler) => handler(from, data)),
        status: (status) => {
          if (this.status === 'ended') return;
          if (status === 'live') this.setStatus('live');
          else if (status === 'reconnecting') this.setStatus('reconnecting');
          else if (status === 'connecting') this.setStatus('joining');
        },
        subscribed: (info) => void this.onSubscribed(info),
        notParticipant: () => void this.rejoin(),
        error: (code, message) => {
          hooks.socketErrors.push({ code, message });
          if (hooks.socketErrors.length > 50) hooks.socketErrors.shift();
          console.warn(`tribune: /ws ${code}: ${message}`);
        },
      },
    });
    // every refresh extends the socket's life
    const unsubscribe = this.app.session.subscribe((session) => {
      if (session) this.stream?.authenticate(session.accessToken);
    });
    this.cleanups.push(unsubscribe);
    this.stream.start();
    this.render();
    void this.chat.start();
  }

  private joinFailed(e: unknown): void {
    if (isProblem(e, '/problems/room-ended')) {
      this.setStatus('ended');
      this.notices.show('room', 'This room has ended.');
    } else if (isProblem(e, '/problems/banned')) {
      this.notices.show('room', 'You cannot join this room: you were banned from it.', 'error');
    } else if (isProblem(e, '/problems/room-full')) {
      this.notices.show('room', 'This room is full.', 'error');
    } else if (isProblem(e, '/problems/provider-unavailable')) {
      const wait = e instanceof ApiError && e.retryAfterSeconds ? ` Try again in ${e.retryAfterSeconds} s.` : '';
      this.notices.show('room', `The room's audio service cannot be reached right now.${wait}`, 'error');
    } else {
      this.notices.show('room', describe(e), 'error');
    }
  }

  private async socketUrl(path: string): Promise<string> {
    const ticket = await this.app.api.post<WsTicket>('/api/v1/auth/ws-ticket');
    const url = new URL(path || '/ws', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('ticket', ticket.ticket);
    return url.toString();
  }

  private async onSubscribed(info: SubscribedInfo): Promise<void> {
    if (info.afresh) {
      void this.chat.reload(); // chat events may have been missed too
      await this.resync();
    }
    if (info.first) {
      await this.startMedia();
    } else {
      this.media?.roomChanged({ kind: 'resumed' });
    }
  }

  /** The history we asked for is gone: read the room again, then apply what arrived meanwhile, in order. */
  private async resync(): Promise<void> {
    this.resyncBuffer = [];
    try {
      const detail = await this.readRoom();
      if (this.destroyed || !this.state) return;
      const fresh = fromDetail(detail, this.state.me?.userId ?? null);
      this.state = { ...fresh, names: { ...this.state.names, ...fresh.names }, me: fresh.me ?? this.state.me };
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
      const answer = await this.joinCall();
      this.grant = answer.media;
      void this.media?.updateGrant(answer.media);
      this.planGrantRefresh();
      this.stream?.resubscribe();
    } catch (e) {
      this.joinFailed(e);
      this.teardown();
      this.render();
    }
  }

  // --- media -------------------------------------------------------------------------------------------------------

  private async startMedia(): Promise<void> {
    if (!this.grant || !this.state?.me || this.media) return;
    let media: MediaSession;
    try {
      media = createMediaSession(this.grant.provider);
    } catch (e) {
      this.notices.show('media', e instanceof UnsupportedProviderError ? e.message : describe(e), 'error');
      return;
    }
    this.media = media;
    hooks.media = media;
    media.onSpeaking((userId, speaking) => {
      if (speaking) this.speaking.add(userId);
      else this.speaking.delete(userId);
      if (speaking && this.state) {
        const before = this.state;
        this.state = heardSpeaking(this.state, userId);
        if (before !== this.state) this.render();
      }
      const seat = this.state?.panel.find((s) => s.userId === userId);
      this.stage.setSpeaking(userId, speaking, seat?.muted ?? false);
    });
    const signalling: SignalChannel = {
      send: (to, data) => this.stream?.signal(to, data) ?? false,
      onSignal: (handler) => {
        this.signalHandlers.add(handler);
        return () => this.signalHandlers.delete(handler);
      },
      sendFrame: (frame) => this.stream?.sendFrame(frame) ?? false,
    };
    await media.join(this.grant, {
      roomId: this.roomId,
      stage: this.stageView(),
      signalling,
      audioOutlet: this.audioOutlet,
      onAudioWarnings: (warnings) => this.audioWarning.update(warnings),
      onProblem: (message) => this.notices.show('media', message, 'error'),
      onConnectionState: (state) => {
        if (this.media !== media) return;
        this.mediaReconnecting = state === 'reconnecting';
        if (this.mediaReconnecting) this.notices.show('media-connection', 'Audio connection lost: reconnecting…');
        else this.notices.clear('media-connection');
        this.setStatus(this.status);
      },
      onError: (code, message) => {
        hooks.socketErrors.push({ code, message });
        if (hooks.socketErrors.length > 50) hooks.socketErrors.shift();
      },
    });
    // the user may have pressed Unmute (or been muted) while the microphone was being opened: the track follows
    // what the room says now
    const now = this.state?.me;
    if (now && isOnPanel(now.role)) {
      await media.setMicrophone(!now.muted);
    }
  }

  private stageView(): StageView {
    const state = this.state;
    const me = state?.me;
    return {
      myUserId: me?.userId ?? '',
      myRole: me?.role ?? 'AUDIENCE',
      panel: (state?.panel ?? []).map((s) => ({ userId: s.userId, displayName: s.displayName, role: s.role, muted: s.muted, mutedKnown: s.mutedKnown })),
      known: Object.keys(state?.names ?? {}).filter((id) => id !== me?.userId),
    };
  }

  /** Re-join before the grant expires: that refreshes it. */
  private planGrantRefresh(delay?: number): void {
    if (this.grantTimer !== null) clearTimeout(this.grantTimer);
    const grant = this.grant;
    if (!grant || this.destroyed) return;
    const wait = delay ?? refreshDelay(Date.parse(grant.expiresAt), Date.now());
    this.grantTimer = setTimeout(() => {
      this.grantTimer = null;
      void this.refreshGrant();
    }, Math.min(wait, 2_147_483_647));
  }

  private async refreshGrant(): Promise<void> {
    if (!this.joined || this.destroyed) return;
    try {
      const answer = await this.joinCall();
      this.grant = answer.media;
      await this.media?.updateGrant(answer.media);
      this.planGrantRefresh();
    } catch (e) {
      if (isProblem(e, '/problems/room-ended')) {
        this.ended('The room has ended.');
      } else if (isProblem(e, '/problems/banned')) {
        this.ended('You were removed from the room.');
      } else {
        this.planGrantRefresh(GRANT_RETRY_MS);
      }
    }
  }

  // --- events ------------------------------------------------------------------------------------------------------

  private onEvent(event: RoomEvent): void {
    if (this.resyncBuffer) {
      this.resyncBuffer.push(event);
      return;
    }
    if (!this.state) return;
    this.chat.onEvent(event.type, event.data);
    const { state, effects } = applyEvent(this.state, event);
    this.state = state;
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
        this.notices.show('stage', "You're on stage, and muted: press Unmute when you want to talk.");
        break;
      case 'demoted':
        this.notices.show('stage', "You're back in the audience.");
        void this.media?.setMicrophone(false);
        break;
      case 'forced-mute':
        void this.media?.setMicrophone(false);
        this.notices.show('stage', 'A moderator muted you. You can unmute when they allow it.');
        break;
      case 'removed':
        this.ended(effect.banned ? 'You were removed from the room and cannot come back.' : 'You were removed from the room.');
        break;
      case 'ended':
        this.ended('The room has ended.');
        break;
      case 'grant':
        this.grant = effect.media;
        void this.media?.updateGrant(effect.media);
        this.planGrantRefresh();
        break;
      case 'media-pending':
        this.notices.show(
          'media-pending',
          `Your place on stage is waiting for the audio service${effect.retryInSeconds ? ` (trying again in ${effect.retryInSeconds} s)` : ''}.`,
        );
        break;
      case 'media-synced':
        this.notices.clear('media-pending');
        break;
      case 'invited':
        break; // the banner shows it
      case 'arrived':
        this.media?.roomChanged({ kind: 'arrived', userId: effect.userId });
        break;
      case 'left':
        this.media?.roomChanged({ kind: 'left', userId: effect.userId });
        break;
    }
  }

  /** After any change of state: tell the media layer the stage, publish the hooks, draw. */
  private afterChange(): void {
    if (this.state?.me && this.media && this.joined) {
      this.media.roomChanged({ kind: 'stage', stage: this.stageView() });
    }
    this.render();
  }

  private reloadSoon(): void {
    if (this.reloadTimer !== null) return;
    this.reloadTimer = setTimeout(async () => {
      this.reloadTimer = null;
      try {
        const detail = await this.readRoom();
        if (this.destroyed || !this.state) return;
        this.state = mergeDetail(this.state, detail);
        this.afterChange();
      } catch {
        // names stay "Someone" until the next change
      }
    }, 200);
  }

  private ended(message: string): void {
    this.teardown();
    this.setStatus('ended');
    this.notices.clear('stage');
    this.notices.show('room', message);
    this.render();
  }

  /** Stops media, the stream and the timers (the page stays, showing the room). */
  private teardown(): void {
    this.joined = false;
    if (this.grantTimer !== null) clearTimeout(this.grantTimer);
    if (this.reloadTimer !== null) clearTimeout(this.reloadTimer);
    this.grantTimer = this.reloadTimer = null;
    const media = this.media;
    this.media = null;
    hooks.media = null;
    this.mediaReconnecting = false;
    this.notices.clear('media-connection');
    void media?.leave();
    this.stream?.stop();
    this.stream = null;
    this.cleanups.splice(0).forEach((c) => c());
    this.signalHandlers.clear();
    this.speaking.clear();
    this.chat.stop();
    this.audioWarning.update([]);
  }

  // --- my actions --------------------------------------------------------------------------------------------------

  private async press(name: ControlName): Promise<void> {
    switch (name) {
      case 'join':
        await this.join();
        break;
      case 'leave':
        await this.act(async () => {
          await this.app.api.post(`/api/v1/rooms/${this.roomId}/leave`).catch((e) => {
            if (!(e instanceof ApiError) || e.status >= 500 || e.status === 0) throw e;
          });
          this.teardown();
          this.app.router.navigate('/');
        });
        break;
      case 'raise-hand':
        await this.act(async () => {
          await this.api('PUT', '/hand');
          this.patchMe({ handRaised: true });
        });
        break;
      case 'lower-hand':
        await this.act(async () => {
          await this.api('DELETE', '/hand');
          this.patchMe({ handRaised: false });
        });
        break;
      case 'unmute':
        await this.act(async () => {
          // the server first (it refuses while a moderator's mute holds), then the track
          await this.api('DELETE', `/participants/${this.myId()}/mute`);
          this.patchMe({ muted: false, forcedMute: false });
          await this.media?.setMicrophone(true);
        });
        break;
      case 'mute':
        await this.act(async () => {
          await this.media?.setMicrophone(false); // silence at once, then tell the room
          this.patchMe({ muted: true });
          await this.api('PUT', `/participants/${this.myId()}/mute`);
        });
        break;
    }
  }

  /** Runs a user action; a refusal is shown, never thrown. */
  private async act(action: () => Promise<void>): Promise<void> {
    try {
      this.notices.clear('action');
      await action();
    } catch (e) {
      this.notices.show('action', describe(e), 'error');
    }
  }

  private api(method: 'PUT' | 'DELETE', path: string): Promise<void> {
    return this.app.api.request<void>(method, `/api/v1/rooms/${this.roomId}${path}`);
  }

  private myId(): string {
    return this.state?.me?.userId ?? this.app.session.get()?.user.id ?? '';
  }

  private patchMe(patch: Partial<NonNullable<RoomState['me']>>): void {
    const state = this.state;
    if (!state?.me) return;
    const me = { ...state.me, ...patch };
    const panel = patch.muted === undefined ? state.panel : state.panel.map((s) => (s.userId === me.userId ? { ...s, muted: me.muted, mutedKnown: true } : s));
    this.state = { ...state, me, panel };
    this.render();
  }

  private dropHand(userId: string): void {
    if (!this.state?.raisedHands) return;
    this.state = { ...this.state, raisedHands: this.state.raisedHands.filter((h) => h.userId !== userId) };
    this.render();
  }

  // --- drawing -----------------------------------------------------------------------------------------------------

  private setStatus(status: RoomStatusText): void {
    this.status = status;
    // a live room whose media server connection is being rebuilt (Janus) shows `reconnecting` too
    const shown: RoomStatusText = status === 'live' && this.mediaReconnecting ? 'reconnecting' : status;
    setText(this.statusBadge, shown);
    this.statusBadge.dataset.status = shown;
  }

  private render(): void {
    const state = this.state;
    const me = this.joined ? (state?.me ?? null) : null;
    if (state) {
      setText(this.title, state.name);
      document.title = `${state.name} · Tribune`;
      setText(this.audienceCount, String(state.audienceCount));
    }
    this.stage.update(state?.panel ?? [], this.speaking, me?.userId ?? null);
    this.hands.update(me && isStaff(me.role) ? (state?.raisedHands ?? []) : null, state?.names ?? {});
    this.invitation.update(me !== null && me.invited && me.role === 'AUDIENCE');
    this.chat.update({
      myUserId: me?.userId ?? null,
      role: me?.role ?? null,
      mode: state?.chat.mode ?? 'EVERYONE',
      slowModeSeconds: state?.chat.slowModeSeconds ?? 0,
      names: state?.names ?? {},
    });

    const controls: ControlName[] = [];
    const disabled: Partial<Record<ControlName, string>> = {};
    if (!this.joined) {
      if (state?.status === 'LIVE' && this.status !== 'ended') {
        controls.push('join');
        if (this.status === 'joining') disabled.join = 'Joining…';
      }
    } else if (me) {
      if (me.role === 'AUDIENCE') {
        controls.push(me.handRaised ? 'lower-hand' : 'raise-hand');
      } else if (me.muted) {
        controls.push('unmute');
        if (me.forcedMute) disabled.unmute = 'A moderator muted you';
      } else {
        controls.push('mute');
      }
      controls.push('leave');
    }
    this.controls.update(controls, disabled);

    hooks.roomId = this.roomId;
    const userId = me?.userId ?? this.app.session.get()?.user.id ?? null;
    hooks.me = userId ? { userId, role: me?.role ?? null } : null;
  }
}

function describe(e: unknown): string {
  return e instanceof ApiError ? e.describe() : e instanceof Error ? e.message : String(e);
}
