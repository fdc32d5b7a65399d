import { describe, expect, it } from 'vitest';
import type { RoomDetail } from '../src/api/types';
import { parseRoomEvent, type RoomEvent } from '../src/events/roomEvents';
import { applyEvent, fromDetail, heardSpeaking, mergeDetail, type RoomState } from '../src/room/roomState';

const HOST = 'host-1';
const BOB = 'bob-2';
const ME = 'me-3';

function detail(overrides: Partial<RoomDetail> = {}): RoomDetail {
  return {
    id: 'room-1',
    name: 'Welcome',
    club: null,
    visibility: 'PUBLIC',
    status: 'LIVE',
    panel: [
      { userId: BOB, displayName: 'Bob', role: 'SPEAKER' },
      { userId: HOST, displayName: 'Alice', role: 'HOST' },
    ],
    speakerCount: 2,
    participantCount: 5,
    startedAt: null,
    scheduledFor: null,
    description: null,
    audienceCount: 3,
    settings: { chat: 'EVERYONE', slowModeSeconds: 0 },
    raisedHands: null,
    me: { role: 'AUDIENCE', handRaised: false, muted: true, forcedMute: false, invited: false },
    inviteCode: null,
    ...overrides,
  };
}

let seq = 100;
function ev(type: string, data: Record<string, unknown>): RoomEvent {
  const event = parseRoomEvent({ roomId: 'room-1', seq: ++seq, type, data });
  if (!event) throw new Error(`not a room event the client knows: ${type} ${JSON.stringify(data)}`);
  return event;
}

function apply(state: RoomState, ...events: RoomEvent[]) {
  let current = state;
  const effects = [];
  for (const e of events) {
    const result = applyEvent(current, e);
    current = result.state;
    effects.push(...result.effects);
  }
  return { state: current, effects };
}

