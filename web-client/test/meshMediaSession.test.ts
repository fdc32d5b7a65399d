// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaGrant, SignalData } from '../src/api/types';
import type { MediaContext, StageView } from '../src/media/mediaSession';
import { MeshMediaSession } from '../src/media/mesh/meshMediaSession';
import { FakeTimers, flush } from './fakeTimers';

function sdpWith(directions: string[]): string {
  return ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', ...directions.flatMap((d) => ['m=audio 9 UDP/TLS/RTP/SAVPF 111', `a=${d}`])].join('\r\n') + '\r\n';
}

interface FakeTransceiver {
  direction: string;
  track: unknown;
}

class FakePeerConnection {
  static all: FakePeerConnection[] = [];
  transceivers: FakeTransceiver[] = [];
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  connectionState = 'new';
  candidates: RTCIceCandidateInit[] = [];
  closed = false;
  bytesReceived = 0;
  onicecandidate: ((e: { candidate: { toJSON(): RTCIceCandidateInit } | null }) => void) | null = null;
  ontrack: ((e: { streams: unknown[]; track: unknown }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;

  constructor(public config: RTCConfiguration) {
    FakePeerConnection.all.push(this);
  }
  addTransceiver(track: unknown, init: { direction: string }): FakeTransceiver {
    const t = { direction: init.direction, track };
    this.transceivers.push(t);
    return t;
  }
  getTransceivers(): FakeTransceiver[] {
    return this.transceivers;
  }
  async createOffer(): Promise<RTCSessionDescriptionInit> {
    return { type: 'offer', sdp: sdpWith(this.transceivers.map((t) => t.direction)) };
  }
  async createAnswer(): Promise<RTCSessionDescriptionInit> {
    return { type: 'answer', sdp: sdpWith(this.transceivers.map((t) => t.direction)) };
  }
  async setLocalDescription(d: RTCSessionDescriptionInit): Promise<void> {
    this.localDescription = d;
  }
  async setRemoteDescription(d: RTCSessionDescriptionInit): Promise<void> {
    this.remoteDescription = d;
    if (d.type === 'offer') {
      // like a browser, a transceiver per offered section (left sendrecv here: the session must make it recvonly)
      this.transceivers.push({ direction: 'sendrecv', track: null });
    }
  }
  async addIceCandidate(c: RTCIceCandidateInit): Promise<void> {
    this.candidates.push(c);
  }
  getConfiguration(): RTCConfiguration {
    return this.config;
  }
  setConfiguration(config: RTCConfiguration): void {
    this.config = config;
  }
  async getStats(): Promise<Map<string, Record<string, unknown>>> {
    return new Map([['in', { type: 'inbound-rtp', kind: 'audio', bytesReceived: this.bytesReceived, packetsReceived: Math.floor(this.bytesReceived / 100), audioLevel: 0.25 }]]);
  }
  close(): void {
    this.closed = true;
    this.connectionState = 'closed';
  }
  /** The browser found a local candidate. */
  gather(candidate: string): void {
    this.onicecandidate?.({ candidate: { toJSON: () => ({ candidate, sdpMid: '0' }) } });
  }
}

const GRANT: MediaGrant = {
  provider: 'mesh',
  token: null,
  expiresAt: '2026-11-22T10:10:00Z',
  canPublish: false,
  connection: { room: 'r1', iceServers: [{ urls: ['turn:turn.example.org:3478'], username: 'u', credential: 'c' }] },
};

function stage(myRole: StageView['myRole'], me: string, panel: Array<[string, StageView['myRole']]>): StageView {
  return {
    myUserId: me,
    myRole,
    panel: panel.map(([userId, role]) => ({ userId, displayName: userId.toUpperCase(), role, muted: false, mutedKnown: true })),
    known: panel.map(([id]) => id).filter((id) => id !== me),
  };
}

function setup(view: StageView) {
  FakePeerConnection.all = [];
  const timers = new FakeTimers();
  const track = { enabled: true, stopped: false, stop() { this.stopped = true; } };
  const stream = { getAudioTracks: () => [track], getTracks: () => [track] } as unknown as MediaStream;
  const getUserMedia = vi.fn(async () => stream);
  const session = new MeshMediaSession(timers, (config) => new FakePeerConnection(config) as unknown as RTCPeerConnection, getUserMedia);
  const sent: Array<{ to: string; data: SignalData }> = [];
  const frames: Array<Record<string, unknown>> = [];
  let deliver: (from: string, data: SignalData) => void = () => undefined;
  const warnings: string[][] = [];
  const outlet = document.createElement('div');
  const context: MediaContext = {
    roomId: 'r1',
    stage: view,
    signalling: {
      send: (to, data) => {
        sent.push({ to, data });
        return true;
      },
      onSignal: (handler) => {
        deliver = handler;
        return () => undefined;
      },
      sendFrame: (frame) => {
        frames.push(frame);
        return true;
      },
    },
    audioOutlet: outlet,
    onAudioWarnings: (w) => warnings.push(w.map((x) => x.displayName)),
  };
  return { session, context, sent, frames, timers, track, getUserMedia, outlet, warnings, receive: (from: string, data: SignalData) => deliver(from, data) };
}

describe('MeshMediaSession', () => {
  beforeEach(() => {
    FakePeerConnection.all = [];
  });

  it('relays only through TURN when the grant says relay, on new connections and on live ones when a grant turns it on', async () => {
    const relayOnly: MediaGrant = { ...GRANT, connection: { ...GRANT.connection, iceTransportPolicy: 'relay' } };
    const t = setup(stage('AUDIENCE', 'me', [['host', 'HOST'], ['me', 'AUDIENCE']]));
    await t.session.join(relayOnly, t.context);
    t.receive('host', { type: 'offer', sdp: sdpWith(['sendonly']) });
    await flush();
    const pc = FakePeerConnection.all[0] as FakePeerConnection;
    expect(pc.config).toMatchObject({ iceServers: GRANT.connection.iceServers, iceTransportPolicy: 'relay' });

    await t.session.updateGrant(GRANT);
    expect(pc.config.iceTransportPolicy).toBe('all');
    await t.session.updateGrant(relayOnly);
    expect(pc.config.iceTransportPolicy).toBe('relay');
  });

  it('a listener asks the panel, answers a speaker’s offer recvonly with exactly the grant’s ICE servers, and plays it', async () => {
    const t = setup(stage('AUDIENCE', 'me', [['host', 'HOST'], ['me', 'AUDIENCE']]));
    await t.session.join(GRANT, t.context);
    expect(t.sent).toEqual([{ to: 'host', data: { type: 'ready' } }]);
    expect(t.getUserMedia).not.toHaveBeenCalled();

    t.receive('host', { type: 'offer', sdp: sdpWith(['sendonly']) });
    t.receive('host', { type: 'candidate', candidate: { candidate: 'early', sdpMid: '0' }, leg: 'send' });
    await flush();
    const pc = FakePeerConnection.all[0] as FakePeerConnection;
    expect(pc.config.iceServers).toEqual(GRANT.connection.iceServers);
    expect(pc.config.iceTransportPolicy).toBe('all');
    const answer = t.sent.find((s) => s.data.type === 'answer');
    expect(answer?.to).toBe('host');
    expect((answer?.data as { sdp: string }).sdp).toContain('a=recvonly');
    expect(pc.candidates).toEqual([{ candidate: 'early', sdpMid: '0' }]); // queued until the offer was set

    pc.gather('mine');
    expect(t.sent[t.sent.length - 1]).toEqual({ to: 'host', data: { type: 'candidate', candidate: { candidate: 'mine', sdpMid: '0' }, leg: 'recv' } });

    pc.ontrack?.({ streams: [{ id: 's' }], track: {} });
    expect(t.outlet.querySelector('audio[data-user-id="host"]')).not.toBeNull();
    pc.bytesReceived = 4200;
    expect(await t.session.stats()).toEqual([{ userId: 'host', bytesReceived: 4200, packetsReceived: 42, audioLevel: 0.25 }]);
  });

  it('ignores offers from people not on the panel (honest clients drop their audio)', async () => {
    const t = setup(stage('AUDIENCE', 'me', [['host', 'HOST']]));
    await t.session.join(GRANT, t.context);
    t.receive('listener', { type: 'offer', sdp: sdpWith(['sendonly']) });
    await flush();
    expect(FakePeerConnection.all).toHaveLength(0);
  });

  it('a speaker who unmutes while the microphone is still being opened asks once and offers each listener once', async () => {
    // a page moving to the mesh mid-room does both at once: its session opens the mic on join, the page unmutes
    const t = setup(stage('HOST', 'host', [['host', 'HOST']]));
    let answer: (stream: MediaStream) => void = () => undefined;
    const stream = { getAudioTracks: () => [t.track], getTracks: () => [t.track] } as unknown as MediaStream;
    t.getUserMedia.mockImplementation(() => new Promise<MediaStream>((resolve) => (answer = resolve)));
    await t.session.join({ ...GRANT, canPublish: true }, t.context);
    t.receive('ann', { type: 'ready' });
    t.receive('bob', { type: 'ready' });
    const unmuted = t.session.setMicrophone(true);
    await flush();
    answer(stream);
    await unmuted;
    await flush();

    expect(t.getUserMedia).toHaveBeenCalledTimes(1);
    expect(t.track.enabled).toBe(true);
    const offers = t.sent.filter((s) => s.data.type === 'offer').map((s) => s.to);
    expect(offers.sort()).toEqual(['ann', 'bob']);
  });

  it('a speaker opens the microphone muted and offers sendonly to whoever says ready', async () => {
    const t = setup(stage('SPEAKER', 'sam', [['host', 'HOST'], ['sam', 'SPEAKER']]));
    await t.session.join({ ...GRANT, canPublish: true }, t.context);
    await flush();
    expect(t.getUserMedia).toHaveBeenCalledTimes(1);
    expect(t.track.enabled).toBe(false); // muted until Unmute

    t.receive('listener', { type: 'ready' });
    await flush();
    const pc = FakePeerConnection.all[0] as FakePeerConnection;
    expect(pc.transceivers).toEqual([{ direction: 'sendonly', track: t.track }]);
    const offer = t.sent.find((s) => s.data.type === 'offer');
    expect(offer?.to).toBe('listener');
    expect((offer?.data as { sdp: string }).sdp).toContain('a=sendonly');

    t.receive('listener', { type: 'candidate', candidate: { candidate: 'c1' }, leg: 'recv' });
    t.receive('listener', { type: 'answer', sdp: sdpWith(['recvonly']) });
    await flush();
    expect(pc.remoteDescription?.type).toBe('answer');
    expect(pc.candidates).toEqual([{ candidate: 'c1' }]);

    await t.session.setMicrophone(true);
    expect(t.track.enabled).toBe(true);
    await t.session.setMicrophone(false);
    expect(t.track.enabled).toBe(false);
  });

  it('demotion closes my outbound connections with bye and releases the microphone', async () => {
    const t = setup(stage('SPEAKER', 'sam', [['host', 'HOST'], ['sam', 'SPEAKER']]));
    await t.session.join(GRANT, t.context);
    await flush();
    t.receive('listener', { type: 'ready' });
    await flush();
    t.session.roomChanged({ kind: 'stage', stage: stage('AUDIENCE', 'sam', [['host', 'HOST']]) });
    expect(FakePeerConnection.all[0]?.closed).toBe(true);
    expect(t.track.stopped).toBe(true);
    expect(t.sent).toContainEqual({ to: 'listener', data: { type: 'bye', leg: 'send' } });
  });

  it('a speaker leaving the panel: their audio element goes', async () => {
    const t = setup(stage('AUDIENCE', 'me', [['host', 'HOST'], ['sam', 'SPEAKER']]));
    await t.session.join(GRANT, t.context);
    t.receive('sam', { type: 'offer', sdp: sdpWith(['sendonly']) });
    await flush();
    FakePeerConnection.all[0]?.ontrack?.({ streams: [{}], track: {} });
    expect(t.outlet.children).toHaveLength(1);
    t.session.roomChanged({ kind: 'stage', stage: stage('AUDIENCE', 'me', [['host', 'HOST']]) });
    expect(t.outlet.children).toHaveLength(0);
    expect(FakePeerConnection.all[0]?.closed).toBe(true);
  });

  it('no bytes from a speaker for two checks: warns by name, reports, and asks for a new offer', async () => {
    const t = setup(stage('AUDIENCE', 'me', [['host', 'HOST']]));
    await t.session.join(GRANT, t.context);
    t.receive('host', { type: 'offer', sdp: sdpWith(['sendonly']) });
    await flush();
    const pc = FakePeerConnection.all[0] as FakePeerConnection;
    pc.bytesReceived = 1000;
    t.sent.length = 0;
    for (let i = 0; i < 3; i++) {
      t.timers.advance(3000);
      await flush();
    }
    expect(t.warnings[t.warnings.length - 1]).toEqual(['HOST']);
    expect(t.frames[t.frames.length - 1]).toEqual({ op: 'audio.health', roomId: 'r1', peers: [{ userId: 'host', receiving: false }] });
    expect(pc.closed).toBe(true);
    expect(t.sent).toEqual([
      { to: 'host', data: { type: 'bye', leg: 'recv' } },
      { to: 'host', data: { type: 'ready' } },
    ]);
  });

  it('forcePublish from the audience opens the microphone and offers to everyone it knows', async () => {
    const t = setup(stage('AUDIENCE', 'me', [['host', 'HOST'], ['sam', 'SPEAKER']]));
    await t.session.join(GRANT, t.context);
    await t.session.forcePublish();
    expect(t.getUserMedia).toHaveBeenCalledTimes(1);
    expect(t.sent.filter((s) => s.data.type === 'offer').map((s) => s.to).sort()).toEqual(['host', 'sam']);
    expect(t.track.enabled).toBe(true);
  });

  it('leave closes everything and stops the microphone', async () => {
    const t = setup(stage('HOST', 'host', [['host', 'HOST'], ['sam', 'SPEAKER']]));
    await t.session.join(GRANT, t.context);
    await flush();
    t.receive('sam', { type: 'offer', sdp: sdpWith(['sendonly']) });
    t.receive('listener', { type: 'ready' });
    await flush();
    await t.session.leave();
    expect(FakePeerConnection.all.every((pc) => pc.closed)).toBe(true);
    expect(t.track.stopped).toBe(true);
  });
});
