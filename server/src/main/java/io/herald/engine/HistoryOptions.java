package io.herald.engine;

import java.time.Duration;

/**
 * How a channel keeps its history, taken from its namespace.
 *
 * @param size most publications kept; the oldest are trimmed first
 * @param ttl how long a publication is kept after it was published
 * @param metaTtl how long the stream's epoch and top offset are kept after the last publication,
 *     so that a client returning after the data expired learns it cannot recover instead of
 *     seeing a new, empty stream with the same epoch
 */
public record HistoryOptions(int size, Duration ttl, Duration metaTtl) {

  /** Keeps nothing. */
  public static final HistoryOptions NONE =
      new HistoryOptions(0, Duration.ZERO, Duration.ZERO);

  /** True when publications are kept (both size and ttl are positive). */
  public boolean keeps() {
    return size > 0 && ttl.isPositive();
  }
}
