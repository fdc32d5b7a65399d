/** Audio level (0..1, as WebRTC's `audioLevel`) above which someone counts as speaking. */
export const SPEAKING_LEVEL = 0.02;
/** How long someone stays "speaking" after their level drops, so the indicator does not flicker between words. */
export const SPEAKING_HOLD_MS = 600;

/** Turns audio-level samples into speaking / not-speaking changes, per person. */
export class SpeakingDetector {
  private readonly lastLoud = new Map<string, number>();
  private readonly speaking = new Set<string>();

  constructor(
    private readonly threshold = SPEAKING_LEVEL,
    private readonly holdMs = SPEAKING_HOLD_MS,
  ) {}

  /** Feeds one level per person; returns who started or stopped speaking. People not sampled stop speaking. */
  sample(levels: Map<string, number>, now: number): Array<{ userId: string; speaking: boolean }> {
    const changes: Array<{ userId: string; speaking: boolean }> = [];
    for (const [userId, level] of levels) {
      if (level >= this.threshold) {
        this.lastLoud.set(userId, now);
      }
      const loudAt = this.lastLoud.get(userId);
      const isSpeaking = loudAt !== undefined && now - loudAt <= this.holdMs;
      if (isSpeaking !== this.speaking.has(userId)) {
        if (isSpeaking) this.speaking.add(userId);
        else this.speaking.delete(userId);
        changes.push({ userId, speaking: isSpeaking });
      }
    }
    for (const userId of [...this.speaking]) {
      if (!levels.has(userId)) {
        this.speaking.delete(userId);
        this.lastLoud.delete(userId);
        changes.push({ userId, speaking: false });
      }
    }
    return changes;
  }
}
