import { deleteMessage, listMessages, sendMessage } from '../api/chat';
import { fileReport, listReports, myStaffRole, readReport, resolveReport } from '../api/moderation';
import type { Notice } from '../api/moderationTypes';
import { listAudience, listBans, unban, updateRoom } from '../api/roomAdmin';
import { isStaff } from '../api/types';
import type { App } from '../app';
import { browserSocket } from '../events/eventStream';
import { hooks } from '../hooks';
import type { AudioWarning } from '../media/mediaSession';
import { createMediaSession } from '../media/providers';
import { describe } from '../room/roomNotices';
import { notifyInviteInBackground } from '../room/backgroundInvite';
import { describeNotice } from '../room/notices';
import { PersonActionRunner } from '../room/personActionRunner';
import { confirmationText, personActions, type Person, type PersonAction } from '../room/personActions';
import { RoomLifecycle } from '../room/roomLifecycle';
import { RoomPeople } from '../room/roomPeople';
import { RoomReports } from '../room/roomReports';
import { RoomSession } from '../room/roomSession';
import type { RoomView } from '../room/roomSessionOptions';
import { AudienceList } from '../ui/audienceList';
import { AudioWarningBanner, InvitationBanner, JoinQueueBanner, Notices } from '../ui/banners';
import { BansList } from '../ui/bansList';
import { ChatPanel } from '../ui/chatPanel';
import { ChoiceDialog } from '../ui/choiceDialog';
import { HostDialogs } from '../ui/hostDialogs';
import { h, setText } from '../ui/dom';
import { siteHeader } from '../ui/header';
import { RaisedHandsList } from '../ui/raisedHands';
import { ReportDialog } from '../ui/reportDialog';
import { ReportsPanel } from '../ui/reportsPanel';
import { RoomControls, type ControlName } from '../ui/roomControls';
import { RoomSettingsForm } from '../ui/roomSettingsForm';
import { SharePanel } from '../ui/sharePanel';
import { StagePanel } from '../ui/stagePanel';
import { UpcomingPanel } from '../ui/upcomingPanel';
import type { Page } from './page';
import '../styles/room.css';

