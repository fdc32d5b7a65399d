// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { mountAccountPage } from '../src/pages/accountPage';
import { mountProfilePage } from '../src/pages/profilePage';
import { appWith, button, byLabel, fakeFetch, ME } from './appFakes';
import { flush } from './fakeTimers';

const profile = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  username: 'max',
  displayName: 'Max',
  bio: 'Plays the bass',
  followerCount: 4,
  followingCount: 2,
  following: false,
  clubs: [{ id: 'c1', name: 'Jazz club', role: 'ADMIN' }],
  ...extra,
});

describe('a profile', () => {
  it('shows who they are and their clubs, and follows them', async () => {
    let following = false;
    const { fn, calls } = fakeFetch({
      'GET /api/v1/users/u-max': () => [200, profile('u-max', { following, followerCount: following ? 5 : 4 })],
      'PUT /api/v1/users/u-max/follow': () => {
        following = true;
        return [204, undefined];
      },
    });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    mountProfilePage(root, app, 'u-max');
    await flush();
    expect(root.querySelector('h1')?.textContent).toBe('Max');
    expect(root.querySelector('[data-testid="profile-username"]')?.textContent).toBe('@max');
    expect(root.querySelector('[data-testid="profile-bio-text"]')?.textContent).toBe('Plays the bass');
    expect(root.querySelector('[data-testid="profile-counts"]')?.textContent).toBe('4 followers · 2 following');
    expect(root.querySelector('[data-testid="profile-clubs"] a')?.getAttribute('href')).toBe('/clubs/c1');
    expect(button(root, 'Edit profile')?.hidden).toBe(true);
    button(root, 'Follow')!.click();
    await flush();
    expect(calls.map((c) => c[0])).toContain('PUT /api/v1/users/u-max/follow');
    expect(button(root, 'Unfollow')?.getAttribute('aria-pressed')).toBe('true');
    expect(root.querySelector('[data-testid="profile-counts"]')?.textContent).toBe('5 followers · 2 following');
  });

  it('lets me edit my own profile, and the header name follows', async () => {
    const { fn, calls } = fakeFetch({
      [`GET /api/v1/users/${ME}`]: () => [200, profile(ME, { username: 'lisa', displayName: 'Lisa', bio: null, clubs: [] })],
      'PATCH /api/v1/me': (body) => [200, { id: ME, username: 'lisa', displayName: (body as { displayName: string }).displayName, guest: false }],
    });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    mountProfilePage(root, app, ME);
    await flush();
    expect(button(root, 'Follow')?.hidden).toBe(true);
    const edit = button(root, 'Edit profile')!;
    edit.click();
    expect(edit.getAttribute('aria-expanded')).toBe('true');
    byLabel(root, 'Display name')!.value = 'Lisa M';
    byLabel<HTMLTextAreaElement>(root, 'Bio')!.value = 'Hosts the jazz club';
    root.querySelector<HTMLFormElement>('form[aria-label="Edit profile"]')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(calls.find((c) => c[0] === 'PATCH /api/v1/me')?.[1]).toEqual({ displayName: 'Lisa M', bio: 'Hosts the jazz club' });
    expect(app.session.get()?.user.displayName).toBe('Lisa M');
    expect(root.querySelector('[data-testid="profile-saved"]')?.textContent).toBe('Saved.');
  });

  it('lets a club ADMIN add them to a club they are not in yet', async () => {
    let clubs = [{ id: 'c1', name: 'Jazz club' }];
    const { fn, calls } = fakeFetch({
      'GET /api/v1/users/u-max': () => [200, profile('u-max', { clubs })],
      'GET /api/v1/me': () => [200, { id: ME, username: 'lisa', displayName: 'Lisa', guest: false, adminOfClubs: [{ id: 'c1', name: 'Jazz club' }, { id: 'c2', name: 'Book club' }] }],
      'PUT /api/v1/clubs/c2/members/u-max': () => {
        clubs = [...clubs, { id: 'c2', name: 'Book club' }];
        return [204, undefined];
      },
    });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    mountProfilePage(root, app, 'u-max');
    await flush();
    const choice = byLabel<HTMLSelectElement>(root, 'Club to add them to')!;
    expect(Array.from(choice.options).map((o) => o.textContent)).toEqual(['Book club']);
    button(root, 'Add to club')!.click();
    await flush();
    expect(calls.find((c) => c[0] === 'PUT /api/v1/clubs/c2/members/u-max')?.[1]).toEqual({ role: 'MEMBER' });
    expect(root.textContent).toContain('Max joined Book club.');
    expect(button(root, 'Add to club')).toBeNull();
  });

  it('says plainly when there is no profile', async () => {
    const { fn } = fakeFetch({});
    const { app, root } = appWith(fn as unknown as typeof fetch);
    mountProfilePage(root, app, 'u-gone');
    await flush();
    expect(root.querySelector('[data-testid="profile-page-error"]')?.textContent).toContain('has no profile');
  });
});

