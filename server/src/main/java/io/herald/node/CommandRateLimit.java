package io.herald.node;

import java.time.Clock;
import java.time.Duration;

/**
 * One connection's command rate ({@code client.rateLimit}, {@code client.rateBurst}): every
 * command but {@code pong} takes a token; without one it is refused with 111. A connection that,
 * within one {@code client.rateLimitGrace} window, has more commands refused than the limit allows
 * in that window (it sends at over twice its rate) is told to go with 3013: it is flooding, not
 * bursting. Confined to the session's loop.
 */
final class CommandRateLimit {

  /** What to do with one command. */
  enum Verdict {
    ALLOW,
    REFUSE,
    DISCONNECT
  }

  private final TokenBucket bucket;
  private final Clock clock;
  private final long windowMillis;
  private final double refusalsAllowed;
  private long windowStart;
  private int refused;

  private CommandRateLimit(TokenBucket bucket, Clock clock, int rate, Duration grace) {
    this.bucket = bucket;
    this.clock = clock;
    this.windowMillis = grace.toMillis();
    this.refusalsAllowed = Math.max(1, rate * grace.toMillis() / 1000.0);
  }

  /** The limit for one connection, or null when {@code rate} is 0 (off). */
  static CommandRateLimit of(int rate, int burst, Duration grace, Clock clock) {
    if (rate <= 0) {
      return null;
    }
    return new CommandRateLimit(
        new TokenBucket(rate, burst, nanos(clock)), clock, rate, grace);
  }

  Verdict take() {
    long now = nanos(clock);
    if (bucket.tryTake(now)) {
      return Verdict.ALLOW;
    }
    long nowMillis = now / 1_000_000;
    if (refused == 0 || nowMillis - windowStart > windowMillis) {
      windowStart = nowMillis;
      refused = 0;
    }
    refused++;
    return refused > refusalsAllowed ? Verdict.DISCONNECT : Verdict.REFUSE;
  }

  /** The clock's time in nanoseconds, from its millisecond instant (fake clocks tick in ms). */
  private static long nanos(Clock clock) {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
