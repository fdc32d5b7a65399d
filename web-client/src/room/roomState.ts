import {
  isOnPanel,
  isStaff,
  type MediaGrant,
  type RaisedHand,
  type RoomDetail,
  type RoomStatus,
  type StageRole,
} from '../api/types';
import { exhaustive, isGrant, type RoomEvent } from '../events/roomEvents';
import { chatMode, type ChatMode } from './chat';

/** Someone on the stage, as the room page shows them. */
export interface StageSeat {
  userId: string;
  displayName: string;
  role: StageRole;
  muted: boolean;
  /**
   * Whether `muted` was told to us (room detail for ourselves, or a mute event). API.md's panel does not say who is
   * muted, and everyone starts muted, so until told otherwise a speaker is shown muted.
   */
  mutedKnown: boolean;
}

export interface MyState {
  userId: string;
  role: StageRole;
  handRaised: boolean;
  muted: boolean;
  forcedMute: boolean;
  invited: boolean;
}

export interface RoomState {
  roomId: string;
  name: string;
  status: RoomStatus;
  provider: string | null;
  panel: StageSeat[];
  participantCount: number;
  speakerCount: number;
  audienceCount: number;
  /** HOST and MODERATORs only; null for everyone else. */
  raisedHands: RaisedHand[] | null;
  /** Null until joined. */
  me: MyState | null;
  /** Display names met so far, by user id (events such as role.changed carry only ids). */
  names: Record<string, string>;
  removed: { banned: boolean } | null;
  /** The room's chat setting (`settings` in the detail, `room.updated` events). */
  chat: { mode: ChatMode; slowModeSeconds: number };
  description: string | null;
  visibility: string;
  /** A PRIVATE room's invite code (its HOST only). */
  inviteCode: string | null;
  /** When a SCHEDULED room starts. */
  scheduledFor: string | null;
  /** Whether I asked to be reminded when this SCHEDULED room starts (`reminded` in the detail). */
  reminded: boolean;
}

/** What a room event means beyond the state change, for the page (and the media layer) to act on. */
export type RoomEffect =
  | { kind: 'reload' } // a name we do not know, or we became staff and need the raised hands
  | { kind: 'promoted' } // we are on the stage now, muted
  | { kind: 'demoted' } // we are back in the audience
  | { kind: 'forced-mute' } // a HOST or MODERATOR muted us
  | { kind: 'mute-lifted' } // a HOST or MODERATOR lifted their mute: I may unmute myself
  | { kind: 'unmuted' } // our microphone is open again (a forced mute lifted, or our own Unmute)
  | { kind: 'hand-denied' } // a HOST or MODERATOR lowered our raised hand
  | { kind: 'removed'; banned: boolean }
  | { kind: 'ended' }
  | { kind: 'grant'; media: MediaGrant }
  | { kind: 'provider-changed'; from: string; to: string } // the room's audio moved: a grant for `to` follows
  | { kind: 'rejoin' } // an empty media.grant: no grant can be minted for the seat we hold; join again
  | { kind: 'media-pending'; retryInSeconds: number | null }
  | { kind: 'media-synced' }
  | { kind: 'invited' }
  | { kind: 'arrived'; userId: string } // a panel member (re)joined: their client is new
  | { kind: 'left'; userId: string } // someone on the panel left or was removed (role changes show in the panel)
  | { kind: 'report-filed'; reportId: string; reportedUserId: string; reason: string }; // to HOST and MODERATORs

export interface Applied {
  state: RoomState;
  effects: RoomEffect[];
}

const ROLE_ORDER: Record<StageRole, number> = { HOST: 0, MODERATOR: 1, SPEAKER: 2, AUDIENCE: 3 };

function sortPanel(panel: StageSeat[]): StageSeat[] {
  // stable: within a role, people keep the order they arrived in
  return panel
    .map((seat, index) => ({ seat, index }))
    .sort((a, b) => ROLE_ORDER[a.seat.role] - ROLE_ORDER[b.seat.role] || a.index - b.index)
    .map((x) => x.seat);
}

/** The room as the detail describes it, from `myUserId`'s point of view. */
export function fromDetail(detail: RoomDetail, myUserId: string | null): RoomState {
  const names: Record<string, string> = {};
  for (const seat of detail.panel) {
    if (seat.displayName) {
      names[seat.userId] = seat.displayName;
    }
  }
  for (const hand of detail.raisedHands ?? []) {
    if (hand.displayName) {
      names[hand.userId] = hand.displayName;
    }
  }
  const me: MyState | null =
    detail.me && myUserId
      ? {
          userId: myUserId,
          role: detail.me.role,
          handRaised: detail.me.handRaised,
          muted: detail.me.muted,
          forcedMute: detail.me.forcedMute,
          invited: detail.me.invited,
        }
      : null;
  const panel = detail.panel
    .filter((seat) => isOnPanel(seat.role))
    .map<StageSeat>((seat) => {
      const mine = me !== null && seat.userId === me.userId;
      const known = mine || typeof seat.muted === 'boolean';
      return {
        userId: seat.userId,
        displayName: seat.displayName ?? names[seat.userId] ?? 'Someone',
        role: seat.role,
        muted: mine ? me.muted : (seat.muted ?? true),
        mutedKnown: known,
      };
    });
  return {
    roomId: detail.id,
    name: detail.name,
    status: detail.status,
    provider: detail.provider ?? null,
    panel: sortPanel(panel),
    participantCount: detail.participantCount,
    speakerCount: detail.speakerCount,
    audienceCount: detail.audienceCount,
    raisedHands: detail.raisedHands ?? null,
    me,
    names,
    removed: null,
    chat: { mode: chatMode(detail.settings?.chat), slowModeSeconds: detail.settings?.slowModeSeconds ?? 0 },
    description: detail.description ?? null,
    visibility: detail.visibility,
    inviteCode: detail.inviteCode ?? null,
    scheduledFor: detail.scheduledFor ?? null,
    reminded: (detail as { reminded?: unknown }).reminded === true,
  };
}

