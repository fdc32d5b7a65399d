/**
 * Reconnect delays, the one backoff of the client (event socket, media connections): doubling from `baseMs` up to
 * `maxMs`, each drawn between half and all of it (jitter) by `random`; `noJitter` makes it the ceiling every time.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly baseMs = 500,
    private readonly maxMs = 15_000,
    private readonly random: () => number = Math.random,
  ) {}

  /** The wait before the next attempt; each call counts one more failure. */
  next(): number {
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** this.attempt);
    this.attempt += 1;
    return Math.round(ceiling / 2 + (ceiling / 2) * this.random());
  }

  /** A connection worked: start from the shortest wait again. */
  reset(): void {
    this.attempt = 0;
  }

  get failures(): number {
    return this.attempt;
  }
}

/** For `random`: always the ceiling (1, 2, 4, ... exactly). */
export const noJitter = (): number => 1;
