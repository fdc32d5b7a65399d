import type { Leg, MediaGrant, SignalData, StageRole } from '../../api/types';
import { realTimers, type Timers } from '../../timers';
import { AudioHealthDetector, HEALTH_CHECK_MS, checkHearing } from '../audioHealth';
import { iceConfiguration } from '../iceConfiguration';
import type {
  MediaContext,
  MediaSession,
  RemoteAudioStats,
  RoomChange,
  StageView,
} from '../mediaSession';
import type { ForcePublish } from '../forcePublish';
import { inboundStats, SpeakingLevels } from '../levels';
import { microphoneProblem } from '../microphoneProblem';
import { RemoteAudio } from '../remoteAudio';
import { isReceiveOnlyAnswer } from '../sdp';
import { MeshPlan, type MeshAction } from './meshPlan';

/** How often audio levels are read for the speaking indicators. */
const LEVEL_POLL_MS = 300;

/** One RTCPeerConnection and the candidates that arrived before its remote description. */
interface Connection {
  pc: RTCPeerConnection;
  pendingCandidates: RTCIceCandidateInit[];
  remoteSet: boolean;
}

/**
 * Browser mesh (provider `mesh`): native RTCPeerConnections, signalling over the room's /ws socket. One connection
 * per speaker and peer: the speaker's side sends its microphone (sendonly) and offers; the peer answers recvonly.
 * Who offers to whom is MeshPlan's business; this class carries it out and watches that audio arrives.
 */
export class MeshMediaSession implements MediaSession, ForcePublish {
  readonly provider = 'mesh';

  private context: MediaContext | null = null;
  private grant: MediaGrant | null = null;
  private plan: MeshPlan | null = null;
  private stage: StageView | null = null;
  private readonly inbound = new Map<string, Connection>();
  private readonly outbound = new Map<string, Connection>();
  private microphone: MediaStream | null = null;
  /**
   * The browser's answer while it is being asked for the microphone. Joining as a speaker opens it and so may Unmute
   * at the same moment (a page switching provider does both at once): a second request would replace the first
   * stream, offer everyone again, and the answers to the first offers would land on the second connections.
   */
  private microphoneOpening: Promise<void> | null = null;
  private micOn = false;
  private readonly audios = new RemoteAudio(() => this.context?.audioOutlet, (p) => this.context?.onProblem?.(p));
  private readonly levels = new SpeakingLevels();
  private readonly health = new AudioHealthDetector();
  private levelTimer: unknown = null;
  private healthTimer: unknown = null;
  private unsubscribeSignals: (() => void) | null = null;

  constructor(
    private readonly timers: Timers = realTimers,
    private readonly createConnection: (config: RTCConfiguration) => RTCPeerConnection = (config) =>
      new RTCPeerConnection(config),
    private readonly getUserMedia: () => Promise<MediaStream> = () =>
      navigator.mediaDevices.getUserMedia({ audio: true, video: false }),
  ) {}

  async join(grant: MediaGrant, context: MediaContext): Promise<void> {
    this.grant = grant;
    this.context = context;
    this.stage = context.stage;
    this.plan = new MeshPlan(context.stage.myUserId);
    this.unsubscribeSignals = context.signalling.onSignal((from, data) => this.onSignal(from, data));
    void this.execute(this.plan.join(context.stage.myRole, panelOf(context.stage), this.timers.now()));
    this.levelTimer = this.timers.setInterval(() => void this.pollLevels(), LEVEL_POLL_MS);
    this.healthTimer = this.timers.setInterval(() => void this.checkHealth(), HEALTH_CHECK_MS);
  }

  async leave(): Promise<void> {
    if (this.plan) {
      void this.execute(this.plan.leave());
    }
    for (const id of [...this.inbound.keys()]) this.closeInbound(id, false);
    for (const id of [...this.outbound.keys()]) this.closeOutbound(id, false);
    this.stopMicrophone();
    if (this.levelTimer !== null) this.timers.clearInterval(this.levelTimer);
    if (this.healthTimer !== null) this.timers.clearInterval(this.healthTimer);
    this.levelTimer = this.healthTimer = null;
    this.unsubscribeSignals?.();
    this.unsubscribeSignals = null;
    this.levels.close();
    this.context?.onAudioWarnings?.([]);
    this.plan = null;
  }

  async setMicrophone(on: boolean): Promise<void> {
    this.micOn = on;
    if (on && !this.microphone) {
      if (!this.plan?.mayPublish) {
        return; // never publish from the audience: the page shows no Unmute there
      }
      await this.openMicrophone();
    }
    this.microphone?.getAudioTracks().forEach((track) => (track.enabled = this.micOn));
    if (on) {
      this.levels.resume();
    }
  }

  onSpeaking(listener: (userId: string, speaking: boolean) => void): () => void {
    return this.levels.onSpeaking(listener);
  }

  async stats(): Promise<RemoteAudioStats[]> {
    const all = await Promise.all([...this.inbound].map(([userId, c]) => inboundStats(userId, c.pc)));
    return all.filter((s): s is RemoteAudioStats => s !== null);
  }

