import type { RoomCard } from '../api/types';
import { h } from './dom';
import { icon } from './icons';

/** "Sat 6 Dec, 19:30": when an upcoming room starts, in the reader's own time zone. */
export function startsAt(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** A hallway card: name, club, who is on stage, counts (live) or the start time (upcoming). */
export function roomCardView(room: RoomCard): HTMLElement {
  const live = room.status === 'LIVE';
  const speakers = room.panel.map((s) => `${s.displayName ?? 'Someone'}${s.role === 'HOST' ? ' (host)' : ''}`);
  const listening = Math.max(0, room.participantCount - room.speakerCount);
  return h(
    'li',
    { class: 'room-card', 'data-room-id': room.id, 'data-status': room.status.toLowerCase() },
    h(
      'a',
      // a live room is joined from the hallway without another click; an upcoming one opens its page
      { href: `/rooms/${room.id}`, 'data-testid': `room-link-${room.id}`, 'data-autojoin': live ? 'true' : null, class: 'room-name' },
      room.name,
    ),
    room.club ? h('a', { class: 'club', href: `/clubs/${room.club.id}` }, room.club.name) : null,
    room.visibility === 'PRIVATE' ? h('span', { class: 'tag' }, 'Private') : room.visibility === 'CLUB' ? h('span', { class: 'tag' }, 'Club') : null,
    h('p', { class: 'speakers' }, speakers.length ? speakers.join(', ') : 'Nobody on stage yet'),
    live
      ? h('p', { class: 'counts' }, `${room.speakerCount} on stage · ${listening} listening`)
      : h('p', { class: 'counts when', 'data-testid': `room-starts-${room.id}` }, icon('calendar'), ` Starts ${startsAt(room.scheduledFor)}`),
  );
}
