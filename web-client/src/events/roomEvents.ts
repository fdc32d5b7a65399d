// The room events of API.md ("Event types and their data"), one member per wire type. Each member's data is declared
// once, as a runtime check, and its type derived from it: an event the server sends that this file does not know,
// or whose data does not match, is refused by parseRoomEvent, and test/roomEvents.test.ts feeds it every sample the
// server's own test writes (test/fixtures/room-events.json, by RoomEventSamplesTest), so both ends fail when they drift.
import type { MediaGrant, StageRole } from '../api/types';
import type { ChatMode } from '../room/chat';

/** A room event frame as the socket delivers it, before its type is known. */
export interface RoomEventFrame {
  roomId: string;
  seq: number;
  type: string;
  at?: string;
  data: Record<string, unknown>;
}

type Check<T> = (value: unknown) => value is T;
type Checked<C> = C extends Check<infer T> ? T : never;
type Flat<T> = { [K in keyof T]: T[K] };

const string: Check<string> = (v): v is string => typeof v === 'string';
const boolean: Check<boolean> = (v): v is boolean => typeof v === 'boolean';
const number: Check<number> = (v): v is number => typeof v === 'number' && Number.isFinite(v);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nullable<T>(check: Check<T>): Check<T | null> {
  return (v): v is T | null => v === null || check(v);
}

function oneOf<const T extends string>(...values: T[]): Check<T> {
  return (v): v is T => typeof v === 'string' && (values as string[]).includes(v);
}

type Fields = Record<string, Check<unknown>>;

/** An object with these fields (more are allowed: a newer server may add some). */
function shape<R extends Fields>(required: R): Check<{ [K in keyof R]: Checked<R[K]> }> {
  return (v): v is { [K in keyof R]: Checked<R[K]> } =>
    isObject(v) && Object.entries(required).every(([key, check]) => check(v[key]));
}

/** As {@link shape}, and the `optional` fields are either absent or as given. */
function shapeWithOptional<R extends Fields, O extends Fields>(
  required: R,
  optional: O,
): Check<Flat<{ [K in keyof R]: Checked<R[K]> } & { [K in keyof O]?: Checked<O[K]> }>> {
  return (v): v is Flat<{ [K in keyof R]: Checked<R[K]> } & { [K in keyof O]?: Checked<O[K]> }> =>
    shape(required)(v) && Object.entries(optional).every(([key, check]) => v[key] === undefined || check(v[key]));
}

const stageRole: Check<StageRole> = oneOf('HOST', 'MODERATOR', 'SPEAKER', 'AUDIENCE');
const chatMode: Check<ChatMode> = oneOf('EVERYONE', 'SPEAKERS', 'OFF');
const mediaGrant: Check<MediaGrant> = shape({
  provider: string,
  token: nullable(string),
  expiresAt: string,
  canPublish: boolean,
  connection: isObject,
});
/** No grant: the recipient has no seat any more, or the vendor closed its room (the client joins again). */
const noGrant: Check<Record<string, never>> = (v): v is Record<string, never> => isObject(v) && Object.keys(v).length === 0;

/** A `media.grant`'s `media`: a grant, or empty when none can be minted (see {@link noGrant}). */
export function isGrant(media: MediaGrant | Record<string, never>): media is MediaGrant {
  return !noGrant(media);
}

const EVENT_DATA = {
  'participant.joined': shape({ userId: string, displayName: string, role: stageRole }),
  'participant.left': shape({ userId: string }),
  'hand.raised': shape({ userId: string, displayName: nullable(string) }),
  'hand.lowered': shape({ userId: string, by: string }),
  'speaker.invited': shape({ userId: string, by: string }),
  // no `by` when the HOST's role passed on by itself
  'role.changed': shapeWithOptional({ userId: string, role: stageRole }, { by: string }),
  'participant.muted': shape({ userId: string, by: string, forced: boolean }),
  'participant.unmuted': shape({ userId: string, by: string }),
  'participant.removed': shape({ userId: string, by: string, banned: boolean }),
  'media.grant': shape({ media: (v: unknown): v is MediaGrant | Record<string, never> => noGrant(v) || mediaGrant(v) }),
  'media.pending': shape({ userId: string, retryInSeconds: number }),
  'media.synced': shape({ userId: string }),
  'chat.message': shape({
    id: string,
    from: shape({ id: string, displayName: nullable(string) }),
    text: string,
    toUserId: nullable(string),
    toRole: nullable(stageRole),
    sentAt: string,
  }),
  'chat.deleted': shape({ id: string, by: string }),
  'participant.chat_muted': shape({ userId: string, by: string, muted: boolean }),
  // API.md promises {settings}; the server also sends the room's name and description
  'room.updated': shapeWithOptional(
    { settings: shape({ chat: chatMode, slowModeSeconds: number }) },
    { name: string, description: nullable(string) },
  ),
  'room.counts': shape({ participantCount: number, speakerCount: number }),
  'room.ended': shape({ by: nullable(string) }),
  'room.provider_changed': shape({ from: string, to: string }),
  // only to the room's HOST and MODERATORs
  'report.filed': shape({
    reportId: string,
    reportedUserId: string,
    reason: oneOf('HARASSMENT', 'HATE', 'SPAM', 'SEXUAL_CONTENT', 'VIOLENCE', 'IMPERSONATION', 'OTHER'),
  }),
} satisfies Record<string, Check<Record<string, unknown>>>;

export type RoomEventType = keyof typeof EVENT_DATA;

/** Every type this client knows. */
export const ROOM_EVENT_TYPES = Object.keys(EVENT_DATA) as RoomEventType[];

/** The `data` of one type of room event. */
export type RoomEventData<T extends RoomEventType> = Checked<(typeof EVENT_DATA)[T]>;

/** A room event the client knows: a union on `type`, each member with its own `data`. */
export type RoomEvent = {
  [T in RoomEventType]: { roomId: string; seq: number; type: T; at?: string; data: RoomEventData<T> };
}[RoomEventType];

export function isRoomEventType(type: string): type is RoomEventType {
  return Object.hasOwn(EVENT_DATA, type);
}

/** The frame as a known event, or null when its type is unknown here or its data is not what that type carries. */
export function parseRoomEvent(frame: RoomEventFrame): RoomEvent | null {
  if (!isRoomEventType(frame.type) || !EVENT_DATA[frame.type](frame.data)) {
    return null;
  }
  return frame as RoomEvent;
}

/**
 * For the `default` of a switch over every event type: a type added above and not handled there fails to compile.
 * Nothing to do when it runs: parseRoomEvent lets no other type through.
 */
export function exhaustive(_event: never): void {}
