// Runs what a person's menu offers (DOM-free): the API call, and what the page shows at once before the event
// confirms it. A refusal is thrown for the page to show in plain words.
import type { ApiClient } from '../api/http';
import { chatMute, handOverHost, liftChatMute, makeModerator, removeParticipant, unmakeModerator } from '../api/roomAdmin';
import { addSpeaker, mute, removeSpeaker, unmute } from '../api/stage';
import { needsConfirmation, type PersonAction } from './personActions';

export interface PersonActionPorts {
  api: ApiClient;
  roomId: string;
  /** "Are you sure?" for removal and bans; false when cancelled. */
  confirm(action: PersonAction, name: string): Promise<boolean>;
  report(userId: string, name: string): void;
  /** Shown at once: chat mutes and forced mutes are not in the room's state. */
  chatMuted(userId: string, muted: boolean): void;
  forcedMuted(userId: string, muted: boolean): void;
  /** Said in the page's live region once done. */
  done(text: string): void;
}

export class PersonActionRunner {
  constructor(private readonly ports: PersonActionPorts) {}

  async run(action: PersonAction, userId: string, name: string): Promise<void> {
    const { api, roomId } = this.ports;
    if (needsConfirmation(action) && !(await this.ports.confirm(action, name))) return;
    switch (action) {
      case 'Invite to speak':
        await addSpeaker(api, roomId, userId);
        return this.ports.done(`${name} was invited to speak.`);
      case 'Move to audience':
        await removeSpeaker(api, roomId, userId);
        return this.ports.done(`${name} was moved to the audience.`);
      case 'Make moderator':
        await makeModerator(api, roomId, userId);
        return this.ports.done(`${name} is now a moderator.`);
      case 'Remove as moderator':
        await unmakeModerator(api, roomId, userId);
        return this.ports.done(`${name} is no longer a moderator.`);
      case 'Make host':
        await handOverHost(api, roomId, userId);
        return this.ports.done(`${name} is now the host.`);
      case 'Mute':
        await mute(api, roomId, userId);
        this.ports.forcedMuted(userId, true);
        return this.ports.done(`${name} was muted.`);
      case 'Unmute':
        await unmute(api, roomId, userId);
        this.ports.forcedMuted(userId, false);
        return this.ports.done(`${name} may unmute again.`);
      case 'Chat mute':
        await chatMute(api, roomId, userId);
        this.ports.chatMuted(userId, true);
        return this.ports.done(`${name} can no longer chat here.`);
      case 'Lift chat mute':
        await liftChatMute(api, roomId, userId);
        this.ports.chatMuted(userId, false);
        return this.ports.done(`${name} can chat again.`);
      case 'Remove from room':
        await removeParticipant(api, roomId, userId, false);
        return this.ports.done(`${name} was removed from the room.`);
      case 'Ban':
        await removeParticipant(api, roomId, userId, true);
        return this.ports.done(`${name} was banned from the room.`);
      case 'Report':
        return this.ports.report(userId, name);
      case 'View profile':
        return; // a link
    }
  }
}
