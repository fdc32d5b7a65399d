// What the room page offers on a person (their menu), as API.md "Taking part" allows the caller's role (pure).
import { isOnPanel, isStaff, type StageRole } from '../api/types';

/** A menu item; its text is the accessible name (tests use these words). */
export type PersonAction =
  | 'Invite to speak'
  | 'Move to audience'
  | 'Make moderator'
  | 'Remove as moderator'
  | 'Make host'
  | 'Mute'
  | 'Unmute'
  | 'Chat mute'
  | 'Lift chat mute'
  | 'Remove from room'
  | 'Ban'
  | 'Report'
  | 'View profile';

/** The person the menu is about, as the page knows them. */
export interface Person {
  userId: string;
  displayName: string;
  role: StageRole;
  /** On the panel: muted now (as far as we know). */
  muted: boolean;
  /** A HOST or MODERATOR muted them (they cannot unmute themselves). */
  forcedMute: boolean;
  chatMuted: boolean;
}

/** The caller: their id, and role when in the room (null when only looking). */
export interface Caller {
  userId: string | null;
  role: StageRole | null;
  /** Platform staff (MODERATOR or ADMIN): they act on others in every room as its HOST would, but hand nothing over. */
  platformStaff?: boolean;
}

/**
 * The items, in menu order. A HOST acts on anyone; a MODERATOR on SPEAKERs and the AUDIENCE (removal, bans, chat
 * mutes, moving back) and may force-mute anyone on the panel; everyone may report others and open a profile.
 */
export function personActions(caller: Caller, person: Person): PersonAction[] {
  const actions: PersonAction[] = [];
  const self = caller.userId !== null && caller.userId === person.userId;
  if (self) return ['View profile'];
  const role = caller.role;
  const platform = caller.platformStaff === true;
  const host = role === 'HOST' || platform;
  const staff = isStaff(role) || platform;
  // a MODERATOR's reach: SPEAKERs and the AUDIENCE (API.md: removal "MODERATOR on SPEAKERs and AUDIENCE")
  const reach = host || (staff && (person.role === 'SPEAKER' || person.role === 'AUDIENCE'));
  // only platform staff act on the HOST (someone has to, when the HOST is the problem)
  const onHost = person.role !== 'HOST' || platform;
  if (staff && person.role === 'AUDIENCE') actions.push('Invite to speak');
  if (reach && person.role === 'SPEAKER') actions.push('Move to audience');
  if (host && (person.role === 'SPEAKER' || person.role === 'AUDIENCE')) actions.push('Make moderator');
  if (host && person.role === 'MODERATOR') actions.push('Remove as moderator');
  // the HOST role is the HOST's to give
  if (role === 'HOST' && (person.role === 'SPEAKER' || person.role === 'MODERATOR')) actions.push('Make host');
  if (staff && isOnPanel(person.role) && onHost) {
    actions.push(person.forcedMute ? 'Unmute' : 'Mute');
  }
  if (reach && onHost) actions.push(person.chatMuted ? 'Lift chat mute' : 'Chat mute');
  if (reach && onHost) actions.push('Remove from room', 'Ban');
  if (caller.userId !== null) actions.push('Report');
  actions.push('View profile');
  return actions;
}

/** The actions that ask "are you sure?" first. */
export function needsConfirmation(action: PersonAction): boolean {
  return action === 'Remove from room' || action === 'Ban';
}

/** The question a confirmation asks. */
export function confirmationText(action: PersonAction, name: string): { title: string; body: string; confirm: string } {
  switch (action) {
    case 'Ban':
      return { title: `Ban ${name}?`, body: `${name} leaves the room now and cannot come back. You can lift the ban from the Bans list.`, confirm: 'Ban' };
    default:
      return { title: `Remove ${name}?`, body: `${name} leaves the room now. They can join again.`, confirm: 'Remove from room' };
  }
}