  async updateGrant(grant: MediaGrant): Promise<void> {
    const iceChanged = JSON.stringify(iceConfiguration(grant)) !== JSON.stringify(iceConfiguration(this.grant));
    this.grant = grant;
    if (iceChanged) {
      // new TURN credentials: connections made from now on use them; live ones keep their allocation
      for (const c of [...this.inbound.values(), ...this.outbound.values()]) {
        try {
          c.pc.setConfiguration({ ...c.pc.getConfiguration(), ...iceConfiguration(grant) });
        } catch {
          // some browsers refuse changes to a live configuration: harmless
        }
      }
    }
  }

  roomChanged(change: RoomChange): void {
    const plan = this.plan;
    if (!plan) return;
    const now = this.timers.now();
    switch (change.kind) {
      case 'stage':
        this.stage = change.stage;
        void this.execute(plan.stageChanged(change.stage.myRole, panelOf(change.stage), now));
        for (const id of [...this.inbound.keys()]) {
          if (!plan.isOnPanel(id)) this.closeInbound(id, false); // honest clients drop non-speakers' audio
        }
        break;
      case 'arrived':
        void this.execute(plan.arrived(change.userId, now));
        break;
      case 'left':
        this.health.forget(change.userId);
        void this.execute(plan.left(change.userId));
        break;
      case 'resumed':
        void this.execute(plan.resumed(now));
        break;
    }
  }

  async forcePublish(): Promise<void> {
    if (!this.plan || !this.stage) {
      throw new Error('Join a room first.');
    }
    const known = new Set([...this.stage.known, ...this.stage.panel.map((m) => m.userId)]);
    this.micOn = true;
    await this.execute(this.plan.forcePublish([...known]));
  }

  // --- carrying out the plan -------------------------------------------------------------------------------------

  /** Carries out the plan's actions; resolves when the offers and the microphone they started are done. */
  private execute(actions: MeshAction[]): Promise<void> {
    const work: Promise<void>[] = [];
    for (const action of actions) {
      switch (action.do) {
        case 'ready':
          this.signal(action.to, { type: 'ready' });
          break;
        case 'offer':
          work.push(this.offerTo(action.to));
          break;
        case 'close-inbound':
          this.closeInbound(action.from, action.bye);
          break;
        case 'close-outbound':
          this.closeOutbound(action.to, action.bye);
          break;
        case 'start-mic':
          work.push(this.openMicrophone());
          break;
        case 'stop-mic':
          this.stopMicrophone();
          break;
      }
    }
    return Promise.all(work).then(() => undefined);
  }

  private async openMicrophone(): Promise<void> {
    if (this.microphone) {
      await this.execute(this.plan?.micReady() ?? []);
      return;
    }
    this.microphoneOpening ??= this.askForMicrophone().finally(() => {
      this.microphoneOpening = null;
    });
    await this.microphoneOpening;
  }

  private async askForMicrophone(): Promise<void> {
    try {
      const stream = await this.getUserMedia();
      if (!this.plan || (!this.plan.mayPublish && this.plan.micState === 'off')) {
        stream.getTracks().forEach((t) => t.stop()); // demoted or left while the browser asked
        return;
      }
      this.microphone = stream;
      // start muted: nothing leaves until Unmute
      stream.getAudioTracks().forEach((track) => (track.enabled = this.micOn));
      this.levels.measure(stream);
      await this.execute(this.plan.micReady());
    } catch (e) {
      this.plan?.micFailed();
      this.context?.onProblem?.(microphoneProblem(e));
    }
  }

  private stopMicrophone(): void {
    this.microphone?.getTracks().forEach((t) => t.stop());
    this.microphone = null;
    this.levels.measure(null);
    this.micOn = false;
  }

  private async offerTo(userId: string): Promise<void> {
    const track = this.microphone?.getAudioTracks()[0];
    if (!track || !this.microphone) return;
    this.closeOutbound(userId, false);
    const connection = this.newConnection(userId, 'send');
    this.outbound.set(userId, connection);
    connection.pc.addTransceiver(track, { direction: 'sendonly', streams: [this.microphone] });
    try {
      const offer = await connection.pc.createOffer();
      if (this.outbound.get(userId) !== connection) return;
      await connection.pc.setLocalDescription(offer);
      this.signal(userId, { type: 'offer', sdp: connection.pc.localDescription?.sdp ?? offer.sdp ?? '' });
    } catch (e) {
      this.closeOutbound(userId, false);
      console.warn('tribune: offer to', userId, 'failed', e);
    }
  }

