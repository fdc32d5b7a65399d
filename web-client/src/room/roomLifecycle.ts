import type { ApiClient } from '../api/http';
import { clearReminder, endRoom, handOverHost, setReminder, startRoom } from '../api/roomAdmin';
import type { HostDialogs } from '../ui/hostDialogs';
import type { UpcomingAction } from '../ui/upcomingPanel';
import type { RoomSession } from './roomSession';

export interface RoomLifecycleDeps {
  api: ApiClient;
  roomId: string;
  /** A PRIVATE room's invite code, from its shared link: reminders need it as reading the room does. */
  inviteCode: string | null;
  session: () => RoomSession;
  dialogs: HostDialogs;
  /** The HOST left the room running (or handed it on): the page goes back to the hallway. */
  left: () => void;
}

/**
 * What choices about the room itself do: starting an upcoming room or asking to be reminded of it, ending it, and a
 * HOST's leaving (hand it on, end it, or leave it running). Each calls the API, then tells the session.
 */
export class RoomLifecycle {
  constructor(private readonly deps: RoomLifecycleDeps) {}

  async upcoming(action: UpcomingAction): Promise<void> {
    const { api, roomId, inviteCode } = this.deps;
    if (action === 'start') {
      await startRoom(api, roomId);
      await this.deps.session().open(true);
    } else if (action === 'remind') {
      await setReminder(api, roomId, inviteCode);
      this.deps.session().setReminded(true);
    } else {
      await clearReminder(api, roomId, inviteCode);
      this.deps.session().setReminded(false);
    }
  }

  /** "End room": asked first, then ended for everyone (the page shows it ended at once). */
  async end(): Promise<void> {
    if (!(await this.deps.dialogs.confirmEnd())) return;
    await this.endNow();
  }

  /** A HOST who leaves is asked: hand the room on, end it, or leave it running without a host for now. */
  async hostLeaves(): Promise<void> {
    const session = this.deps.session();
    const state = session.state;
    const heirs = (state?.panel ?? []).filter((seat) => seat.userId !== state?.me?.userId && (seat.role === 'MODERATOR' || seat.role === 'SPEAKER'));
    const choice = await this.deps.dialogs.leaving(heirs);
    if (choice === null) return;
    if (choice.kind === 'end') {
      await this.endNow();
      return;
    }
    if (choice.kind === 'hand') await handOverHost(this.deps.api, this.deps.roomId, choice.userId);
    await session.leave();
    this.deps.left();
  }

  private async endNow(): Promise<void> {
    await endRoom(this.deps.api, this.deps.roomId);
    this.deps.session().roomEnded();
  }
}
