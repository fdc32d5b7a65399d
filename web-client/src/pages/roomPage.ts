import { deleteMessage, listMessages, sendMessage } from '../api/chat';
import { fileReport, listReports, readReport, resolveReport } from '../api/moderation';
import type { Notice } from '../api/moderationTypes';
import { isStaff } from '../api/types';
import type { App } from '../app';
import { browserSocket } from '../events/eventStream';
import { hooks } from '../hooks';
import type { AudioWarning } from '../media/mediaSession';
import { createMediaSession } from '../media/providers';
import { describe } from '../room/roomNotices';
import { describeNotice } from '../room/notices';
import { RoomReports } from '../room/roomReports';
import { RoomSession } from '../room/roomSession';
import type { RoomView } from '../room/roomSessionOptions';
import { AudioWarningBanner, InvitationBanner, Notices } from '../ui/banners';
import { ChatPanel } from '../ui/chatPanel';
import { h, setText } from '../ui/dom';
import { siteHeader } from '../ui/header';
import { RaisedHandsList } from '../ui/raisedHands';
import { ReportDialog } from '../ui/reportDialog';
import { ReportsPanel } from '../ui/reportsPanel';
import { RoomControls, type ControlName } from '../ui/roomControls';
import { StagePanel } from '../ui/stagePanel';
import type { Page } from './page';

/** `/rooms/{id}`: the room drawn from its session (which joins, follows the events and runs the media). */
export function mountRoomPage(root: HTMLElement, app: App, roomId: string, autoJoin: boolean): Page {
  const page = new RoomPage(root, app, roomId);
  void page.session.open(autoJoin);
  return page;
}

class RoomPage implements Page, RoomView {
  readonly session: RoomSession;
  private destroyed = false;

  private readonly title = h('h1', { 'data-testid': 'room-name' }, 'Loading…');
  private readonly statusBadge = h('span', { class: 'status', 'data-testid': 'room-status' });
  private readonly audienceCount = h('span', { 'data-testid': 'audience-count' }, '0');
  private readonly notices = new Notices();
  private readonly invitation = new InvitationBanner(
    () => void this.act(() => this.session.stage.acceptInvitation()),
    () => void this.act(() => this.session.stage.declineInvitation()),
  );
  private readonly audioWarning = new AudioWarningBanner();
  private readonly reportDialog: ReportDialog;
  private readonly stage = new StagePanel((userId, displayName) => this.reportDialog.open({ userId, displayName }));
  private readonly hands = new RaisedHandsList(
    (userId) => void this.act(() => this.session.stage.approveHand(userId)),
    (userId) => void this.act(() => this.session.stage.denyHand(userId)),
    (userId, displayName) => this.reportDialog.open({ userId, displayName }),
  );
  private readonly controls = new RoomControls((name) => this.press(name));
  private readonly chat: ChatPanel;
  private readonly reports: RoomReports;
  private readonly reportsPanel = new ReportsPanel((reportId, action) => void this.reports.resolve(reportId, action));
  private readonly audioOutlet = h('div', { class: 'audio-outlet', 'data-testid': 'audio-outlet', hidden: true });

  constructor(
    private readonly root: HTMLElement,
    private readonly app: App,
    private readonly roomId: string,
  ) {
    this.reportDialog = new ReportDialog((body) => fileReport(app.api, { ...body, roomId }));
    this.chat = new ChatPanel(
      {
        list: (cursor) => listMessages(app.api, roomId, cursor),
        send: (text) => sendMessage(app.api, roomId, { text }),
        remove: (id) => deleteMessage(app.api, roomId, id),
      },
      (target) => this.reportDialog.open(target),
    );
    this.reports = new RoomReports(
      {
        listOpen: (cursor) => listReports(app.api, { status: 'OPEN', roomId }, cursor),
        read: (reportId) => readReport(app.api, reportId),
        resolve: (reportId, action) => resolveReport(app.api, reportId, { action }),
      },
      () => this.drawReports(),
    );
    this.session = new RoomSession({
      api: app.api,
      roomId,
      // a PRIVATE room's invite code, from a shared link `/rooms/{id}?invite=CODE`
      inviteCode: new URLSearchParams(window.location.search).get('invite'),
      auth: {
        userId: () => app.session.get()?.user.id ?? null,
        refresh: async () => (await app.refresher.refreshNow().catch(() => null)) !== null,
        onAccessToken: (listener) =>
          app.session.subscribe((session) => {
            if (session) listener(session.accessToken);
          }),
      },
      openSocket: browserSocket,
      pageUrl: () => window.location.href,
      createMedia: createMediaSession,
      audioOutlet: this.audioOutlet,
      chat: this.chat,
      reports: this.reports,
      personalNotice: (notice) => this.personalNotice(notice),
      view: this,
      hooks,
    });
    root.replaceChildren(
      siteHeader(app),
      h(
        'main',
        { class: 'room' },
        h('div', { class: 'room-head' }, this.title, this.statusBadge, h('p', { class: 'counts' }, this.audienceCount, ' listening'), this.reportsPanel.badge),
        this.notices.element,
        this.invitation.element,
        this.audioWarning.placeholder,
        this.stage.element,
        this.controls.element,
        this.hands.element,
        this.reportsPanel.element,
        this.chat.element,
        this.audioOutlet,
      ),
      this.reportDialog.element,
    );
    hooks.roomId = roomId;
    this.changed();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.session.close();
    this.reports.stop();
    hooks.roomId = null;
    if (hooks.me) hooks.me = { ...hooks.me, role: null };
    this.root.replaceChildren();
  }

