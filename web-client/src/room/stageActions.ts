// What I do on the stage (hands, invitations, my microphone; staff: approve or deny a hand). Each call throws the
// API's refusal (the page shows it); on success my place changes at once, before the server's event confirms it.
import type { ApiClient } from '../api/http';
import { addSpeaker, denyHand, lowerHand, mute, raiseHand, removeSpeaker, unmute } from '../api/stage';
import type { MyState, RoomState } from './roomState';

/** My place in the room, as the actions change it. */
export interface MyPlace {
  myId(): string;
  /** Applies a change to the room's state (and draws it). */
  update(change: (state: RoomState) => RoomState): void;
  setMicrophone(on: boolean): Promise<void>;
}

export class StageActions {
  constructor(
    private readonly api: ApiClient,
    private readonly roomId: string,
    private readonly place: MyPlace,
  ) {}

  async raiseHand(): Promise<void> {
    await raiseHand(this.api, this.roomId);
    this.place.update((state) => withMe(state, { handRaised: true }));
  }

  async lowerHand(): Promise<void> {
    await lowerHand(this.api, this.roomId);
    this.place.update((state) => withMe(state, { handRaised: false }));
  }

  /** The server first (it refuses while a moderator's mute holds), then the track. */
  async unmute(): Promise<void> {
    await unmute(this.api, this.roomId, this.place.myId());
    this.place.update((state) => withMe(state, { muted: false, forcedMute: false }));
    await this.place.setMicrophone(true);
  }

  /** Silence at once, then tell the room. */
  async mute(): Promise<void> {
    await this.place.setMicrophone(false);
    this.place.update((state) => withMe(state, { muted: true }));
    await mute(this.api, this.roomId, this.place.myId());
  }

  acceptInvitation(): Promise<void> {
    return addSpeaker(this.api, this.roomId, this.place.myId());
  }

  async declineInvitation(): Promise<void> {
    await removeSpeaker(this.api, this.roomId, this.place.myId());
    this.place.update((state) => withMe(state, { invited: false }));
  }

  async approveHand(userId: string): Promise<void> {
    await addSpeaker(this.api, this.roomId, userId);
    this.place.update((state) => withoutHand(state, userId));
  }

  async denyHand(userId: string): Promise<void> {
    await denyHand(this.api, this.roomId, userId);
    this.place.update((state) => withoutHand(state, userId));
  }
}

/** My place patched (my seat's mute follows mine); the same state when I am not in the room. */
export function withMe(state: RoomState, patch: Partial<MyState>): RoomState {
  if (!state.me) return state;
  const me = { ...state.me, ...patch };
  const panel = patch.muted === undefined ? state.panel : state.panel.map((s) => (s.userId === me.userId ? { ...s, muted: me.muted, mutedKnown: true } : s));
  return { ...state, me, panel };
}

/** A raised hand dealt with; the same state when I do not see the hands. */
export function withoutHand(state: RoomState, userId: string): RoomState {
  if (!state.raisedHands) return state;
  return { ...state, raisedHands: state.raisedHands.filter((h) => h.userId !== userId) };
}