const START_WATCH_MS = 30_000;

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
  private readonly counts = h('p', { class: 'counts' }, this.audienceCount, ' listening');
  private readonly notices = new Notices();
  private readonly joinQueue = new JoinQueueBanner(() => { this.session.cancelJoin(); this.app.router.navigate('/'); });
  /** Stage changes said politely (someone invited, promoted, moved back). */
  private readonly announcer = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'data-testid': 'room-announcer' });
  private readonly ended = h(
    'section',
    { class: 'ended card', 'data-testid': 'room-ended', hidden: true },
    h('h2', {}, 'This room has ended'),
    h('a', { href: '/', class: 'back-link', 'data-testid': 'back-to-hallway' }, 'Back to the hallway'),
  );
  private readonly dialog = new ChoiceDialog('room-dialog');
  private readonly lifecycle: RoomLifecycle;
  private readonly invitation = new InvitationBanner(
    () => void this.act(() => this.session.stage.acceptInvitation()),
    () => void this.act(() => this.session.stage.declineInvitation()),
  );
  private readonly audioWarning = new AudioWarningBanner();
  private readonly reportDialog: ReportDialog;
  private readonly stage = new StagePanel((userId, displayName) => this.reportDialog.open({ userId, displayName }), {
    actions: (seat) => this.actionsFor({ userId: seat.userId, displayName: seat.displayName, role: seat.role, muted: seat.muted }),
    act: (seat, action) => void this.personAction(action, seat.userId, seat.displayName),
  });
  private readonly people: RoomPeople;
  private readonly audience: AudienceList;
  private readonly runner: PersonActionRunner;
  private readonly share: SharePanel;
  private readonly upcoming = new UpcomingPanel((action) => this.lifecycle.upcoming(action));
  private readonly bans: BansList;
  private readonly settings: RoomSettingsForm;
  /** A PRIVATE room's invite code, from a shared link `/rooms/{id}?invite=CODE`. */
  private readonly inviteCode: string | null;
  /** Platform staff (GET /me's staffRole) run any room they are in, as its HOST would (but cannot hand it over). */
  private platformStaff = false;
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
    const inviteCode = new URLSearchParams(window.location.search).get('invite');
    this.inviteCode = inviteCode;
    if (app.session.get()?.user.username) {
      myStaffRole(app.api).then(
        (role) => {
          this.platformStaff = role !== null;
          if (this.platformStaff) this.redraw();
        },
        () => undefined,
      );
    }
    this.people = new RoomPeople(
      { list: (limit, cursor) => listAudience(app.api, roomId, limit, cursor, inviteCode) },
      (userId) => this.session?.state?.names[userId] ?? null,
      // the audience, and the menus that show who is muted, follow the people's changes
      () => this.redraw(),
    );
    this.audience = new AudienceList(this.people, {
      actions: (l) => this.actionsFor({ userId: l.userId, displayName: l.displayName ?? 'Someone', role: 'AUDIENCE', muted: true }),
      act: (l, action) => void this.personAction(action, l.userId, l.displayName ?? 'Someone'),
    });
    this.runner = new PersonActionRunner({
      api: app.api,
      roomId,
      confirm: (action, name) => this.confirmPersonAction(action, name),
      report: (userId, displayName) => this.reportDialog.open({ userId, displayName }),
      chatMuted: (userId, muted) => this.people.setChatMuted(userId, muted),
      forcedMuted: (userId, muted) => this.people.setForcedMuted(userId, muted),
      done: (text) => this.announce(text),
    });
    this.share = new SharePanel(roomId);
    this.bans = new BansList({ list: (cursor) => listBans(app.api, roomId, 20, cursor), unban: (userId) => unban(app.api, roomId, userId) });
    this.settings = new RoomSettingsForm((changes) => updateRoom(app.api, roomId, changes));
    this.chat = new ChatPanel(
      {
        list: (cursor) => listMessages(app.api, roomId, cursor),
        send: (text, to) => sendMessage(app.api, roomId, { text, ...to }),
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
    this.lifecycle = new RoomLifecycle({
      api: app.api,
      roomId,
      inviteCode,
      session: () => this.session,
      dialogs: new HostDialogs(this.dialog),
      left: () => app.router.navigate('/'),
    });
    this.session = new RoomSession({
      api: app.api,
      roomId,
      // a PRIVATE room's invite code, from a shared link `/rooms/{id}?invite=CODE`
      inviteCode,
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
      people: this.people,
      nameOf: (userId) => this.people.all.find((l) => l.userId === userId)?.displayName ?? null,
      personalNotice: (notice) => this.personalNotice(notice),
      view: this,
      hooks,
    });
    root.replaceChildren(
      siteHeader(app),
      h(
        'main',
        { class: 'room' },
        h('div', { class: 'room-head' }, this.title, this.statusBadge, this.counts, this.reportsPanel.badge),
        this.notices.element,
        this.joinQueue.element,
        this.announcer,
        this.ended,
        this.upcoming.element,
        this.invitation.element,
        this.audioWarning.placeholder,
        this.stage.element,
        this.controls.element,
        this.hands.element,
        this.audience.element,
        this.share.element,
        this.reportsPanel.element,
        this.chat.element,
        h('div', { class: 'room-admin-row' }, this.settings.element, this.bans.element),
        this.audioOutlet,
      ),
      this.reportDialog.element,
      this.dialog.element,
    );
    hooks.roomId = roomId;
    this.changed();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.session.close();
    this.reports.stop();
    this.people.stop();
    this.watchStart(false);
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
    // an ended room says so once, in its ended view; an upcoming one in its own panel
    const status = this.session?.state?.status;
    if (key === 'room' && (status === 'ENDED' || status === 'SCHEDULED') && kind === 'info') {
      this.notices.clear('room');
      return;
    }
    this.notices.show(key, text, kind);
  }

  announce(text: string): void {
    // emptied first, so that the same words said twice are announced twice
    this.announcer.textContent = '';
    setTimeout(() => setText(this.announcer, text), 50);
  }

  joinQueued(position: number | null): void {
    this.joinQueue.show(position);
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
    this.drawing = true;
    try {
      this.draw();
    } finally {
      this.drawing = false;
    }
  }

  private draw(): void {
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
    const ended = state?.status === 'ENDED';
    const scheduled = state?.status === 'SCHEDULED';
    const myId = me?.userId ?? this.app.session.get()?.user.id ?? null;
    this.ended.hidden = !ended;
    this.counts.hidden = ended || scheduled || !state;
    this.stage.element.hidden = ended;
    // the room's HOST and MODERATORs run it; platform staff (API.md: staff act everywhere) may too, once in it
    const moderates = me !== null && (isStaff(me.role) || this.platformStaff);
    const staff = moderates && !ended;
    if (staff) void this.people.start();
    else this.people.stop();
    this.drawAudience();
    const isHost = state?.panel.some((seat) => seat.role === 'HOST' && seat.userId === myId) ?? false;
    // guests cannot keep reminders (API.md: 403): they are not offered one
    const canRemind = Boolean(this.app.session.get()?.user.username);
    this.upcoming.update(scheduled, state?.scheduledFor ?? null, isHost, state?.reminded ?? false, canRemind);
    this.watchStart(scheduled && !isHost);
    this.share.update(state?.inviteCode ?? null, state !== null && !ended);
    this.bans.setVisible(staff);
    this.settings.update(staff && state ? { name: state.name, description: state.description, chat: state.chat.mode, slowModeSeconds: state.chat.slowModeSeconds } : null);
    this.stage.update(state?.panel ?? [], session.speaking, me?.userId ?? null);
    this.hands.update(moderates ? (state?.raisedHands ?? []) : null, state?.names ?? {});
    this.invitation.update(me !== null && me.invited && me.role === 'AUDIENCE');
    this.chat.update({
      myUserId: me?.userId ?? null,
      role: me?.role ?? null,
      mode: state?.chat.mode ?? 'EVERYONE',
      slowModeSeconds: state?.chat.slowModeSeconds ?? 0,
      names: state?.names ?? {},
      people: [
        ...(state?.panel ?? []).map((seat) => ({ userId: seat.userId, displayName: seat.displayName })),
        ...this.people.all.map((l) => ({ userId: l.userId, displayName: l.displayName ?? 'Someone' })),
      ],
    });
    // a room's HOST and MODERATORs see its reports; start and stop follow my role
    if (moderates) void this.reports.start();
    else this.reports.stop();
    this.drawReports();
    this.drawControls();
    hooks.roomId = this.roomId;
    const userId = me?.userId ?? this.app.session.get()?.user.id ?? null;
    hooks.me = userId ? { userId, role: me?.role ?? null } : null;
  }

  /** A notice for me on the socket: said at once (details and appeal on /notices); an invitation in a hidden tab also as a system notification. */
  private personalNotice(raw: Record<string, unknown>): void {
    if (typeof raw.id !== 'string' || typeof raw.kind !== 'string') return;
    const notice: Notice = { id: raw.id, kind: raw.kind, at: String(raw.at ?? ''), read: raw.read === true, data: typeof raw.data === 'object' && raw.data !== null ? (raw.data as Record<string, unknown>) : {} };
    const view = describeNotice(notice);
    const serious = notice.kind === 'WARNED' || notice.kind === 'BANNED' || notice.kind === 'SUSPENDED';
    const text = `${view.title}${view.why ? `: ${view.why}` : ''}${view.until ? ` (until ${view.until})` : ''}.${view.auditId ? ' You can appeal from Notices.' : ''}`;
    this.notices.show('personal', text, serious ? 'error' : 'info');
    void notifyInviteInBackground(notice, this.roomId, (roomId) => this.app.router.navigate(`/rooms/${roomId}`));
  }

  private drawing = false;
  private startWatch: ReturnType<typeof setInterval> | null = null;

  /** Someone waiting for an upcoming room reads it now and then: once its HOST starts it, Join appears. */
  private watchStart(on: boolean): void {
    if (on && this.startWatch === null && !this.destroyed) {
      this.startWatch = setInterval(() => void this.session.open(false), START_WATCH_MS);
    } else if (!on && this.startWatch !== null) {
      clearInterval(this.startWatch);
      this.startWatch = null;
    }
  }

  private redraw(): void {
    if (this.drawing || !this.session || this.destroyed) return;
    this.changed();
  }

  private drawAudience(): void {
    const state = this.session?.state;
    const shown = state && state.status === 'LIVE';
    this.audience.update(shown ? state.audienceCount : null);
  }

  /** What my menu on someone offers, as my role allows. */
  private actionsFor(person: Omit<Person, 'forcedMute' | 'chatMuted'>): PersonAction[] {
    const me = this.session?.joined ? (this.session.state?.me ?? null) : null;
    const caller = { userId: me?.userId ?? this.app.session.get()?.user.id ?? null, role: me?.role ?? null, platformStaff: this.platformStaff };
    return personActions(caller, { ...person, forcedMute: this.people.isForcedMuted(person.userId), chatMuted: this.people.isChatMuted(person.userId) });
  }

  private personAction(action: PersonAction, userId: string, name: string): Promise<void> {
    return this.act(() => this.runner.run(action, userId, name));
  }

  private async confirmPersonAction(action: PersonAction, name: string): Promise<boolean> {
    const words = confirmationText(action, name);
    return (await this.dialog.ask({ title: words.title, body: words.body, choices: [{ key: 'yes', label: words.confirm, danger: true }] })) === 'yes';
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
      if ((me.role === 'HOST' || this.platformStaff) && state?.status === 'LIVE') controls.push('end-room');
    }
    this.controls.update(controls, disabled);
  }

  // --- what the person does -----------------------------------------------------------------------------------------

  private async press(name: ControlName): Promise<void> {
    const stage = this.session.stage;
    switch (name) {
      case 'join':
        return this.session.join();
      case 'end-room':
        return this.act(() => this.lifecycle.end());
      case 'leave':
        if (this.session.state?.me?.role === 'HOST') return this.act(() => this.lifecycle.hostLeaves());
        return this.act(async () => {
          await this.session.leave();
          this.app.router.navigate('/');
        });
      case 'raise-hand':
        this.notices.clear('hand');
        return this.act(() => stage.raiseHand());
      case 'lower-hand':
        return this.act(() => stage.lowerHand());
      case 'unmute':
        return this.act(async () => {
          await stage.unmute();
          this.notices.clear('stage'); // "you're muted" is not true any more
        });
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
