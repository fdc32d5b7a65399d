// A report's frozen evidence as one timeline (no DOM): the room's chat of the window and the reported person's stage
// acts, in time order, each line in words.
import type { Evidence } from '../api/moderationTypes';

export interface TimelineLine {
  at: string;
  kind: 'chat' | 'act';
  who: string;
  text: string;
  deleted: boolean;
  /** A line by (or a stage act of) the person reported. */
  aboutReported: boolean;
}

const ACT_WORDS: Record<string, (data: Record<string, unknown>) => string> = {
  'participant.joined': () => 'joined the room',
  'participant.left': () => 'left the room',
  'role.changed': (d) => `became ${String(d.role ?? '').toLowerCase() || 'something else'}`,
  'participant.muted': (d) => (d.forced ? 'was muted by a moderator' : 'muted'),
  'participant.unmuted': () => 'unmuted',
  'hand.raised': () => 'raised a hand',
  'hand.lowered': () => 'lowered the hand',
  'speaker.invited': () => 'was invited to speak',
  'participant.removed': (d) => (d.banned ? 'was removed and banned' : 'was removed'),
  'participant.chat_muted': (d) => (d.muted === false ? 'had the chat mute lifted' : 'had the chat muted'),
};

export function timelineOf(evidence: Evidence | null | undefined, reportedUserId: string | null, reportedName: string): TimelineLine[] {
  if (!evidence) return [];
  const lines: TimelineLine[] = [];
  for (const line of evidence.chat ?? []) {
    const mine = line.fromUserId !== null && line.fromUserId === reportedUserId;
    lines.push({ at: line.sentAt, kind: 'chat', who: line.fromDisplayName ?? (mine ? reportedName : 'Someone'), text: line.text ?? '(text erased)', deleted: line.deleted, aboutReported: mine });
  }
  for (const act of evidence.acts ?? []) {
    const words = ACT_WORDS[act.type];
    lines.push({ at: act.at, kind: 'act', who: reportedName, text: words ? words(act.data ?? {}) : act.type, deleted: false, aboutReported: true });
  }
  // stable: chat before acts at the same instant, each in its own order
  return lines.map((line, i) => ({ line, i })).sort((a, b) => Date.parse(a.line.at) - Date.parse(b.line.at) || a.i - b.i).map((x) => x.line);
}
