/** Timers the client schedules through; tests pass a fake one to control time. */
export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/** The real clock: the global timers and `Date.now()`. */
export const systemClock: Clock = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** A single re-armable timer on a clock. */
export class Timer {
  private handle: unknown = null;

  constructor(private readonly clock: Clock) {}

  /** Runs `fn` after `ms`, cancelling what was scheduled before. */
  start(ms: number, fn: () => void): void {
    this.stop();
    this.handle = this.clock.setTimeout(() => {
      this.handle = null;
      fn();
    }, ms);
  }

  stop(): void {
    if (this.handle !== null) {
      this.clock.clearTimeout(this.handle);
      this.handle = null;
    }
  }

  get active(): boolean {
    return this.handle !== null;
  }
}