  private async answerOffer(from: string, sdp: string): Promise<void> {
    if (!this.plan?.acceptsOffer(from, sdp)) {
      return; // not a speaker, or not a sendonly audio offer: dropped
    }
    this.closeInbound(from, false, false);
    const connection = this.newConnection(from, 'recv');
    this.inbound.set(from, connection);
    connection.pc.ontrack = (event) => {
      const stream = event.streams[0] ?? new MediaStream([event.track]);
      this.audios.play(from, stream);
    };
    try {
      await connection.pc.setRemoteDescription({ type: 'offer', sdp });
      connection.pc.getTransceivers().forEach((t) => {
        if (t.direction !== 'stopped') t.direction = 'recvonly';
      });
      await this.flushCandidates(connection);
      const answer = await connection.pc.createAnswer();
      if (this.inbound.get(from) !== connection) return;
      await connection.pc.setLocalDescription(answer);
      const answerSdp = connection.pc.localDescription?.sdp ?? answer.sdp ?? '';
      if (!isReceiveOnlyAnswer(answerSdp)) {
        this.closeInbound(from, true); // we never send audio back on a listener's connection
        return;
      }
      this.signal(from, { type: 'answer', sdp: answerSdp });
    } catch (e) {
      this.closeInbound(from, false);
      console.warn('tribune: answer to', from, 'failed', e);
    }
  }

  private newConnection(peer: string, leg: Leg): Connection {
    const pc = this.createConnection(iceConfiguration(this.grant));
    const connection: Connection = { pc, pendingCandidates: [], remoteSet: false };
    pc.onicecandidate = (event) => {
      if (event.candidate) {
        this.signal(peer, { type: 'candidate', candidate: event.candidate.toJSON(), leg });
      }
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed' || pc.connectionState === 'closed') {
        if (leg === 'recv' && this.inbound.get(peer) === connection) {
          this.closeInbound(peer, false);
          // the health check sees no bytes and asks for a new offer
        } else if (leg === 'send' && this.outbound.get(peer) === connection && pc.connectionState === 'failed') {
          this.closeOutbound(peer, false);
        }
      }
    };
    return connection;
  }

  private closeInbound(from: string, bye: boolean, tell = true): void {
    const connection = this.inbound.get(from);
    if (connection) {
      this.inbound.delete(from);
      connection.pc.ontrack = null;
      connection.pc.onconnectionstatechange = null;
      connection.pc.close();
      this.audios.remove(from);
      if (tell) this.plan?.inboundClosed(from);
    }
    if (bye) this.signal(from, { type: 'bye', leg: 'recv' });
  }

  private closeOutbound(to: string, bye: boolean): void {
    const connection = this.outbound.get(to);
    if (connection) {
      this.outbound.delete(to);
      connection.pc.onconnectionstatechange = null;
      connection.pc.close();
    }
    if (bye) this.signal(to, { type: 'bye', leg: 'send' });
  }

  // --- signals ---------------------------------------------------------------------------------------------------

  private signal(to: string, data: SignalData): void {
    this.context?.signalling.send(to, data);
  }

  private onSignal(from: string, data: SignalData): void {
    const plan = this.plan;
    if (!plan) return;
    switch (data.type) {
      case 'ready':
        void this.execute(plan.readyFrom(from));
        break;
      case 'offer':
        void this.answerOffer(from, data.sdp);
        break;
      case 'answer': {
        const connection = this.outbound.get(from);
        if (connection && !connection.remoteSet) {
          connection.pc
            .setRemoteDescription({ type: 'answer', sdp: data.sdp })
            .then(() => this.flushCandidates(connection))
            .catch((e) => console.warn('tribune: answer from', from, 'refused', e));
        }
        break;
      }
      case 'candidate': {
        const connection = this.connectionFor(from, data.leg);
        if (!connection) break;
        if (connection.remoteSet) {
          connection.pc.addIceCandidate(data.candidate).catch(() => undefined);
        } else {
          connection.pendingCandidates.push(data.candidate);
        }
        break;
      }
      case 'bye':
        // their `send` leg is my inbound connection from them; their `recv` leg is my outbound one to them
        if (data.leg !== 'recv') this.closeInbound(from, false);
        if (data.leg !== 'send') void this.execute(plan.listenerGone(from));
        break;
    }
  }

  /** The connection a candidate from `from` belongs to (`leg` is the sender's view). */
  private connectionFor(from: string, leg: Leg | undefined): Connection | undefined {
    if (leg === 'send') return this.inbound.get(from);
    if (leg === 'recv') return this.outbound.get(from);
    return this.inbound.get(from) ?? this.outbound.get(from);
  }

  private async flushCandidates(connection: Connection): Promise<void> {
    connection.remoteSet = true;
    const pending = connection.pendingCandidates.splice(0);
    for (const candidate of pending) {
      await connection.pc.addIceCandidate(candidate).catch(() => undefined);
    }
  }

  // --- levels and health -----------------------------------------------------------------------------------------

  private async pollLevels(): Promise<void> {
    const stats = await this.stats();
    this.levels.sample(stats, this.stage?.myUserId, this.microphone !== null && this.micOn, this.timers.now());
  }

  private async checkHealth(): Promise<void> {
    const plan = this.plan;
    const context = this.context;
    if (!plan || !context || !this.stage) return;
    const recover = checkHearing(this.health, context, this.stage, plan.expectedSpeakers(), await this.stats(),
      (userId) => this.inbound.has(userId));
    for (const userId of recover) {
      void this.execute(plan.recover(userId, this.timers.now()));
    }
  }
}

function panelOf(stage: StageView): Map<string, StageRole> {
  return new Map(stage.panel.map((m) => [m.userId, m.role]));
}
