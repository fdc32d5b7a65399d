import { describe, expect, it } from 'vitest';
import type { StageRole } from '../src/api/types';
import { personActions, type Person } from '../src/room/personActions';
import { stageChangeText } from '../src/room/stageAnnouncements';

function person(role: StageRole, extra: Partial<Person> = {}): Person {
  return { userId: 'them', displayName: 'Them', role, muted: true, forcedMute: false, chatMuted: false, ...extra };
}

const as = (role: StageRole | null) => ({ userId: 'me', role });

describe('what a person’s menu offers', () => {
  it('a HOST acts on anyone', () => {
    expect(personActions(as('HOST'), person('AUDIENCE'))).toEqual(['Invite to speak', 'Make moderator', 'Chat mute', 'Remove from room', 'Ban', 'Report', 'View profile']);
    expect(personActions(as('HOST'), person('SPEAKER'))).toEqual(['Move to audience', 'Make moderator', 'Make host', 'Mute', 'Chat mute', 'Remove from room', 'Ban', 'Report', 'View profile']);
    expect(personActions(as('HOST'), person('MODERATOR'))).toEqual(['Remove as moderator', 'Make host', 'Mute', 'Chat mute', 'Remove from room', 'Ban', 'Report', 'View profile']);
  });

  it('a MODERATOR acts on SPEAKERs and the AUDIENCE, mutes anyone on stage but the host, never makes moderators or hosts', () => {
    expect(personActions(as('MODERATOR'), person('AUDIENCE'))).toEqual(['Invite to speak', 'Chat mute', 'Remove from room', 'Ban', 'Report', 'View profile']);
    expect(personActions(as('MODERATOR'), person('SPEAKER'))).toEqual(['Move to audience', 'Mute', 'Chat mute', 'Remove from room', 'Ban', 'Report', 'View profile']);
    expect(personActions(as('MODERATOR'), person('MODERATOR'))).toEqual(['Mute', 'Report', 'View profile']);
    expect(personActions(as('MODERATOR'), person('HOST'))).toEqual(['Report', 'View profile']);
  });

  it('platform staff act on anyone as a HOST would, the HOST included, whatever their own place; the HOST role is not theirs to give', () => {
    const staff = (role: StageRole | null) => ({ userId: 'me', role, platformStaff: true });
    expect(personActions(staff('AUDIENCE'), person('HOST'))).toEqual(['Mute', 'Chat mute', 'Remove from room', 'Ban', 'Report', 'View profile']);
    expect(personActions(staff(null), person('SPEAKER'))).toEqual(['Move to audience', 'Make moderator', 'Mute', 'Chat mute', 'Remove from room', 'Ban', 'Report', 'View profile']);
    expect(personActions(staff('AUDIENCE'), person('MODERATOR'))).toEqual(['Remove as moderator', 'Mute', 'Chat mute', 'Remove from room', 'Ban', 'Report', 'View profile']);
    expect(personActions(staff('HOST'), person('SPEAKER'))).toContain('Make host');
  });

  it('speakers, listeners and visitors report and open profiles; nobody acts on themself', () => {
    expect(personActions(as('SPEAKER'), person('HOST'))).toEqual(['Report', 'View profile']);
    expect(personActions(as('AUDIENCE'), person('SPEAKER'))).toEqual(['Report', 'View profile']);
    expect(personActions(as(null), person('HOST'))).toEqual(['Report', 'View profile']);
    expect(personActions({ userId: null, role: null }, person('HOST'))).toEqual(['View profile']);
    expect(personActions({ userId: 'them', role: 'HOST' }, person('HOST'))).toEqual(['View profile']);
  });

  it('a forced mute and a chat mute are offered to be lifted', () => {
    expect(personActions(as('HOST'), person('SPEAKER', { forcedMute: true, chatMuted: true }))).toContain('Unmute');
    expect(personActions(as('HOST'), person('SPEAKER', { forcedMute: true, chatMuted: true }))).toContain('Lift chat mute');
    expect(personActions(as('HOST'), person('SPEAKER', { forcedMute: true }))).not.toContain('Mute');
  });

  it('stage changes in words', () => {
    expect(stageChangeText('Lisa', 'SPEAKER', 'AUDIENCE', false)).toBe('Lisa is now on stage.');
    expect(stageChangeText('Lisa', 'MODERATOR', 'SPEAKER', false)).toBe('Lisa is now a moderator.');
    expect(stageChangeText('Lisa', 'SPEAKER', 'MODERATOR', false)).toBe('Lisa is no longer a moderator.');
    expect(stageChangeText('Lisa', 'AUDIENCE', 'SPEAKER', false)).toBe('Lisa was moved to the audience.');
    expect(stageChangeText('Lisa', 'HOST', 'MODERATOR', true)).toBe('You are now the host.');
    expect(stageChangeText('Alice', 'MODERATOR', 'HOST', false)).toBeNull();
  });
});
