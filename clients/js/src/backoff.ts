/**
 * Exponential backoff with full jitter: attempt n waits a uniformly random time between 0 and
 * min(max, min * 2^n) milliseconds, so that thousands of clients dropped at once do not come back
 * in one wave.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly minDelay: number,
    private readonly maxDelay: number,
    private readonly random: () => number = Math.random,
  ) {
    if (!(minDelay > 0) || !(maxDelay >= minDelay)) {
      throw new RangeError(`need 0 < minReconnectDelay <= maxReconnectDelay, got ${minDelay} and ${maxDelay}`);
    }
  }

  /** The delay before the next attempt, in milliseconds; each call moves to the next attempt. */
  next(): number {
    const ceiling = Math.min(this.maxDelay, this.minDelay * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return Math.floor(this.random() * ceiling);
  }

  /** Back to the first attempt (after a successful connect). */
  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
