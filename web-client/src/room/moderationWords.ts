// The plain words a person sees for API.md's report reasons and moderation actions (the wire names stay in the API).
import type { ModerationAction, ReportReason } from '../api/moderationTypes';

export const REASON_WORDS: Record<ReportReason, string> = {
  HARASSMENT: 'Harassment or bullying',
  HATE: 'Hate speech',
  SPAM: 'Spam or scams',
  SEXUAL_CONTENT: 'Sexual content',
  VIOLENCE: 'Violence or threats',
  IMPERSONATION: 'Pretending to be someone else',
  OTHER: 'Something else',
};

export const ACTION_WORDS: Record<ModerationAction, string> = {
  DISMISS: 'Dismiss',
  WARN: 'Warn',
  REMOVE_FROM_ROOM: 'Remove from room',
  BAN_FROM_ROOM: 'Ban from room',
  BAN_FROM_CLUB: 'Ban from club',
  SUSPEND_ACCOUNT: 'Suspend account',
};

/** A reason as words, whatever the server sends (a newer reason shows as itself). */
export function reasonWords(reason: string): string {
  return (REASON_WORDS as Record<string, string>)[reason] ?? reason;
}

export function actionWords(action: string): string {
  return (ACTION_WORDS as Record<string, string>)[action] ?? action;
}

/** API.md: `details` up to 2000 characters. */
export const MAX_DETAILS = 2000;
