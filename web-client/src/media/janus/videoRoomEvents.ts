import type { VideoRoomMessage } from './janusLib';

/** What one VideoRoom message on the room (publisher) handle means for Tribune. Pure, so it is tested alone. */
export interface RoomMessageMeaning {
  /** `joined`: my participant is in the room. */
  joined: boolean;
  /** Feeds (user ids) publishing now that I should hear. Never myself. */
  publishers: string[];
  /** Feeds (user ids) that stopped publishing or left. Never myself. */
  gone: string[];
  /** My own participant: unpublished (`unpublished: "ok"`), left, or kicked by the server. */
  me: 'unpublished' | 'left' | 'kicked' | null;
  /** `configured`: my publish went through. */
  configured: boolean;
  /** The VideoRoom was destroyed (Janus restarting; the adapter makes it again). */
  roomDestroyed: boolean;
  /** A VideoRoom error (`error_code`, `error`). */
  error: { code: number; reason: string } | null;
}

function feedId(value: unknown): string | null {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number') return String(value); // a Janus without string_ids: still an id
  return null;
}

/** Reads a VideoRoom message (`plugindata.data`) from my room handle; `me` is my user id (= my feed id). */
export function readRoomMessage(data: VideoRoomMessage, me: string): RoomMessageMeaning {
  const meaning: RoomMessageMeaning = {
    joined: false,
    publishers: [],
    gone: [],
    me: null,
    configured: false,
    roomDestroyed: false,
    error: null,
  };
  const kind = data.videoroom;
  if (kind === 'joined') meaning.joined = true;
  if (kind === 'destroyed') meaning.roomDestroyed = true;
  if (Array.isArray(data.publishers)) {
    for (const p of data.publishers as Array<Record<string, unknown>>) {
      const id = feedId(p?.id);
      if (id === null || id === me || p?.dummy === true) continue;
      const streams = Array.isArray(p.streams) ? (p.streams as Array<Record<string, unknown>>) : null;
      // a publisher whose streams are listed must offer audio (Tribune publishes audio only)
      if (streams && streams.length > 0 && !streams.some((s) => s?.type === 'audio' && s?.disabled !== true)) continue;
      if (!meaning.publishers.includes(id)) meaning.publishers.push(id);
    }
  }
  const drop = (value: unknown, mine: 'unpublished' | 'left' | 'kicked'): void => {
    if (value === 'ok') {
      meaning.me = mine;
      return;
    }
    const id = feedId(value);
    if (id === null) return;
    if (id === me) meaning.me = mine;
    else if (!meaning.gone.includes(id)) meaning.gone.push(id);
  };
  if ('unpublished' in data) drop(data.unpublished, 'unpublished');
  if ('leaving' in data) drop(data.leaving, data.reason === 'kicked' ? 'kicked' : 'left');
  if ('kicked' in data) drop(data.kicked, 'kicked');
  if (data.configured === 'ok') meaning.configured = true;
  if (typeof data.error_code === 'number') {
    meaning.error = { code: data.error_code, reason: typeof data.error === 'string' ? data.error : 'VideoRoom error' };
  }
  return meaning;
}

/** The Janus error code at the start of a janus.js error string ("433 Unauthorized ..."), or null. */
export function janusErrorCode(error: unknown): number | null {
  const match = /^\s*(?:Ooops: )?(\d{3})\b/.exec(String(error));
  return match ? Number(match[1]) : null;
}