/**
 * Folds a newer read of the room into the state built from events: names, raised hands and anyone on the panel we
 * had not heard of. Roles and mutes stay as the events said (events may be newer than the read).
 */
export function mergeDetail(state: RoomState, detail: RoomDetail): RoomState {
  const fresh = fromDetail(detail, state.me?.userId ?? null);
  const names = { ...state.names, ...fresh.names };
  const known = new Set(state.panel.map((s) => s.userId));
  const panel = state.panel
    .map((seat) => ({ ...seat, displayName: names[seat.userId] ?? seat.displayName }))
    .concat(fresh.panel.filter((s) => !known.has(s.userId)));
  const staff = isStaff(state.me?.role);
  return {
    ...state,
    names,
    panel: sortPanel(panel),
    raisedHands: staff ? (fresh.raisedHands ?? state.raisedHands ?? []) : null,
    status: fresh.status === 'ENDED' ? 'ENDED' : state.status,
    inviteCode: fresh.inviteCode ?? state.inviteCode,
  };
}

function withoutHand(hands: RaisedHand[] | null, userId: string): RaisedHand[] | null {
  return hands ? hands.filter((h) => h.userId !== userId) : hands;
}

/** Applies one room event. Pure: the same state and event always give the same result. */
export function applyEvent(state: RoomState, event: RoomEvent): Applied {
  const me = state.me;
  const effects: RoomEffect[] = [];
  const isMe = (userId: string): boolean => me !== null && userId === me.userId;
  let next: RoomState = state;

  switch (event.type) {
    case 'participant.joined': {
      const { userId, displayName: name, role } = event.data;
      const names = name ? { ...state.names, [userId]: name } : state.names;
      next = { ...state, names };
      if (isOnPanel(role)) {
        next = upsertSeat(next, userId, role);
        if (!isMe(userId)) effects.push({ kind: 'arrived', userId });
      }
      break;
    }
    case 'participant.left':
    case 'participant.removed': {
      const { userId } = event.data;
      const wasOnPanel = state.panel.some((s) => s.userId === userId);
      next = {
        ...state,
        panel: state.panel.filter((s) => s.userId !== userId),
        raisedHands: withoutHand(state.raisedHands, userId),
      };
      if (wasOnPanel && !isMe(userId)) effects.push({ kind: 'left', userId });
      if (event.type === 'participant.removed' && isMe(userId)) {
        const banned = event.data.banned;
        next = { ...next, removed: { banned } };
        effects.push({ kind: 'removed', banned });
      }
      break;
    }
    case 'room.counts': {
      const { participantCount, speakerCount } = event.data;
      next = {
        ...state,
        participantCount,
        speakerCount,
        audienceCount: Math.max(0, participantCount - speakerCount),
      };
      break;
    }
    case 'hand.raised': {
      const { userId, displayName: name } = event.data;
      const names = name ? { ...state.names, [userId]: name } : state.names;
      let hands = state.raisedHands;
      if (hands && !hands.some((h) => h.userId === userId)) {
        hands = [...hands, { userId, displayName: name, raisedAt: event.at ?? new Date().toISOString() }];
      }
      next = { ...state, names, raisedHands: hands };
      if (isMe(userId) && me) next.me = { ...me, handRaised: true };
      break;
    }
    case 'hand.lowered': {
      const { userId } = event.data;
      next = { ...state, raisedHands: withoutHand(state.raisedHands, userId) };
      if (isMe(userId) && me) {
        next.me = { ...me, handRaised: false };
        if (event.data.by !== userId && me.handRaised) effects.push({ kind: 'hand-denied' });
      }
      break;
    }
    case 'role.changed': {
      const { userId, role } = event.data;
      next = { ...state, raisedHands: withoutHand(state.raisedHands, userId) };
      const before = state.panel.find((s) => s.userId === userId);
      if (isOnPanel(role)) {
        next = upsertSeat(next, userId, role, before ? undefined : true);
        if (!state.names[userId]) effects.push({ kind: 'reload' });
      } else {
        next = { ...next, panel: next.panel.filter((s) => s.userId !== userId) };
      }
      if (isMe(userId) && me) {
        const wasOnPanel = isOnPanel(me.role);
        const nowOnPanel = isOnPanel(role);
        const promoted = !wasOnPanel && nowOnPanel;
        next.me = {
          ...me,
          role,
          handRaised: false,
          invited: false,
          // newly promoted speakers start muted
          muted: promoted ? true : nowOnPanel ? me.muted : true,
          forcedMute: nowOnPanel ? me.forcedMute : false,
        };
        if (promoted) effects.push({ kind: 'promoted' });
        if (wasOnPanel && !nowOnPanel) effects.push({ kind: 'demoted' });
        if (isStaff(role) && !isStaff(me.role)) {
          next.raisedHands = next.raisedHands ?? [];
          effects.push({ kind: 'reload' });
        }
        if (!isStaff(role)) next.raisedHands = null;
      }
      break;
    }
    case 'speaker.invited': {
      if (isMe(event.data.userId) && me) {
        next = { ...state, me: { ...me, invited: true } };
        effects.push({ kind: 'invited' });
      }
      break;
    }
    case 'participant.muted': {
      const { userId, forced } = event.data;
      next = setMuted(state, userId, true);
      if (isMe(userId) && me) {
        next.me = { ...me, muted: true, forcedMute: forced };
        if (forced) effects.push({ kind: 'forced-mute' });
        // a forced mute lifted comes as a mute that is not forced: I may unmute again
        else if (me.forcedMute) effects.push({ kind: 'mute-lifted' });
      }
      break;
    }
    case 'participant.unmuted': {
      const { userId } = event.data;
      next = setMuted(state, userId, false);
      if (isMe(userId) && me) {
        next.me = { ...me, muted: false, forcedMute: false };
        effects.push({ kind: 'unmuted' });
      }
      break;
    }
    case 'room.ended': {
      next = { ...state, status: 'ENDED' };
      effects.push({ kind: 'ended' });
      break;
    }
    case 'room.provider_changed': {
      next = { ...state, provider: event.data.to };
      effects.push({ kind: 'provider-changed', from: event.data.from, to: event.data.to });
      break;
    }
    case 'media.grant': {
      // an empty one means no grant can be minted now (the vendor closed its room, or our seat went): joining
      // again makes a new vendor room, or says why not
      const media = event.data.media;
      effects.push(isGrant(media) ? { kind: 'grant', media } : { kind: 'rejoin' });
      break;
    }
    case 'media.pending': {
      if (isMe(event.data.userId)) effects.push({ kind: 'media-pending', retryInSeconds: event.data.retryInSeconds });
      break;
    }
    case 'media.synced': {
      if (isMe(event.data.userId)) effects.push({ kind: 'media-synced' });
      break;
    }
    case 'room.updated': {
      const { chat, slowModeSeconds } = event.data.settings;
      next = { ...state, chat: { mode: chat, slowModeSeconds } };
      if (event.data.name !== undefined) next.name = event.data.name;
      if (event.data.description !== undefined) next.description = event.data.description;
      break;
    }
    case 'chat.message':
    case 'chat.deleted':
    case 'participant.chat_muted':
      break; // the chat panel applies them
    case 'report.filed': {
      const { reportId, reportedUserId, reason } = event.data;
      effects.push({ kind: 'report-filed', reportId, reportedUserId, reason });
      break;
    }
    default:
      exhaustive(event);
  }
  return { state: next, effects };
}

