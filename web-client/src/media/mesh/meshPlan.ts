import { isOnPanel, type StageRole } from '../../api/types';
import { isSendOnlyAudioOffer } from '../sdp';

/**
 * What the mesh session must do. `offer` (re)builds the connection that carries my audio to someone; `ready` asks
 * a speaker for theirs; an inbound connection carries a speaker's audio to me.
 */
export type MeshAction =
  | { do: 'ready'; to: string }
  | { do: 'offer'; to: string }
  | { do: 'close-inbound'; from: string; bye: boolean }
  | { do: 'close-outbound'; to: string; bye: boolean }
  | { do: 'start-mic' }
  | { do: 'stop-mic' };

/** A `ready` not answered by an offer within this long may be sent again. */
export const READY_RETRY_MS = 5_000;

interface Stage {
  myRole: StageRole;
  panel: Map<string, StageRole>;
}

/**
 * The mesh negotiation rules, without WebRTC (README "Real time", API.md `signal`):
 * - one connection per speaker and peer: the speaker sends (sendonly) and offers, the peer receives (recvonly) and
 *   answers;
 * - a speaker offers to whoever sends it `ready`, and only while it may publish;
 * - everyone sends `ready` to each panel member but themself: on join, when someone comes on the panel, when the
 *   event socket is back, and when a panel member's client is new (they joined again) - so speakers, who also send
 *   it to each other, hear each other through the other's sendonly connection;
 * - `ready` goes only to panel members (the relay refuses the rest), and not again while an offer is awaited;
 * - an offer is accepted only from someone on the panel, sending audio and receiving none;
 * - someone leaving the panel: their audio to me is dropped (a demoted speaker still listens to mine); someone
 *   leaving the room: both connections go; me leaving the panel: my microphone and all my outbound connections go.
 */
export class MeshPlan {
  private stage: Stage = { myRole: 'AUDIENCE', panel: new Map() };
  /** People who asked for my audio. */
  private readonly listeners = new Set<string>();
  private readonly inboundLive = new Set<string>();
  private readonly readySentAt = new Map<string, number>();
  /** Panel members known to be here: we have heard from them, or saw them arrive or come on stage. */
  private readonly present = new Set<string>();
  private mic: 'off' | 'starting' | 'on' = 'off';
  private forced = false;
  private joined = false;

  constructor(private readonly me: string) {}

  /** May I send audio now: on the panel, or forced by the test hook. */
  get mayPublish(): boolean {
    return isOnPanel(this.stage.myRole) || this.forced;
  }

  get micState(): 'off' | 'starting' | 'on' {
    return this.mic;
  }

  /** Everyone who asked for my audio. */
  get audience(): string[] {
    return [...this.listeners];
  }

  /** Panel members (not me) I expect audio from: on the panel and known to be here. */
  expectedSpeakers(): string[] {
    return [...this.stage.panel.keys()].filter((id) => id !== this.me && this.present.has(id));
  }

  isOnPanel(userId: string): boolean {
    return this.stage.panel.has(userId);
  }

  /** Joined the room (the event socket is subscribed): ask every panel member for audio; a speaker takes the mic. */
  join(myRole: StageRole, panel: Map<string, StageRole>, now: number): MeshAction[] {
    this.joined = true;
    this.stage = { myRole, panel: onlyPanel(panel) };
    const actions: MeshAction[] = [];
    if (this.mayPublish) {
      actions.push(...this.startMic());
    }
    for (const id of this.stage.panel.keys()) {
      actions.push(...this.askFor(id, now));
    }
    return actions;
  }

  /** A new picture of the stage: diffed against the last one. */
  stageChanged(myRole: StageRole, panel: Map<string, StageRole>, now: number): MeshAction[] {
    const before = this.stage;
    const after: Stage = { myRole, panel: onlyPanel(panel) };
    this.stage = after;
    if (!this.joined) {
      return [];
    }
    const actions: MeshAction[] = [];
    for (const id of after.panel.keys()) {
      if (id !== this.me && !before.panel.has(id)) {
        this.present.add(id); // one comes on the panel only while in the room
        actions.push(...this.askFor(id, now));
      }
    }
    for (const id of before.panel.keys()) {
      if (id !== this.me && !after.panel.has(id)) {
        // off the panel: honest clients drop their audio; they may still listen to mine
        this.present.delete(id);
        this.readySentAt.delete(id);
        if (this.inboundLive.has(id)) {
          actions.push({ do: 'close-inbound', from: id, bye: false });
          this.inboundLive.delete(id);
        }
      }
    }
    const wasPublishing = isOnPanel(before.myRole) || this.forced;
    if (!wasPublishing && this.mayPublish) {
      actions.push(...this.startMic());
    } else if (wasPublishing && !this.mayPublish) {
      actions.push(...this.stopPublishing());
    }
    return actions;
  }

  /** A panel member joined (again): the connections with their old client are dead. */
  arrived(userId: string, now: number): MeshAction[] {
    if (userId === this.me || !this.stage.panel.has(userId)) {
      return [];
    }
    this.present.add(userId);
    const actions: MeshAction[] = [];
    if (this.inboundLive.delete(userId)) {
      actions.push({ do: 'close-inbound', from: userId, bye: false });
    }
    this.readySentAt.delete(userId);
    actions.push(...this.askFor(userId, now));
    return actions;
  }