describe('room state', () => {
  it('reads the detail: panel HOST first, everyone assumed muted, my place', () => {
    const state = fromDetail(detail(), ME);
    expect(state.panel.map((s) => [s.userId, s.role, s.muted, s.mutedKnown])).toEqual([
      [HOST, 'HOST', true, false],
      [BOB, 'SPEAKER', true, false],
    ]);
    expect(state.me).toMatchObject({ userId: ME, role: 'AUDIENCE' });
    expect(state.audienceCount).toBe(3);
    expect(state.raisedHands).toBeNull();
  });

  it('promotion puts me on the panel, muted, hand down, and says so', () => {
    const start = fromDetail(detail({ me: { role: 'AUDIENCE', handRaised: true, muted: false, forcedMute: false, invited: false } }), ME);
    const { state, effects } = apply(
      { ...start, names: { ...start.names, [ME]: 'Me' } },
      ev('role.changed', { userId: ME, role: 'SPEAKER', by: HOST }),
    );
    expect(state.me).toMatchObject({ role: 'SPEAKER', muted: true, handRaised: false });
    expect(state.panel.find((s) => s.userId === ME)).toMatchObject({ muted: true, displayName: 'Me' });
    expect(effects).toContainEqual({ kind: 'promoted' });
  });

  it('a role change for someone whose name we do not know asks for a reload', () => {
    const { state, effects } = apply(fromDetail(detail(), ME), ev('role.changed', { userId: 'stranger', role: 'SPEAKER', by: HOST }));
    expect(state.panel.some((s) => s.userId === 'stranger')).toBe(true);
    expect(effects).toContainEqual({ kind: 'reload' });
    const merged = mergeDetail(state, detail({ panel: [...detail().panel, { userId: 'stranger', displayName: 'Sam', role: 'SPEAKER' }] }));
    expect(merged.panel.find((s) => s.userId === 'stranger')?.displayName).toBe('Sam');
  });

  it('demotion, leaving and removal take people off the panel; my removal ends my visit', () => {
    const start = fromDetail(detail(), ME);
    const { state, effects } = apply(
      start,
      ev('role.changed', { userId: BOB, role: 'AUDIENCE', by: HOST }),
      ev('participant.left', { userId: HOST }),
      ev('participant.removed', { userId: ME, by: HOST, banned: true }),
    );
    expect(state.panel).toEqual([]);
    expect(state.removed).toEqual({ banned: true });
    expect(effects).toEqual([{ kind: 'left', userId: HOST }, { kind: 'removed', banned: true }]);
  });

  it('mutes and unmutes are known once told; a forced mute is flagged', () => {
    const start = fromDetail(detail({ me: { role: 'SPEAKER', handRaised: false, muted: false, forcedMute: false, invited: false }, panel: [...detail().panel, { userId: ME, displayName: 'Me', role: 'SPEAKER' }] }), ME);
    const { state, effects } = apply(
      start,
      ev('participant.unmuted', { userId: BOB, by: BOB }),
      ev('participant.muted', { userId: ME, by: HOST, forced: true }),
    );
    expect(state.panel.find((s) => s.userId === BOB)).toMatchObject({ muted: false, mutedKnown: true });
    expect(state.me).toMatchObject({ muted: true, forcedMute: true });
    expect(effects).toContainEqual({ kind: 'forced-mute' });
  });

  it('raised hands are kept for staff, oldest first, and leave the list when lowered or approved', () => {
    const start = fromDetail(detail({ me: { role: 'HOST', handRaised: false, muted: true, forcedMute: false, invited: false }, raisedHands: [] }), HOST);
    const { state } = apply(
      start,
      ev('hand.raised', { userId: 'a', displayName: 'Ann' }),
      ev('hand.raised', { userId: 'b', displayName: 'Ben' }),
      ev('hand.raised', { userId: 'c', displayName: 'Cy' }),
      ev('hand.lowered', { userId: 'a', by: 'a' }),
      ev('role.changed', { userId: 'b', role: 'SPEAKER', by: HOST }),
    );
    expect(state.raisedHands?.map((h) => h.userId)).toEqual(['c']);
    expect(state.panel.find((s) => s.userId === 'b')).toMatchObject({ displayName: 'Ben', role: 'SPEAKER', muted: true });
  });

  it('room.counts sets the audience count; invitations, grants and the end are passed on', () => {
    const { state, effects } = apply(
      fromDetail(detail(), ME),
      ev('room.counts', { participantCount: 12, speakerCount: 3 }),
      ev('speaker.invited', { userId: ME, by: HOST }),
      ev('media.grant', { media: { provider: 'mesh', token: null, expiresAt: '2026-11-22T11:00:00Z', canPublish: true, connection: {} } }),
      ev('room.ended', { by: HOST }),
    );
    expect(state.audienceCount).toBe(9);
    expect(state.me?.invited).toBe(true);
    expect(state.status).toBe('ENDED');
    expect(effects.map((e) => e.kind)).toEqual(['invited', 'grant', 'ended']);
  });

  it('applying the same events twice in order ends in the same state (safe to replay after a re-read)', () => {
    const events = [
      ev('participant.unmuted', { userId: BOB, by: BOB }),
      ev('participant.muted', { userId: BOB, by: BOB, forced: false }),
      ev('role.changed', { userId: BOB, role: 'MODERATOR', by: HOST }),
    ];
    const once = apply(fromDetail(detail(), ME), ...events).state;
    const twice = apply(once, ...events).state;
    expect(twice.panel).toEqual(once.panel);
  });

  it('someone heard speaking is not muted, unless we were told they are', () => {
    const start = fromDetail(detail(), ME);
    expect(heardSpeaking(start, BOB).panel.find((s) => s.userId === BOB)?.muted).toBe(false);
    const told = apply(start, ev('participant.muted', { userId: BOB, by: BOB, forced: false })).state;
    expect(heardSpeaking(told, BOB).panel.find((s) => s.userId === BOB)?.muted).toBe(true);
  });
});
