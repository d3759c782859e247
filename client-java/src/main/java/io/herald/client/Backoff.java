package io.herald.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: attempt n waits a uniformly random time between 0 and
 * min(max, min * 2^n), so that clients dropped together do not return together. Not thread-safe:
 * used on the client's event thread.
 */
final class Backoff {

  private final long minMillis;
  private final long maxMillis;
  private final DoubleSupplier random;
  private int attempt;

  Backoff(Duration min, Duration max, DoubleSupplier random) {
    if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          "need 0 < minReconnectDelay <= maxReconnectDelay, got " + min + " and " + max);
    }
    this.minMillis = min.toMillis();
    this.maxMillis = max.toMillis();
    this.random = random;
  }

  /** The next delay in milliseconds. */
  long next() {
    long ceiling = Math.min(maxMillis, minMillis << Math.min(attempt, 30));
    attempt++;
    return (long) Math.floor(random.getAsDouble() * ceiling);
  }

  void reset() {
    attempt = 0;
  }
}