function upsertSeat(state: RoomState, userId: string, role: StageRole, startsMuted?: boolean): RoomState {
  const existing = state.panel.find((s) => s.userId === userId);
  const displayName = state.names[userId] ?? existing?.displayName ?? 'Someone';
  if (existing) {
    return {
      ...state,
      panel: sortPanel(state.panel.map((s) => (s.userId === userId ? { ...s, role, displayName } : s))),
    };
  }
  const mine = state.me?.userId === userId;
  const seat: StageSeat = {
    userId,
    displayName,
    role,
    // newly promoted speakers start muted; someone (re)joining is muted unless told otherwise
    muted: mine && state.me ? (startsMuted ? true : state.me.muted) : true,
    mutedKnown: startsMuted === true || mine,
  };
  return { ...state, panel: sortPanel([...state.panel, seat]) };
}

function setMuted(state: RoomState, userId: string, muted: boolean): RoomState {
  return {
    ...state,
    panel: state.panel.map((s) => (s.userId === userId ? { ...s, muted, mutedKnown: true } : s)),
  };
}

/**
 * A speaker whose mute state was only assumed is heard talking: they are not muted. (Panel seats do not carry
 * `muted`, so someone who unmuted before we joined would otherwise be shown muted.)
 */
export function heardSpeaking(state: RoomState, userId: string): RoomState {
  const seat = state.panel.find((s) => s.userId === userId);
  if (!seat || seat.mutedKnown || !seat.muted) {
    return state;
  }
  return { ...state, panel: state.panel.map((s) => (s.userId === userId ? { ...s, muted: false } : s)) };
}
