import type { StageRole } from '../api/types';
import type { StageSeat } from '../room/roomState';
import type { ChoiceDialog } from './choiceDialog';

const ROLE_WORD: Record<StageRole, string> = { HOST: 'host', MODERATOR: 'moderator', SPEAKER: 'speaker', AUDIENCE: 'listener' };

export type LeavingChoice = { kind: 'hand'; userId: string } | { kind: 'end' } | { kind: 'leave' };

/** The questions a HOST is asked: before ending the room, and when leaving it. */
export class HostDialogs {
  constructor(private readonly dialog: ChoiceDialog) {}

  async confirmEnd(): Promise<boolean> {
    const answer = await this.dialog.ask({
      title: 'End this room for everyone?',
      body: 'Everyone leaves, and the room cannot be opened again.',
      choices: [{ key: 'end', label: 'End it for everyone', danger: true }],
    });
    return answer === 'end';
  }

  /** Hand the room to one of `heirs` (MODERATORs and SPEAKERs present), end it, or leave it running; null: stay. */
  async leaving(heirs: StageSeat[]): Promise<LeavingChoice | null> {
    const answer = await this.dialog.ask<'hand' | 'end' | 'leave'>({
      title: 'You are the host',
      body: heirs.length > 0 ? 'Hand the room to someone on stage, end it for everyone, or leave it running.' : 'Nobody on stage can take the room over: end it for everyone, or leave it running.',
      choices: [
        ...(heirs.length > 0 ? [{ key: 'hand' as const, label: 'Hand the room over' }] : []),
        { key: 'end', label: 'End the room', danger: true },
        { key: 'leave', label: 'Leave it running' },
      ],
    });
    if (answer !== 'hand') return answer === null ? null : { kind: answer };
    const heir = await this.dialog.ask<string>({
      title: 'Who takes the room over?',
      body: 'They become the host; you leave.',
      choices: heirs.map((seat) => ({ key: seat.userId, label: `${seat.displayName} (${ROLE_WORD[seat.role]})` })),
    });
    return heir === null ? null : { kind: 'hand', userId: heir };
  }
}