  // --- what the session tells ----------------------------------------------------------------------------------------

  statusChanged(): void {
    const shown = this.session.shownStatus;
    setText(this.statusBadge, shown);
    this.statusBadge.dataset.status = shown;
  }

  notice(key: string, text: string, kind: 'info' | 'error' = 'info'): void {
    this.notices.show(key, text, kind);
  }

  clearNotice(key: string): void {
    this.notices.clear(key);
  }

  speaking(userId: string, speaking: boolean, muted: boolean): void {
    this.stage.setSpeaking(userId, speaking, muted);
  }

  audioWarnings(warnings: AudioWarning[]): void {
    this.audioWarning.update(warnings);
  }

  changed(): void {
    const session = this.session;
    const state = session.state;
    const me = session.joined ? (state?.me ?? null) : null;
    if (state) {
      setText(this.title, state.name);
      document.title = `${state.name} · Tribune`;
      setText(this.audienceCount, String(state.audienceCount));
    } else if (session.unavailable) {
      setText(this.title, 'Room not available');
    }
    this.stage.update(state?.panel ?? [], session.speaking, me?.userId ?? null);
    this.hands.update(me && isStaff(me.role) ? (state?.raisedHands ?? []) : null, state?.names ?? {});
    this.invitation.update(me !== null && me.invited && me.role === 'AUDIENCE');
    this.chat.update({
      myUserId: me?.userId ?? null,
      role: me?.role ?? null,
      mode: state?.chat.mode ?? 'EVERYONE',
      slowModeSeconds: state?.chat.slowModeSeconds ?? 0,
      names: state?.names ?? {},
    });
    // a room's HOST and MODERATORs see its reports; start and stop follow my role
    if (me && isStaff(me.role)) void this.reports.start();
    else this.reports.stop();
    this.drawReports();
    this.drawControls();
    hooks.roomId = this.roomId;
    const userId = me?.userId ?? this.app.session.get()?.user.id ?? null;
    hooks.me = userId ? { userId, role: me?.role ?? null } : null;
  }

  /** A notice for me arrived on the socket: a moderation one is said at once (the details and appeal are on /notices). */
  private personalNotice(raw: Record<string, unknown>): void {
    if (typeof raw.id !== 'string' || typeof raw.kind !== 'string') return;
    const notice: Notice = { id: raw.id, kind: raw.kind, at: String(raw.at ?? ''), read: raw.read === true, data: typeof raw.data === 'object' && raw.data !== null ? (raw.data as Record<string, unknown>) : {} };
    const view = describeNotice(notice);
    const serious = notice.kind === 'WARNED' || notice.kind === 'BANNED' || notice.kind === 'SUSPENDED';
    const text = `${view.title}${view.why ? `: ${view.why}` : ''}${view.until ? ` (until ${view.until})` : ''}.${view.auditId ? ' You can appeal from Notices.' : ''}`;
    this.notices.show('personal', text, serious ? 'error' : 'info');
  }

  private drawReports(): void {
    const state = this.session.state;
    this.reportsPanel.update(this.reports.isActive ? this.reports.items : null, this.reports.lastNote, state?.names ?? {});
  }

  /** Only the buttons that apply now: Join before joining, then my hand or my microphone, and Leave. */
  private drawControls(): void {
    const state = this.session.state;
    const status = this.session.rawStatus;
    const controls: ControlName[] = [];
    const disabled: Partial<Record<ControlName, string>> = {};
    const me = state?.me;
    if (!this.session.joined) {
      if (state?.status === 'LIVE' && status !== 'ended') {
        controls.push('join');
        if (status === 'joining') disabled.join = 'Joining…';
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
  }

  // --- what the person does -----------------------------------------------------------------------------------------

  private async press(name: ControlName): Promise<void> {
    const stage = this.session.stage;
    switch (name) {
      case 'join':
        return this.session.join();
      case 'leave':
        return this.act(async () => {
          await this.session.leave();
          this.app.router.navigate('/');
        });
      case 'raise-hand':
        return this.act(() => stage.raiseHand());
      case 'lower-hand':
        return this.act(() => stage.lowerHand());
      case 'unmute':
        return this.act(() => stage.unmute());
      case 'mute':
        return this.act(() => stage.mute());
    }
  }

  /** Runs a person's action; a refusal is shown, never thrown. */
  private async act(action: () => Promise<void>): Promise<void> {
    try {
      this.notices.clear('action');
      await action();
    } catch (e) {
      this.notices.show('action', describe(e), 'error');
    }
  }
}