describe('the account page', () => {
  const me = () => [200, { id: ME, username: 'lisa', displayName: 'Lisa', guest: false, bio: 'Hi' }] as [number, unknown];

  it('changes the password and says why when it fails', async () => {
    let tries = 0;
    const { fn, calls } = fakeFetch({
      'GET /api/v1/me': me,
      'PUT /api/v1/me/password': () =>
        ++tries === 1 ? [403, { type: '/problems/forbidden', title: 'Forbidden', status: 403, detail: 'The current password is wrong.' }] : [204, undefined],
      'POST /api/v1/auth/login': () => [200, { accessToken: 'a2', refreshToken: 'r2', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { id: ME, username: 'lisa', displayName: 'Lisa' } }],
    });
    const { app, root } = appWith(fn as unknown as typeof fetch);
    mountAccountPage(root, app);
    await flush();
    expect(byLabel<HTMLTextAreaElement>(root, 'Bio')?.value).toBe('Hi');
    byLabel(root, 'Current password')!.value = 'old-password';
    byLabel(root, 'New password (8 or more characters)')!.value = 'new-password';
    const form = root.querySelector<HTMLFormElement>('form[aria-label="Change password"]')!;
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(calls.filter((c) => c[0] === 'PUT /api/v1/me/password')[0]?.[1]).toEqual({ currentPassword: 'old-password', newPassword: 'new-password' });
    expect(root.querySelector('[data-testid="password-error"]')?.textContent).toBe('The current password is wrong.');
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(root.querySelector('[data-testid="password-saved"]')?.textContent).toContain('Password changed');
    // the change revoked this tab's refresh token too: it signed in again with the new password
    expect(calls.find((c) => c[0] === 'POST /api/v1/auth/login')?.[1]).toEqual({ username: 'lisa', password: 'new-password' });
    expect(app.session.get()?.refreshToken).toBe('r2');
  });

  it('signs out everywhere, then here', async () => {
    const { fn, calls } = fakeFetch({ 'GET /api/v1/me': me, 'DELETE /api/v1/me/sessions': () => [204, undefined] });
    const { app, root, signOut } = appWith(fn as unknown as typeof fetch);
    mountAccountPage(root, app);
    await flush();
    button(root, 'Sign out everywhere')!.click();
    await flush();
    expect(calls.map((c) => c[0])).toContain('DELETE /api/v1/me/sessions');
    expect(signOut).toHaveBeenCalledWith('/');
  });

  it('deletes the account only once the username is typed, then signs out', async () => {
    const { fn, calls } = fakeFetch({ 'GET /api/v1/me': me, 'DELETE /api/v1/me': () => [204, undefined] });
    const { app, root, signOut } = appWith(fn as unknown as typeof fetch);
    mountAccountPage(root, app);
    await flush();
    button(root, 'Delete account')!.click();
    const dialog = document.querySelector('dialog') as HTMLDialogElement;
    expect(dialog.querySelector('h2')?.textContent).toBe('Delete your account?');
    const confirm = button(dialog, 'Delete my account')!;
    expect(confirm.disabled).toBe(true);
    const typed = dialog.querySelector('input') as HTMLInputElement;
    typed.value = 'lis';
    typed.dispatchEvent(new Event('input'));
    expect(confirm.disabled).toBe(true);
    typed.value = 'lisa';
    typed.dispatchEvent(new Event('input'));
    expect(confirm.disabled).toBe(false);
    dialog.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(calls.map((c) => c[0])).toContain('DELETE /api/v1/me');
    expect(signOut).toHaveBeenCalledWith('/');
    expect(document.querySelector('dialog')).toBeNull();
  });

  it('tells a guest there is no account to manage', async () => {
    const { fn } = fakeFetch({});
    const { app, root } = appWith(fn as unknown as typeof fetch, { id: 'g', username: null, displayName: 'G' });
    mountAccountPage(root, app);
    await flush();
    expect(root.textContent).toContain('Guests have no account to manage');
    expect(button(root, 'Delete account')).toBeNull();
  });
});
