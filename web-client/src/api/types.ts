// The shapes of API.md that the web client reads. Fields the client does not use are left out.

export type StageRole = 'HOST' | 'MODERATOR' | 'SPEAKER' | 'AUDIENCE';
export type RoomStatus = 'SCHEDULED' | 'LIVE' | 'ENDED';

export const PANEL_ROLES: readonly StageRole[] = ['HOST', 'MODERATOR', 'SPEAKER'];

export function isOnPanel(role: StageRole | null | undefined): boolean {
  return role === 'HOST' || role === 'MODERATOR' || role === 'SPEAKER';
}

export function isStaff(role: StageRole | null | undefined): boolean {
  return role === 'HOST' || role === 'MODERATOR';
}

export interface User {
  id: string;
  username: string | null;
  displayName: string;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  user: User;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Seat {
  userId: string;
  displayName: string | null;
  role: StageRole;
  /** Not in API.md's seat today; read when a server sends it. */
  muted?: boolean;
}

export interface RoomCard {
  id: string;
  name: string;
  club: { id: string; name: string } | null;
  visibility: string;
  status: RoomStatus;
  panel: Seat[];
  speakerCount: number;
  participantCount: number;
  startedAt: string | null;
  scheduledFor: string | null;
}

export interface RaisedHand {
  userId: string;
  displayName: string | null;
  raisedAt: string;
}

export interface MyPlace {
  role: StageRole;
  handRaised: boolean;
  muted: boolean;
  forcedMute: boolean;
  invited: boolean;
  /** A HOST or MODERATOR muted my chat in this room (absent from older servers). */
  chatMuted?: boolean;
}

export interface RoomDetail extends RoomCard {
  description: string | null;
  audienceCount: number;
  provider?: string;
  settings: { chat: string; slowModeSeconds: number };
  raisedHands: RaisedHand[] | null;
  me: MyPlace | null;
  inviteCode: string | null;
}

export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** API.md `media`: how to connect, whatever the provider. */
export interface MediaGrant {
  provider: string;
  token: string | null;
  expiresAt: string;
  canPublish: boolean;
  connection: { iceServers?: IceServer[]; iceTransportPolicy?: 'all' | 'relay'; [key: string]: unknown };
}

export interface JoinAnswer {
  participant: { userId: string; role: StageRole; handRaised: boolean; muted: boolean };
  media: MediaGrant;
  events: { url: string; roomSeq: number };
}

export interface WsTicket {
  ticket: string;
  expiresAt: string;
}

/** A room event as it arrives over /ws: declared, with every type's data, in events/roomEvents.ts. */
export type { RoomEvent } from '../events/roomEvents';

/** The `data` of a mesh `signal` frame. `leg` is the client's own addition (the relay passes it through). */
export type SignalData =
  | { type: 'ready' }
  | { type: 'offer'; sdp: string }
  | { type: 'answer'; sdp: string }
  | { type: 'candidate'; candidate: RTCIceCandidateInit; leg?: Leg }
  | { type: 'bye'; leg?: Leg };

/**
 * Which of the two connections between two people a frame is about, seen from its sender: `send` is the one in
 * which the sender sends its audio (it offered), `recv` the one in which it receives.
 */
export type Leg = 'send' | 'recv';

/** POST /rooms/{roomId}/join's body: an invite code opens a PRIVATE room; a queue token keeps a place in line. */
export interface JoinRequest {
  inviteCode?: string;
  queueToken?: string;
}

/** POST /rooms's body (the fields this client sends). */
export interface CreateRoomRequest {
  name: string;
  provider?: string;
}

/** A chat message as API.md answers it (history, POST /messages, `chat.message`); read through room/chat's parser. */
export interface ChatMessageBody {
  id: string;
  from: { id: string; displayName: string | null } | null;
  text: string;
  sentAt: string;
  toUserId: string | null;
  toRole: StageRole | null;
}

/** POST /rooms/{roomId}/messages's body. */
export interface SendMessageRequest {
  text: string;
  toUserId?: string;
  toRole?: StageRole;
}

/** The bodies of the auth calls that answer a session. */
export interface LoginRequest {
  username: string;
  password: string;
}

export interface RegisterRequest extends LoginRequest {
  displayName: string;
}

export interface GuestRequest {
  displayName?: string;
}
