// Fakes for driving a room session without a browser: a socket and a media session that record what they are told.
import type { MediaGrant, RoomDetail } from '../src/api/types';
import type { SocketLike } from '../src/events/eventStream';
import type { MediaContext, MediaSession, RemoteAudioStats, RoomChange } from '../src/media/mediaSession';

/** A socket the test opens, feeds frames and reads what was sent. */
export class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Array<Record<string, unknown>> = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  /** A room event frame for the room the socket subscribed to. */
  event(seq: number, type: string, data: Record<string, unknown>): void {
    const subscribe = this.sent.find((frame) => frame.op === 'subscribe');
    this.receive({ op: 'event', roomId: subscribe?.roomId, seq, type, data });
  }
}

/** A media session that records what the room told it. */
export class FakeMedia implements MediaSession {
  joinedWith: MediaGrant | null = null;
  context: MediaContext | null = null;
  left = false;
  microphone: boolean[] = [];
  grants: MediaGrant[] = [];
  changes: RoomChange[] = [];
  speakingListener: ((userId: string, speaking: boolean) => void) | null = null;
  constructor(readonly provider: string) {}
  async join(grant: MediaGrant, context: MediaContext): Promise<void> {
    this.joinedWith = grant;
    this.context = context;
  }
  async leave(): Promise<void> {
    this.left = true;
  }
  async setMicrophone(on: boolean): Promise<void> {
    this.microphone.push(on);
  }
  onSpeaking(listener: (userId: string, speaking: boolean) => void): () => void {
    this.speakingListener = listener;
    return () => undefined;
  }
  async stats(): Promise<RemoteAudioStats[]> {
    return [];
  }
  async updateGrant(grant: MediaGrant): Promise<void> {
    this.grants.push(grant);
  }
  roomChanged(change: RoomChange): void {
    this.changes.push(change);
  }
  lastStage() {
    return [...this.changes].reverse().find((c) => c.kind === 'stage');
  }
}

export const ROOM = '0190a0b0-1234-7abc-8def-00000000000a';
export const HOST = '0190a0b0-1234-7abc-8def-0000000000h1';

/** The LIVE room "Open mic" as GET /rooms/{id} answers it to {@code me}, hosted by Alice (HOST). */
export function detail(me: RoomDetail['me'], extra: Partial<RoomDetail> = {}): RoomDetail {
  return {
    id: ROOM,
    name: 'Open mic',
    club: null,
    visibility: 'PUBLIC',
    status: 'LIVE',
    panel: [{ userId: HOST, displayName: 'Alice', role: 'HOST' }],
    speakerCount: 1,
    participantCount: 3,
    startedAt: null,
    scheduledFor: null,
    description: null,
    audienceCount: 2,
    settings: { chat: 'EVERYONE', slowModeSeconds: 0 },
    raisedHands: me?.role === 'HOST' ? [] : null,
    me,
    inviteCode: null,
    ...extra,
  };
}
