// What the room page tells the person about a refusal or failure (the notices' texts; tests read some of them).
import { ApiError, isProblem } from '../api/http';

export interface Notice {
  text: string;
  kind: 'info' | 'error';
}

/** What to show a person about a failure. */
export function describe(e: unknown): string {
  return e instanceof ApiError ? e.describe() : e instanceof Error ? e.message : String(e);
}

/** Why reading the room failed. */
export function readRefusal(e: unknown): Notice {
  const missing = e instanceof ApiError && e.status === 404;
  return { text: missing ? 'This room does not exist, or you cannot see it.' : describe(e), kind: 'error' };
}

/** Why a join was refused (`room-ended` means the room is over: the page shows it ended). */
export function joinRefusal(e: unknown): Notice {
  if (isProblem(e, '/problems/room-ended')) {
    return { text: 'This room has ended.', kind: 'info' };
  }
  if (isProblem(e, '/problems/banned')) {
    return { text: 'You cannot join this room: you were banned from it.', kind: 'error' };
  }
  if (isProblem(e, '/problems/room-full')) {
    return { text: 'This room is full.', kind: 'error' };
  }
  if (isProblem(e, '/problems/provider-unavailable')) {
    const wait = e instanceof ApiError && e.retryAfterSeconds ? ` Try again in ${e.retryAfterSeconds} s.` : '';
    return { text: `The room's audio service cannot be reached right now.${wait}`, kind: 'error' };
  }
  return { text: describe(e), kind: 'error' };
}
