package io.herald.node;

/**
 * A token bucket: {@code rate} tokens per second flow into a bucket of {@code burst}, and each
 * action takes one. Not thread-safe: a session's bucket is used on its loop only; share one between
 * threads only under a lock.
 */
public final class TokenBucket {

  private final double perNano;
  private final double burst;
  private double tokens;
  private long lastNanos;

  /**
   * A full bucket.
   *
   * @param rate tokens per second, above 0
   * @param burst bucket size, at least 1
   * @param nowNanos the current time on a monotonic nanosecond clock
   */
  public TokenBucket(double rate, double burst, long nowNanos) {
    this.perNano = rate / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  /** Takes a token when there is one; refills first by the time passed since the last call. */
  public boolean tryTake(long nowNanos) {
    long elapsed = nowNanos - lastNanos;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + elapsed * perNano);
      lastNanos = nowNanos;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** True when the bucket would be full at {@code nowNanos}: an idle bucket that can be dropped. */
  public boolean fullAt(long nowNanos) {
    return tokens + (nowNanos - lastNanos) * perNano >= burst;
  }
}
