import '../styles/hallway.css';
import { followClub, listClubRooms, listMembers, readClub, removeMember, setMemberRole, type Club, type Member } from '../api/clubs';
import { ApiError } from '../api/http';
import type { App } from '../app';
import { ClubMembersView } from '../ui/clubMembers';
import { openCreateRoomDialog } from '../ui/createRoomDialog';
import { h, setText, syncChildren } from '../ui/dom';
import { siteHeader } from '../ui/header';
import { icon } from '../ui/icons';
import { roomCardView } from '../ui/roomCard';
import type { Page } from './page';

function plainWords(e: unknown, fallback: string): string {
  return e instanceof ApiError ? e.describe() : fallback;
}

/**
 * `/clubs/{id}`: the club, its live and upcoming rooms, its members (paged). Follow / Unfollow; a member may
 * leave and create rooms in it; an ADMIN manages roles. Members are added by ADMINs (the API has no self-join).
 */
export function mountClubPage(root: HTMLElement, app: App, clubId: string): Page {
  const me = app.session.get()?.user ?? null;
  const guest = !me?.username;
  let club: Club | null = null;
  let members: Member[] = [];
  let cursor: string | null = null;
  let destroyed = false;

  const title = h('h1', {}, 'Club');
  const about = h('p', { class: 'club-about' });
  const facts = h('p', { class: 'hint', 'data-testid': 'club-facts' });
  const announce = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite', 'data-testid': 'club-status' });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'club-error', hidden: true });
  const follow = h('button', { type: 'button', class: 'secondary', 'data-testid': 'club-follow', hidden: true }, 'Follow');
  const leave = h('button', { type: 'button', class: 'secondary', 'data-testid': 'club-leave', hidden: true }, 'Leave club');
  const createRoom = h('button', { type: 'button', 'data-testid': 'club-create-room', hidden: true }, icon('plus'), 'Create room');
  const membership = h('p', { class: 'hint', 'data-testid': 'club-membership' });
  const rooms = h('ul', { class: 'rooms', 'data-testid': 'club-rooms' });
  const roomsEmpty = h('p', { class: 'hint', hidden: true }, 'No live or upcoming rooms in this club.');
  const moreMembers = h('button', { type: 'button', class: 'secondary', hidden: true, 'data-testid': 'club-members-more' }, 'More members');

  const fail = (e: unknown, fallback: string): void => {
    setText(error, plainWords(e, fallback));
    error.hidden = false;
  };
  const act = async (call: () => Promise<unknown>, done: string, fallback: string): Promise<void> => {
    error.hidden = true;
    try {
      await call();
      setText(announce, done);
      await refresh();
    } catch (e) {
      fail(e, fallback);
    }
  };

  const membersView = new ClubMembersView({
    admin: false,
    myId: me?.id ?? null,
    setRole: (m, role) => void act(() => setMemberRole(app.api, clubId, m.user.id, role), `${m.user.displayName} is now ${role}.`, 'The role could not be changed.'),
    remove: (m) => void act(() => removeMember(app.api, clubId, m.user.id), `${m.user.displayName} was removed from the club.`, 'The member could not be removed.'),
  });

  const showClub = (c: Club): void => {
    club = c;
    setText(title, c.name);
    document.title = `${c.name} · Tribune`;
    setText(about, c.description ?? '');
    setText(facts, [c.topic?.name, `${c.memberCount} members`, `${c.followerCount} followers`, c.founder ? `founded by ${c.founder.displayName}` : null].filter(Boolean).join(' · '));
    follow.hidden = guest;
    setText(follow, c.following ? 'Unfollow' : 'Follow');
    follow.setAttribute('aria-pressed', String(c.following));
    leave.hidden = guest || c.myMembership === null;
    createRoom.hidden = guest || c.myMembership === null;
    setText(
      membership,
      guest
        ? 'Sign up to follow clubs and take part in their rooms.'
        : c.myMembership === 'ADMIN'
          ? 'You are an ADMIN of this club: add people from their profiles (Add to club).'
          : c.myMembership === 'MEMBER'
            ? 'You are a member of this club.'
            : "Follow the club to see its rooms. Its ADMINs add members.",
    );
  };

  const loadMembers = async (fresh: boolean): Promise<void> => {
    const page = await listMembers(app.api, clubId, fresh ? null : cursor);
    if (destroyed) return;
    members = fresh ? page.items : [...members, ...page.items];
    cursor = page.nextCursor;
    membersView.show(members, club?.myMembership === 'ADMIN');
    moreMembers.hidden = cursor === null;
  };

  const loadRooms = async (): Promise<void> => {
    const page = await listClubRooms(app.api, clubId);
    if (destroyed) return;
    syncChildren(rooms, page.items, (r) => r.id, roomCardView, () => undefined);
    roomsEmpty.hidden = page.items.length > 0;
  };

  const refresh = async (): Promise<void> => {
    const c = await readClub(app.api, clubId);
    if (destroyed) return;
    showClub(c);
    await loadMembers(true);
  };

  follow.addEventListener('click', () => {
    const now = !club?.following;
    void act(() => followClub(app.api, clubId, now), now ? 'You follow this club.' : 'You no longer follow this club.', 'That did not work. Try again.');
  });
  leave.addEventListener('click', () => {
    if (!me) return;
    void act(() => removeMember(app.api, clubId, me.id), 'You left the club.', 'You could not leave the club.');
  });
  createRoom.addEventListener('click', () => club && openCreateRoomDialog(app, { club: { id: club.id, name: club.name } }));
  moreMembers.addEventListener('click', () => void loadMembers(false).catch((e: unknown) => fail(e, 'The members could not be read.')));

  root.replaceChildren(
    siteHeader(app),
    h(
      'main',
      { class: 'hallway club-page' },
      h('div', { class: 'hallway-top' }, title, h('div', { class: 'club-buttons' }, follow, leave, createRoom)),
      about,
      facts,
      membership,
      announce,
      error,
      h('section', { class: 'club-rooms', 'aria-labelledby': 'club-rooms-heading' }, h('h2', { id: 'club-rooms-heading' }, 'Rooms'), rooms, roomsEmpty),
      membersView.element,
      moreMembers,
    ),
  );
  // the club first (it says whether I am an ADMIN), its rooms alongside
  refresh().catch((e: unknown) => !destroyed && fail(e, 'This club could not be read.'));
  loadRooms().catch(() => !destroyed && ((roomsEmpty.hidden = false), setText(roomsEmpty, 'The rooms could not be read.')));
  return {
    destroy: () => {
      destroyed = true;
      root.replaceChildren();
    },
  };
}
