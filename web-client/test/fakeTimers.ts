import type { Timers } from '../src/timers';

interface Scheduled {
  id: number;
  at: number;
  fn: () => void;
  every: number | null;
}

/** Timers that move only when told: `advance(ms)` runs whatever falls due, in order. */
export class FakeTimers implements Timers {
  private time: number;
  private nextId = 1;
  private readonly scheduled = new Map<number, Scheduled>();

  constructor(start = Date.parse('2026-11-22T10:00:00Z')) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.scheduled.set(id, { id, at: this.time + Math.max(0, ms), fn, every: null });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.scheduled.delete(handle as number);
  }

  setInterval(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.scheduled.set(id, { id, at: this.time + ms, fn, every: ms });
    return id;
  }

  clearInterval(handle: unknown): void {
    this.scheduled.delete(handle as number);
  }

  /** Delays of the timeouts (not intervals) waiting now. */
  pendingTimeouts(): number[] {
    return [...this.scheduled.values()].filter((s) => s.every === null).map((s) => s.at - this.time);
  }

  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.scheduled.values()].filter((s) => s.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.time = due.at;
      if (due.every === null) {
        this.scheduled.delete(due.id);
      } else {
        due.at += due.every;
      }
      due.fn();
    }
    this.time = until;
  }
}

/** Lets pending promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await Promise.resolve();
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
}
