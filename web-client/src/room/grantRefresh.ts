// The media grant's life: a grant expires (`expiresAt`), so the room is joined again shortly before, which answers
// a fresh one.
import { isProblem } from '../api/http';
import type { MediaGrant } from '../api/types';
import { refreshDelay } from '../auth/tokenRefresher';
import { MAX_TIMER_MS, type Timers } from '../timers';

/** A grant failing to refresh is tried again after this long. */
export const GRANT_RETRY_MS = 10_000;

export interface GrantRefreshOptions {
  timers: Timers;
  /** Joins again: the answer carries a fresh grant. */
  rejoin(): Promise<MediaGrant>;
  /** The fresh grant, for the media session. */
  renewed(grant: MediaGrant): Promise<void>;
  /** The room cannot be joined any more (ended, or I was banned): why, in words. */
  lost(message: string): void;
}

export class GrantRefresh {
  private grant: MediaGrant | null = null;
  private timer: unknown = null;
  private stopped = false;

  constructor(private readonly options: GrantRefreshOptions) {}

  get current(): MediaGrant | null {
    return this.grant;
  }

  /** A new grant (the join's, a rejoin's, a `media.grant` event's): its refresh is planned from its expiry. */
  follow(grant: MediaGrant): void {
    this.stopped = false;
    this.grant = grant;
    this.plan();
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  private clear(): void {
    if (this.timer !== null) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private plan(delay?: number): void {
    this.clear();
    const grant = this.grant;
    if (!grant || this.stopped) return;
    const timers = this.options.timers;
    const wait = delay ?? refreshDelay(Date.parse(grant.expiresAt), timers.now());
    this.timer = timers.setTimeout(() => {
      this.timer = null;
      void this.refresh();
    }, Math.min(wait, MAX_TIMER_MS));
  }

  private async refresh(): Promise<void> {
    if (this.stopped) return;
    try {
      const grant = await this.options.rejoin();
      if (this.stopped) return;
      this.grant = grant;
      await this.options.renewed(grant);
      this.plan();
    } catch (e) {
      if (this.stopped) return;
      if (isProblem(e, '/problems/room-ended')) {
        this.options.lost('The room has ended.');
      } else if (isProblem(e, '/problems/banned')) {
        this.options.lost('You were removed from the room.');
      } else {
        this.plan(GRANT_RETRY_MS);
      }
    }
  }
}
