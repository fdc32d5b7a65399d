import { describe, expect, it } from 'vitest';
import type { RoomDetail } from '../src/api/types';
import { ROOM_EVENT_TYPES, parseRoomEvent, type RoomEventFrame } from '../src/events/roomEvents';
import { applyEvent, fromDetail } from '../src/room/roomState';
// written by the server's RoomEventSamplesTest: one frame of every room event it sends, as a client receives it
import fixture from './fixtures/room-events.json?raw';

const frames = JSON.parse(fixture) as Array<RoomEventFrame & { op: string }>;

// Fields a sample carries that the client may also receive without (API.md's contract is narrower).
const OPTIONAL: Record<string, string[]> = {
  'role.changed': ['by'],
  'room.updated': ['name', 'description'],
};

function detail(): RoomDetail {
  return {
    id: frames[0]?.roomId ?? 'room',
    name: 'Room',
    club: null,
    visibility: 'PUBLIC',
    status: 'LIVE',
    panel: [],
    speakerCount: 0,
    participantCount: 0,
    startedAt: null,
    scheduledFor: null,
    description: null,
    audienceCount: 0,
    settings: { chat: 'EVERYONE', slowModeSeconds: 0 },
    raisedHands: [],
    me: { role: 'HOST', handRaised: false, muted: true, forcedMute: false, invited: false },
    inviteCode: null,
  };
}

describe('room events: the server’s samples against the client’s union', () => {
  it('has samples to check', () => {
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.every((f) => f.op === 'event')).toBe(true);
  });

  it.each(frames.map((f) => [`${f.seq} ${f.type}`, f] as const))('knows %s and its data', (_name, frame) => {
    const event = parseRoomEvent(frame);
    expect(
      event,
      `${frame.type} ${JSON.stringify(frame.data)}: add or fix it in web-client/src/events/roomEvents.ts`,
    ).not.toBeNull();
  });

  it('knows no type the server does not send', () => {
    const sent = new Set(frames.map((f) => f.type));
    expect(ROOM_EVENT_TYPES.filter((type) => !sent.has(type))).toEqual([]);
  });

  it('refuses a sample with any field it needs missing, or of the wrong kind', () => {
    for (const frame of frames) {
      for (const key of Object.keys(frame.data)) {
        const { [key]: _dropped, ...rest } = frame.data;
        const parsed = parseRoomEvent({ ...frame, data: rest });
        if (OPTIONAL[frame.type]?.includes(key)) {
          expect(parsed, `${frame.type} without ${key}`).not.toBeNull();
        } else {
          expect(parsed, `${frame.type} without ${key}`).toBeNull();
        }
        expect(parseRoomEvent({ ...frame, data: { ...frame.data, [key]: [] } }), `${frame.type} with ${key}: []`).toBeNull();
      }
    }
    expect(parseRoomEvent({ ...frames[0]!, type: 'room.exploded' })).toBeNull();
  });

  it('applies every sample, for the user it is about and for anyone else', () => {
    for (const frame of frames) {
      const event = parseRoomEvent(frame);
      if (!event) continue; // an unknown sample fails the test above
      const about = typeof frame.data.userId === 'string' ? frame.data.userId : 'someone';
      for (const me of [about, 'someone-else']) {
        const { state } = applyEvent(fromDetail(detail(), me), event);
        expect(state.roomId).toBe(frame.roomId);
      }
    }
  });
});
