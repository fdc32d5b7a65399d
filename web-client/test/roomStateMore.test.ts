import { describe, expect, it } from 'vitest';
import type { RoomEvent } from '../src/events/roomEvents';
import { applyEvent, fromDetail, type RoomState } from '../src/room/roomState';
import { announcement } from '../src/room/stageAnnouncements';
import { detail, HOST } from './roomFakes';

const LISA = 'lisa-1';
let seq = 0;
const ev = (type: string, data: Record<string, unknown>) => ({ roomId: 'r', seq: ++seq, type, data }) as RoomEvent;

function listener(extra: Partial<NonNullable<RoomState['me']>> = {}): RoomState {
  const state = fromDetail(detail({ role: 'AUDIENCE', handRaised: false, muted: true, forcedMute: false, invited: false }), LISA);
  return { ...state, me: { ...state.me!, ...extra } };
}

describe('room state: what issue 15 adds', () => {
  it('a raised hand lowered by someone else was denied; lowering my own is not', () => {
    expect(applyEvent(listener({ handRaised: true }), ev('hand.lowered', { userId: LISA, by: HOST })).effects).toEqual([{ kind: 'hand-denied' }]);
    expect(applyEvent(listener({ handRaised: true }), ev('hand.lowered', { userId: LISA, by: LISA })).effects).toEqual([]);
  });

  it('a forced mute lifted (a mute that is not forced) and my unmute are told', () => {
    const speaker = listener({ role: 'SPEAKER', forcedMute: true });
    const lifted = applyEvent(speaker, ev('participant.muted', { userId: LISA, by: HOST, forced: false }));
    expect(lifted.effects).toEqual([{ kind: 'mute-lifted' }]);
    expect(lifted.state.me?.forcedMute).toBe(false);
    expect(applyEvent(lifted.state, ev('participant.unmuted', { userId: LISA, by: LISA })).effects).toEqual([{ kind: 'unmuted' }]);
  });

  it('the detail’s invite code, schedule and reminder are kept; room.updated renames', () => {
    const state = fromDetail({ ...detail(null, { status: 'SCHEDULED', scheduledFor: '2030-01-01T10:00:00Z', inviteCode: 'INV', visibility: 'PRIVATE', description: 'About' }), reminded: true } as never, null);
    expect([state.inviteCode, state.scheduledFor, state.reminded, state.visibility, state.description]).toEqual(['INV', '2030-01-01T10:00:00Z', true, 'PRIVATE', 'About']);
    const renamed = applyEvent(state, ev('room.updated', { settings: { chat: 'OFF', slowModeSeconds: 0 }, name: 'New name', description: null })).state;
    expect([renamed.name, renamed.description, renamed.chat.mode]).toEqual(['New name', null, 'OFF']);
  });

  it('stage changes are said, with names met elsewhere; my own promotion is left to its notice', () => {
    const host = fromDetail(detail({ role: 'HOST', handRaised: false, muted: true, forcedMute: false, invited: false }), HOST);
    const nameOf = (id: string) => (id === LISA ? 'Lisa' : null);
    expect(announcement(host, ev('speaker.invited', { userId: LISA, by: HOST }), nameOf)).toBe('Lisa was invited to speak.');
    expect(announcement(host, ev('role.changed', { userId: LISA, role: 'SPEAKER', by: HOST }), nameOf)).toBe('Lisa is now on stage.');
    expect(announcement(host, ev('role.changed', { userId: HOST, role: 'MODERATOR', by: HOST }), nameOf)).toBeNull();
    expect(announcement(listener(), ev('role.changed', { userId: LISA, role: 'SPEAKER', by: HOST }))).toBeNull();
    expect(announcement(listener(), ev('role.changed', { userId: HOST, role: 'MODERATOR', by: HOST }))).toBeNull();
  });
});