  /** Someone left the room (or was removed): every connection with them goes. */
  left(userId: string): MeshAction[] {
    const actions: MeshAction[] = [];
    this.present.delete(userId);
    this.readySentAt.delete(userId);
    if (this.inboundLive.delete(userId)) {
      actions.push({ do: 'close-inbound', from: userId, bye: false });
    }
    if (this.listeners.delete(userId)) {
      actions.push({ do: 'close-outbound', to: userId, bye: false });
    }
    return actions;
  }

  /** Someone asked for my audio. */
  readyFrom(userId: string): MeshAction[] {
    if (userId === this.me) {
      return [];
    }
    this.listeners.add(userId);
    if (!this.mayPublish) {
      return []; // remembered: served if I come on the panel
    }
    if (this.mic === 'on') {
      return [{ do: 'offer', to: userId }];
    }
    return this.startMic(); // offers follow micReady()
  }

  /** They no longer want my audio (bye on my outbound connection). */
  listenerGone(userId: string): MeshAction[] {
    return this.listeners.delete(userId) ? [{ do: 'close-outbound', to: userId, bye: false }] : [];
  }

  /** The microphone is open: offer to everyone waiting. */
  micReady(): MeshAction[] {
    if (this.mic === 'off' || !this.mayPublish) {
      return [];
    }
    this.mic = 'on';
    return [...this.listeners].map((to) => ({ do: 'offer', to }) as MeshAction);
  }

  /** The microphone could not be opened. */
  micFailed(): void {
    this.mic = 'off';
  }

  /** Whether to answer an offer from `userId`: only from the panel, only audio they send and we do not. */
  acceptsOffer(userId: string, sdp: string): boolean {
    if (userId === this.me || !this.stage.panel.has(userId) || !isSendOnlyAudioOffer(sdp)) {
      return false;
    }
    this.present.add(userId);
    this.inboundLive.add(userId);
    this.readySentAt.delete(userId);
    return true;
  }

  /** The inbound connection from `userId` is gone (closed, failed, or bye). */
  inboundClosed(userId: string): void {
    this.inboundLive.delete(userId);
  }

  hasInbound(userId: string): boolean {
    return this.inboundLive.has(userId);
  }

  /** The event socket is back: ask again everyone on the panel we have no audio from. */
  resumed(now: number): MeshAction[] {
    const actions: MeshAction[] = [];
    for (const id of this.stage.panel.keys()) {
      if (!this.inboundLive.has(id)) {
        actions.push(...this.askFor(id, now));
      }
    }
    return actions;
  }

  /** Their audio does not arrive: drop the connection and ask for a new offer. */
  recover(userId: string, now: number): MeshAction[] {
    if (userId === this.me || !this.stage.panel.has(userId)) {
      return [];
    }
    const actions: MeshAction[] = [];
    if (this.inboundLive.delete(userId)) {
      actions.push({ do: 'close-inbound', from: userId, bye: true });
    }
    this.readySentAt.delete(userId);
    actions.push(...this.askFor(userId, now));
    return actions;
  }

  /** Test hook: publish whatever the role, offering to everyone known. */
  forcePublish(known: string[]): MeshAction[] {
    this.forced = true;
    for (const id of known) {
      if (id !== this.me) {
        this.listeners.add(id);
      }
    }
    if (this.mic === 'on') {
      return [...this.listeners].map((to) => ({ do: 'offer', to }) as MeshAction);
    }
    return this.startMic();
  }

  /** Leaving the room: close everything. */
  leave(): MeshAction[] {
    const actions: MeshAction[] = [];
    for (const id of this.inboundLive) {
      actions.push({ do: 'close-inbound', from: id, bye: true });
    }
    for (const id of this.listeners) {
      actions.push({ do: 'close-outbound', to: id, bye: true });
    }
    if (this.mic !== 'off') {
      actions.push({ do: 'stop-mic' });
    }
    this.inboundLive.clear();
    this.listeners.clear();
    this.readySentAt.clear();
    this.mic = 'off';
    this.joined = false;
    return actions;
  }

  private askFor(userId: string, now: number): MeshAction[] {
    if (userId === this.me || !this.stage.panel.has(userId) || this.inboundLive.has(userId)) {
      return [];
    }
    const sentAt = this.readySentAt.get(userId);
    if (sentAt !== undefined && now - sentAt < READY_RETRY_MS) {
      return []; // an offer is on its way
    }
    this.readySentAt.set(userId, now);
    return [{ do: 'ready', to: userId }];
  }

  private startMic(): MeshAction[] {
    if (this.mic !== 'off') {
      return [];
    }
    this.mic = 'starting';
    return [{ do: 'start-mic' }];
  }

  private stopPublishing(): MeshAction[] {
    const actions: MeshAction[] = [...this.listeners].map((to) => ({ do: 'close-outbound', to, bye: true }) as MeshAction);
    // they asked while I was a speaker; if I come back on the panel, they will ask again
    this.listeners.clear();
    if (this.mic !== 'off') {
      actions.push({ do: 'stop-mic' });
    }
    this.mic = 'off';
    return actions;
  }
}

function onlyPanel(panel: Map<string, StageRole>): Map<string, StageRole> {
  return new Map([...panel].filter(([, role]) => isOnPanel(role)));
}
