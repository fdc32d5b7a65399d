import '../styles/hallway.css';
import { ApiError } from '../api/http';
import { setMemberRole } from '../api/clubs';
import { followUser, readMe, readProfile, type ClubRef, type Profile } from '../api/people';
import type { App } from '../app';
import { h, setText } from '../ui/dom';
import { siteHeader } from '../ui/header';
import { profileForm } from '../ui/profileForm';
import type { Page } from './page';
import { counted } from '../ui/counted';

function plainWords(e: unknown): string {
  if (e instanceof ApiError && e.status === 404) return 'This person has no profile (guests have none), or the account was deleted.';
  return e instanceof ApiError ? e.describe() : 'This profile could not be read. Try again.';
}

/** `/users/{id}`: who they are, their clubs, Follow / Unfollow; on my own profile, Edit profile. */
export function mountProfilePage(root: HTMLElement, app: App, userId: string): Page {
  const me = app.session.get()?.user ?? null;
  const mine = me?.id === userId;
  const guest = !me?.username;
  let profile: Profile | null = null;
  let destroyed = false;

  const title = h('h1', { 'data-testid': 'profile-name' }, 'Profile');
  const username = h('p', { class: 'hint', 'data-testid': 'profile-username' });
  const bio = h('p', { class: 'bio', 'data-testid': 'profile-bio-text' });
  const counts = h('p', { class: 'hint', 'data-testid': 'profile-counts' });
  const clubs = h('ul', { class: 'profile-clubs', 'data-testid': 'profile-clubs' });
  const follow = h('button', { type: 'button', class: 'secondary', 'data-testid': 'profile-follow', hidden: true }, 'Follow');
  const edit = h('button', { type: 'button', class: 'secondary', 'data-testid': 'profile-edit', hidden: !mine, 'aria-expanded': 'false' }, 'Edit profile');
  const editor = h('div', { hidden: true });
  const announce = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite' });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'profile-page-error', hidden: true });

  const show = (p: Profile): void => {
    profile = p;
    setText(title, p.displayName);
    document.title = `${p.displayName} · Tribune`;
    setText(username, p.username ? `@${p.username}` : '');
    setText(bio, p.bio ?? '');
    setText(counts, `${counted(p.followerCount, 'follower')} · ${p.followingCount} following`);
    clubs.replaceChildren(
      ...(p.clubs ?? []).map((c) => h('li', {}, h('a', { href: `/clubs/${c.id}` }, c.name), c.role === 'ADMIN' ? h('span', { class: 'tag' }, 'Admin') : null)),
    );
    if ((p.clubs ?? []).length === 0) clubs.append(h('li', { class: 'hint' }, 'Not in any club yet.'));
    follow.hidden = mine || guest;
    setText(follow, p.following ? 'Unfollow' : 'Follow');
    follow.setAttribute('aria-pressed', String(p.following));
  };
  const load = async (): Promise<void> => {
    try {
      const p = await readProfile(app.api, userId);
      if (!destroyed) show(p);
    } catch (e) {
      if (destroyed) return;
      setText(error, plainWords(e));
      error.hidden = false;
    }
  };

  follow.addEventListener('click', async () => {
    if (!profile) return;
    const now = !profile.following;
    error.hidden = true;
    try {
      await followUser(app.api, userId, now);
      setText(announce, now ? `You follow ${profile.displayName}.` : `You no longer follow ${profile.displayName}.`);
      await load();
    } catch (e) {
      setText(error, e instanceof ApiError ? e.describe() : 'That did not work. Try again.');
      error.hidden = false;
    }
  });
  edit.addEventListener('click', () => {
    if (!editor.firstChild && profile) {
      editor.append(profileForm(app, { displayName: profile.displayName, bio: profile.bio }, () => void load()));
    }
    editor.hidden = !editor.hidden;
    edit.setAttribute('aria-expanded', String(!editor.hidden));
    if (!editor.hidden) editor.querySelector<HTMLElement>('input')?.focus();
  });

  // a club ADMIN adds people to their clubs from their profiles (the API has no asking to join)
  const addSlot = h('div', { class: 'add-to-club' });
  const offerClubs = (mineAdmin: ClubRef[]): void => {
    const already = new Set((profile?.clubs ?? []).map((c) => c.id));
    const open = mineAdmin.filter((c) => !already.has(c.id));
    if (open.length === 0) {
      addSlot.replaceChildren();
      return;
    }
    const choice = h('select', { 'aria-label': 'Club to add them to', 'data-testid': 'add-to-club-choice' }, ...open.map((c) => h('option', { value: c.id }, c.name)));
    const add = h('button', { type: 'button', class: 'secondary', 'data-testid': 'add-to-club' }, 'Add to club');
    add.addEventListener('click', async () => {
      error.hidden = true;
      try {
        await setMemberRole(app.api, choice.value, userId, 'MEMBER');
        setText(announce, `${profile?.displayName ?? 'They'} joined ${choice.selectedOptions[0]?.textContent ?? 'the club'}.`);
        await load();
        offerClubs(mineAdmin);
      } catch (e) {
        setText(error, e instanceof ApiError ? e.describe() : 'They could not be added. Try again.');
        error.hidden = false;
      }
    });
    addSlot.replaceChildren(choice, add);
  };

  root.replaceChildren(
    siteHeader(app),
    h(
      'main',
      { class: 'hallway profile-page' },
      h('div', { class: 'hallway-top' }, title, h('div', { class: 'club-buttons' }, follow, edit)),
      username,
      bio,
      counts,
      announce,
      error,
      editor,
      addSlot,
      h('h2', {}, 'Clubs'),
      clubs,
      guest && !mine ? h('p', { class: 'hint' }, h('a', { href: '/signin' }, 'Sign up'), ' to follow people and hear when they speak.') : null,
    ),
  );
  const loaded = load();
  if (!mine && !guest) {
    Promise.all([readMe(app.api), loaded])
      .then(([me]) => !destroyed && profile && offerClubs(me.adminOfClubs ?? []))
      .catch(() => undefined);
  }
  return {
    destroy: () => {
      destroyed = true;
      root.replaceChildren();
    },
  };
}
