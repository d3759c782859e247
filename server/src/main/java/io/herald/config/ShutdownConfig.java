package io.herald.config;

import java.time.Duration;

/**
 * Graceful shutdown on SIGTERM (or SIGINT): readiness turns 503, the port stops accepting, and
 * every client is told to reconnect (disconnect 3001), spread evenly over {@code drainPeriod} so
 * the other nodes are not hit by every reconnect at once.
 *
 * @param drainPeriod how long the disconnects are spread over; 0 disconnects everyone at once;
 *     default 5s
 * @param timeout the most the whole shutdown may take; past it the process exits with status 1;
 *     more than {@code drainPeriod}; default 20s (under Kubernetes' default 30s grace period)
 */
public record ShutdownConfig(Duration drainPeriod, Duration timeout) {

  /** Every documented default. */
  public static ShutdownConfig defaults() {
    return new ShutdownConfig(Duration.ofSeconds(5), Duration.ofSeconds(20));
  }
}
