/**
 * What an SDP says about its media, enough to know whether it sends or receives audio (RFC 8866 / 3264): each m=
 * section's kind, whether it is disabled (port 0) and its direction (its own a=sendrecv|sendonly|recvonly|inactive,
 * else the session-level one, else sendrecv). The relay applies the same reading to every offer and answer.
 */
export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface MediaSection {
  kind: string;
  disabled: boolean;
  direction: Direction;
}

const DIRECTIONS = new Set<string>(['sendrecv', 'sendonly', 'recvonly', 'inactive']);

export function mediaSections(sdp: string): MediaSection[] {
  let sessionDirection: Direction | null = null;
  const raw: Array<{ kind: string; port: string; direction: Direction | null }> = [];
  let current: (typeof raw)[number] | null = null;
  for (const line of sdp.split(/\r?\n/)) {
    const l = line.trim();
    if (l.startsWith('m=')) {
      const fields = l.slice(2).split(' ');
      current = { kind: (fields[0] ?? '').toLowerCase(), port: fields[1] ?? '0', direction: null };
      raw.push(current);
    } else if (l.startsWith('a=') && DIRECTIONS.has(l.slice(2).toLowerCase())) {
      const direction = l.slice(2).toLowerCase() as Direction;
      if (current) {
        current.direction = direction;
      } else {
        sessionDirection = direction;
      }
    }
  }
  return raw.map((r) => ({
    kind: r.kind,
    disabled: r.port === '0',
    direction: r.direction ?? sessionDirection ?? 'sendrecv',
  }));
}

export function sends(section: MediaSection): boolean {
  return !section.disabled && (section.direction === 'sendrecv' || section.direction === 'sendonly');
}

export function receives(section: MediaSection): boolean {
  return !section.disabled && (section.direction === 'sendrecv' || section.direction === 'recvonly');
}

/** A speaker's offer as the relay accepts it: audio only, sent and not received. */
export function isSendOnlyAudioOffer(sdp: string): boolean {
  const sections = mediaSections(sdp);
  return (
    sections.length > 0 &&
    sections.every((s) => s.kind === 'audio' || s.disabled) &&
    !sections.some(receives) &&
    sections.some(sends)
  );
}

/** A listener's answer as the relay accepts it: nothing sent (recvonly or inactive). */
export function isReceiveOnlyAnswer(sdp: string): boolean {
  const sections = mediaSections(sdp);
  return sections.length > 0 && !sections.some(sends);
}
