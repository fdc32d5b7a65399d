// What the page's polite live region says about the stage (pure): someone invited, promoted, moved back.
import { isOnPanel, type StageRole } from '../api/types';
import type { RoomEvent } from '../events/roomEvents';
import type { RoomState } from './roomState';

/** What the live region says about a stage change (null when there is nothing to say). */
export function stageChangeText(name: string, role: StageRole, wasRole: StageRole | null, mine: boolean): string | null {
  const who = mine ? 'You are' : `${name} is`;
  switch (role) {
    case 'HOST':
      return `${who} now the host.`;
    case 'MODERATOR':
      return wasRole === 'HOST' ? null : `${who} now a moderator.`;
    case 'SPEAKER':
      return wasRole === 'MODERATOR' ? `${who} no longer a moderator.` : `${who} now on stage.`;
    case 'AUDIENCE':
      return mine ? 'You were moved to the audience.' : `${name} was moved to the audience.`;
  }
}

/**
 * The words for an event, judged on the state before it (null: nothing to say). My own promotion and demotion are
 * left out: a notice says them already.
 */
export function announcement(before: RoomState, event: RoomEvent, nameOf: (userId: string) => string | null = () => null): string | null {
  const myId = before.me?.userId ?? null;
  const name = (userId: string): string => before.names[userId] ?? nameOf(userId) ?? 'Someone';
  if (event.type === 'speaker.invited' && event.data.userId !== myId) {
    return `${name(event.data.userId)} was invited to speak.`;
  }
  if (event.type !== 'role.changed') return null;
  const { userId, role } = event.data;
  const mine = userId === myId;
  const was = before.panel.find((s) => s.userId === userId)?.role ?? (mine ? (before.me?.role ?? null) : 'AUDIENCE');
  if (was === role || (mine && !(isOnPanel(role) && isOnPanel(was)))) return null;
  return stageChangeText(name(userId), role, was, mine);
}
