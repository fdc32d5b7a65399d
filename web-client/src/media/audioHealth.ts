import type { MediaContext, RemoteAudioStats, StageView } from './mediaSession';

/** How often inbound audio is checked. */
export const HEALTH_CHECK_MS = 3_000;
/** Checks without inbound bytes growing before a speaker counts as not heard. */
export const STALLED_CHECKS = 2;
/** After a recovery, checks to wait for the new connection before trying again. */
export const RECOVERY_GRACE_CHECKS = 3;

/** One remote speaker at one check. */
export interface HealthSample {
  userId: string;
  /** Inbound audio bytes so far; null when there is no connection from them at all. */
  bytesReceived: number | null;
  /** Known to be muted: they may send nothing, so silence is no fault. */
  muted: boolean;
}

export interface HealthVerdict {
  /** Speakers not heard: "You can't hear <name>: reconnecting". */
  notHeard: string[];
  /** Speakers whose connection should be rebuilt now. */
  recover: string[];
  /** The `audio.health` report: whether each speaker's audio arrives. */
  peers: Array<{ userId: string; receiving: boolean }>;
}

interface Track {
  bytes: number | null;
  stalled: number;
  grace: number;
}

/**
 * Tells whether each speaker's audio arrives, from how their inbound bytes grow between checks. A speaker who is not
 * muted and whose bytes do not grow for STALLED_CHECKS checks in a row is not heard: warn, and rebuild their
 * connection (then give the new one RECOVERY_GRACE_CHECKS checks before rebuilding again). A speaker's first check
 * only sets the baseline.
 */
export class AudioHealthDetector {
  private readonly tracks = new Map<string, Track>();

  constructor(
    private readonly stalledChecks = STALLED_CHECKS,
    private readonly graceChecks = RECOVERY_GRACE_CHECKS,
  ) {}

  check(samples: HealthSample[]): HealthVerdict {
    const verdict: HealthVerdict = { notHeard: [], recover: [], peers: [] };
    const seen = new Set<string>();
    for (const sample of samples) {
      seen.add(sample.userId);
      const track = this.tracks.get(sample.userId);
      if (!track) {
        this.tracks.set(sample.userId, { bytes: sample.bytesReceived, stalled: 0, grace: 0 });
        if (sample.bytesReceived !== null && sample.bytesReceived > 0) {
          verdict.peers.push({ userId: sample.userId, receiving: true });
        }
        continue;
      }
      const bytes = sample.bytesReceived;
      let grew: boolean;
      if (bytes === null) {
        grew = false;
      } else if (track.bytes === null || bytes < track.bytes) {
        grew = bytes > 0; // a new connection since the last check: anything received counts
      } else {
        grew = bytes > track.bytes;
      }
      track.bytes = sample.bytesReceived;
      track.grace = Math.max(0, track.grace - 1);
      if (grew) {
        track.stalled = 0;
        verdict.peers.push({ userId: sample.userId, receiving: true });
        continue;
      }
      if (sample.muted) {
        track.stalled = 0; // a muted speaker may well send nothing
        continue;
      }
      track.stalled += 1;
      if (track.stalled >= this.stalledChecks) {
        verdict.notHeard.push(sample.userId);
        verdict.peers.push({ userId: sample.userId, receiving: false });
        if (track.grace === 0) {
          verdict.recover.push(sample.userId);
          track.grace = this.graceChecks;
        }
      }
    }
    for (const userId of [...this.tracks.keys()]) {
      if (!seen.has(userId)) {
        this.tracks.delete(userId);
      }
    }
    return verdict;
  }

  /** Forget a speaker (left the stage): their next sample starts a new baseline. */
  forget(userId: string): void {
    this.tracks.delete(userId);
  }
}

/**
 * One health check of a media session, the same for every provider: samples each expected speaker from the
 * session's stats (no stats but a connection counts as nothing received), warns the page, reports `audio.health`
 * to the room, and returns the speakers whose connection should be rebuilt.
 */
export function checkHearing(
  health: AudioHealthDetector,
  context: MediaContext,
  stage: StageView,
  expected: Iterable<string>,
  stats: RemoteAudioStats[],
  connected: (userId: string) => boolean,
): string[] {
  const byUser = new Map(stats.map((s) => [s.userId, s]));
  const members = new Map(stage.panel.map((m) => [m.userId, m]));
  const verdict = health.check(
    [...expected].map((userId) => {
      const member = members.get(userId);
      return {
        userId,
        bytesReceived: byUser.get(userId)?.bytesReceived ?? (connected(userId) ? 0 : null),
        muted: member ? member.muted && member.mutedKnown : false,
      };
    }),
  );
  context.onAudioWarnings?.(
    verdict.notHeard.map((userId) => ({ userId, displayName: members.get(userId)?.displayName ?? 'a speaker' })),
  );
  if (verdict.peers.length > 0) {
    context.signalling.sendFrame({ op: 'audio.health', roomId: context.roomId, peers: verdict.peers });
  }
  return verdict.recover;
}
