// Personal notices (GET /me/notices, the socket's `notice`) in words, without the DOM. API.md fixes the kinds; the
// `data` of each is read leniently: a moderation notice names the audit entry (`auditId`) that can be appealed, the
// report's `reason` and the moderator's `note` (why), until when (`until`, absent = until lifted) and, for a ban,
// its `scope` (ROOM or CLUB).
import type { Notice } from '../api/moderationTypes';
import { actionWords, reasonWords } from './moderationWords';

export interface NoticeView {
  title: string;
  /** Why, in the moderator's words (moderation notices). */
  why: string | null;
  /** Until when a ban or suspension lasts: a date, "until lifted", or null when it does not apply. */
  until: string | null;
  /** The audit entry an appeal names, when this notice can be appealed. */
  auditId: string | null;
  /** A second line for the notices that bring people into rooms: who, which club, when. */
  detail?: string;
}

/** Moderation notices the person may appeal (API.md: "the target of a WARN, BAN_* or SUSPEND_ACCOUNT"). */
const APPEALABLE = new Set(['WARNED', 'SUSPENDED', 'BANNED']);

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** A timestamp as the person's own date and time; anything else as given. */
export function when(at: string | null | undefined): string {
  if (!at) return '';
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Where a ban applies: " from the room X", " from a club", or nothing when the notice does not say. */
function scope(data: Record<string, unknown>): string {
  const roomName = text(data.roomName);
  const clubName = text(data.clubName);
  if (data.scope === 'CLUB' || data.action === 'BAN_FROM_CLUB' || (text(data.clubId) && !text(data.roomId))) return clubName ? ` from the club ${clubName}` : ' from a club';
  if (text(data.roomId) || roomName) return roomName ? ` from the room ${roomName}` : ' from a room';
  return '';
}

export function describeNotice(notice: Notice): NoticeView {
  const data = notice.data ?? {};
  // the report's reason in words, then the moderator's own note
  const why = [text(data.reason) ? reasonWords(data.reason as string) : null, text(data.note)].filter((part) => part !== null).join(' — ') || null;
  const until = text(data.until) ? when(data.until as string) : 'until it is lifted';
  const auditId = APPEALABLE.has(notice.kind) ? text(data.auditId) : null;
  switch (notice.kind) {
    case 'WARNED':
      return { title: 'A moderator warned you', why, until: null, auditId };
    case 'SUSPENDED':
      return { title: 'Your account is suspended', why, until, auditId };
    case 'BANNED':
      return { title: `You were banned${scope(data)}`, why, until, auditId };
    case 'APPEAL_DECIDED': {
      const overturned = data.decision === 'OVERTURN';
      return { title: overturned ? 'Your appeal was upheld: the action is lifted' : 'Your appeal was turned down: the action stands', why: text(data.note), until: null, auditId: null };
    }
    case 'REPORT_OUTCOME':
      return {
        title: data.outcome === 'ACTION_TAKEN' ? 'A report you made: the moderators took action' : 'A report you made: the moderators found no violation',
        why: null,
        until: null,
        auditId: null,
      };
    case 'ROOM_LIVE':
    case 'ROOM_STARTING':
    case 'FOLLOWED_SPEAKING':
    case 'SPEAKER_INVITE':
      return { ...roomNotice(notice.kind, data), why: null, until: null, auditId: null };
    default:
      return { title: text(data.action) ? actionWords(String(data.action)) : notice.kind, why, until: null, auditId: null };
  }
}

/**
 * The notices that bring people into rooms (API.md "People, notices and notifications"): ROOM_LIVE {roomName, clubName?,
 * hostName}, ROOM_STARTING {roomName, startsAt, soon}, FOLLOWED_SPEAKING {roomName, displayName}, SPEAKER_INVITE
 * {roomName, byName}.
 */
function roomNotice(kind: string, data: Record<string, unknown>): { title: string; detail?: string } {
  const room = text(data.roomName) ?? 'A room';
  const withDetail = (title: string, detail: string | null) => (detail ? { title, detail } : { title });
  switch (kind) {
    case 'ROOM_LIVE': {
      const host = text(data.hostName);
      const club = text(data.clubName);
      return withDetail(`${room} is live`, [host ? `${host} is hosting` : null, club ? `in ${club}` : null].filter(Boolean).join(', ') || null);
    }
    case 'ROOM_STARTING': {
      const startsAt = text(data.startsAt);
      return withDetail(data.soon === true ? `${room} starts in 10 minutes` : `${room} is starting`, startsAt ? `Starts at ${when(startsAt)}` : null);
    }
    case 'FOLLOWED_SPEAKING':
      return { title: `${text(data.displayName) ?? 'Someone you follow'} is speaking in ${text(data.roomName) ?? 'a room'}` };
    default: {
      const by = text(data.byName);
      return { title: `${by ? `${by} invited you` : 'You are invited'} to speak${text(data.roomName) ? ` in ${text(data.roomName)}` : ''}` };
    }
  }
}

/** The room a notice is about, for a link (room notices). */
export function noticeRoomId(notice: Notice): string | null {
  return text(notice.data?.roomId);
}

/** API.md: appeal text; the server keeps up to 2000 characters. */
export const MAX_APPEAL = 2000;
