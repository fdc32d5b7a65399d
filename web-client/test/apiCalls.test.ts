// Each typed call sends what docs/API.md names: method, path, query and body.
import { describe, expect, it } from 'vitest';
import { login, register, signInAsGuest, signInWithFirebase } from '../src/api/auth';
import { deleteMessage, listMessages, sendMessage } from '../src/api/chat';
import { ApiClient } from '../src/api/http';
import { forgetPushToken, readNotificationSettings, registerPushToken, saveNotificationSettings } from '../src/api/notifications';
import { createRoom, joinRoom, leaveRoom, listLiveRooms, readRoom, wsTicket } from '../src/api/rooms';
import { addSpeaker, denyHand, lowerHand, mute, raiseHand, removeSpeaker, unmute } from '../src/api/stage';

const ROOM = '0190a0b0-1234-7abc-8def-00000000000a';
const USER = '0190a0b0-1234-7abc-8def-0000000000l1';

function recorder() {
  const sent: Array<{ call: string; body: unknown; auth: boolean }> = [];
  const api = new ApiClient((async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    sent.push({ call: `${init.method} ${url}`, body: init.body === undefined ? undefined : JSON.parse(String(init.body)), auth: 'Authorization' in headers });
    return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch);
  api.useCredentials({ accessToken: () => 'token', refresh: async () => true, signedOut: () => undefined });
  return { api, sent };
}

describe('typed API calls', () => {
  it('rooms', async () => {
    const { api, sent } = recorder();
    await listLiveRooms(api, 20, null);
    await listLiveRooms(api, 20, 'next page');
    await createRoom(api, { name: 'Open mic', provider: 'mesh' });
    await readRoom(api, ROOM, null);
    await readRoom(api, ROOM, 'c0de');
    await joinRoom(api, ROOM, null);
    await joinRoom(api, ROOM, 'c0de');
    await leaveRoom(api, ROOM);
    await wsTicket(api);
    expect(sent.map((s) => [s.call, s.body])).toEqual([
      ['GET /api/v1/rooms?feed=all&limit=20', undefined],
      ['GET /api/v1/rooms?feed=all&limit=20&cursor=next+page', undefined],
      ['POST /api/v1/rooms', { name: 'Open mic', provider: 'mesh' }],
      [`GET /api/v1/rooms/${ROOM}`, undefined],
      [`GET /api/v1/rooms/${ROOM}?inviteCode=c0de`, undefined],
      [`POST /api/v1/rooms/${ROOM}/join`, {}],
      [`POST /api/v1/rooms/${ROOM}/join`, { inviteCode: 'c0de' }],
      [`POST /api/v1/rooms/${ROOM}/leave`, undefined],
      ['POST /api/v1/auth/ws-ticket', undefined],
    ]);
  });

  it('the stage', async () => {
    const { api, sent } = recorder();
    await raiseHand(api, ROOM);
    await lowerHand(api, ROOM);
    await addSpeaker(api, ROOM, USER);
    await removeSpeaker(api, ROOM, USER);
    await denyHand(api, ROOM, USER);
    await mute(api, ROOM, USER);
    await unmute(api, ROOM, USER);
    expect(sent.map((s) => s.call)).toEqual([
      `PUT /api/v1/rooms/${ROOM}/hand`,
      `DELETE /api/v1/rooms/${ROOM}/hand`,
      `PUT /api/v1/rooms/${ROOM}/speakers/${USER}`,
      `DELETE /api/v1/rooms/${ROOM}/speakers/${USER}`,
      `DELETE /api/v1/rooms/${ROOM}/hands/${USER}`,
      `PUT /api/v1/rooms/${ROOM}/participants/${USER}/mute`,
      `DELETE /api/v1/rooms/${ROOM}/participants/${USER}/mute`,
    ]);
    expect(sent.every((s) => s.body === undefined && s.auth)).toBe(true);
  });

  it('chat', async () => {
    const { api, sent } = recorder();
    await listMessages(api, ROOM, null);
    await listMessages(api, ROOM, 'a/b');
    await sendMessage(api, ROOM, { text: 'hi' });
    await deleteMessage(api, ROOM, 'm1');
    expect(sent.map((s) => [s.call, s.body])).toEqual([
      [`GET /api/v1/rooms/${ROOM}/messages`, undefined],
      [`GET /api/v1/rooms/${ROOM}/messages?cursor=a%2Fb`, undefined],
      [`POST /api/v1/rooms/${ROOM}/messages`, { text: 'hi' }],
      [`DELETE /api/v1/rooms/${ROOM}/messages/m1`, undefined],
    ]);
  });

  it('signing in sends no bearer token', async () => {
    const { api, sent } = recorder();
    await login(api, { username: 'alice', password: 'pw' });
    await register(api, { username: 'bob', password: 'password', displayName: 'Bob' });
    await signInAsGuest(api, {});
    expect(sent).toEqual([
      { call: 'POST /api/v1/auth/login', body: { username: 'alice', password: 'pw' }, auth: false },
      { call: 'POST /api/v1/auth/register', body: { username: 'bob', password: 'password', displayName: 'Bob' }, auth: false },
      { call: 'POST /api/v1/auth/guest', body: {}, auth: false },
    ]);
  });

  it('Firebase sign-in sends the ID token, and only the bearer it is given (a guest’s or a linking account’s)', async () => {
    const { api, sent } = recorder();
    await signInWithFirebase(api, 'id-token', null);
    await signInWithFirebase(api, 'id-token', 'guest-token');
    expect(sent).toEqual([
      { call: 'POST /api/v1/auth/firebase', body: { idToken: 'id-token' }, auth: false },
      { call: 'POST /api/v1/auth/firebase', body: { idToken: 'id-token' }, auth: true },
    ]);
  });

  it('notification settings and push tokens', async () => {
    const { api, sent } = recorder();
    const settings = { roomLive: true, roomStarting: false, followedSpeaking: true, moderation: true };
    await readNotificationSettings(api);
    await saveNotificationSettings(api, settings);
    await registerPushToken(api, 'fcm:token_1');
    await forgetPushToken(api, 'fcm:token_1');
    expect(sent).toEqual([
      { call: 'GET /api/v1/me/notification-settings', body: undefined, auth: true },
      { call: 'PUT /api/v1/me/notification-settings', body: settings, auth: true },
      { call: 'POST /api/v1/me/push-tokens', body: { token: 'fcm:token_1', platform: 'WEB' }, auth: true },
      { call: 'DELETE /api/v1/me/push-tokens/fcm%3Atoken_1', body: undefined, auth: true },
    ]);
  });
});
