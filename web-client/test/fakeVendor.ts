import { vi } from 'vitest';
import type { MediaGrant, StageRole } from '../src/api/types';
import type { MediaContext, RemoteAudioStats, StageView } from '../src/media/mediaSession';
import type { VendorConnection, VendorEvents, VendorLib } from '../src/media/vendorLib';
import { FakeTimers } from './fakeTimers';

export const ME = 'u-me';

/** A vendor SDK wrapper replaced: records what the session asks of it; `events` lets the test play the SDK. */
export class FakeConnection implements VendorConnection {
  published: boolean[] = [];
  forced: boolean[] = [];
  enabledCalls: boolean[] = [];
  unpublished = 0;
  resubscribed: string[] = [];
  renewed: string[] = [];
  stages: StageView[] = [];
  disconnected = false;
  refusePublish: unknown = null;
  stats: RemoteAudioStats[] = [];
  readonly track = { kind: 'audio', enabled: false, stop: vi.fn() } as unknown as MediaStreamTrack;

  constructor(
    readonly grant: MediaGrant,
    readonly events: VendorEvents,
  ) {}

  async publishMicrophone(enabled: boolean, force = false): Promise<MediaStreamTrack | null> {
    if (this.refusePublish) throw this.refusePublish;
    this.forced.push(force);
    this.published.push(enabled);
    this.track.enabled = enabled;
    return this.track;
  }
  async setMicrophoneEnabled(on: boolean): Promise<void> {
    this.enabledCalls.push(on);
  }
  async unpublishMicrophone(): Promise<void> {
    this.unpublished++;
  }
  async remoteAudioStats(): Promise<RemoteAudioStats[]> {
    return this.stats.map((s) => ({ ...s }));
  }
  async resubscribe(userId: string): Promise<void> {
    this.resubscribed.push(userId);
  }
  renewGrant(grant: MediaGrant): void {
    this.renewed.push(grant.token ?? '');
  }
  stageChanged(stage: StageView): void {
    this.stages.push(stage);
  }
  async disconnect(): Promise<void> {
    this.disconnected = true;
  }
  /** Published now, as the fake SDK sees it. */
  isPublishing(): boolean {
    return this.published.length > this.unpublished;
  }
}

export class FakeVendorLib implements VendorLib {
  readonly connections: FakeConnection[] = [];
  failConnect: unknown = null;
  refusePublish: unknown = null;

  async connect(grant: MediaGrant, _me: { userId: string }, events: VendorEvents): Promise<VendorConnection> {
    if (this.failConnect) throw this.failConnect;
    const conn = new FakeConnection(grant, events);
    conn.refusePublish = this.refusePublish;
    this.connections.push(conn);
    return conn;
  }
  last(): FakeConnection {
    const c = this.connections[this.connections.length - 1];
    if (!c) throw new Error('not connected');
    return c;
  }
}

export function stage(myRole: StageRole, panel: Array<[string, StageRole]> = [['u-host', 'HOST']]): StageView {
  const all: Array<[string, StageRole]> = myRole === 'AUDIENCE' ? panel : [...panel, [ME, myRole]];
  return {
    myUserId: ME,
    myRole,
    panel: all.map(([userId, role]) => ({ userId, displayName: userId.toUpperCase(), role, muted: false, mutedKnown: true })),
    known: all.map(([id]) => id).filter((id) => id !== ME),
  };
}

export function harness() {
  const lib = new FakeVendorLib();
  const timers = new FakeTimers();
  const outlet = document.createElement('div');
  const states: string[] = [];
  const errors: Array<[string, string]> = [];
  const problems: string[] = [];
  const frames: Array<Record<string, unknown>> = [];
  const warnings: string[][] = [];
  const context = (view: StageView): MediaContext => ({
    roomId: 'room-1',
    stage: view,
    signalling: { send: () => true, onSignal: () => () => undefined, sendFrame: (f) => (frames.push(f), true) },
    audioOutlet: outlet,
    onAudioWarnings: (w) => warnings.push(w.map((x) => x.userId)),
    onProblem: (p) => problems.push(p),
    onConnectionState: (s) => states.push(s),
    onError: (code, message) => errors.push([code, message]),
  });
  return { lib, timers, outlet, states, errors, problems, frames, warnings, context };
}
