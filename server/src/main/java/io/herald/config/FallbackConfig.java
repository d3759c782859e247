package io.herald.config;

import java.time.Duration;

/**
 * The HTTP fallback transports of the client port: SSE with the emulation POST, and long-polling
 * (docs/transports.md). Each limit has a default, this key and a test.
 *
 * @param enabled serve {@code /connection/sse}, {@code /connection/longpoll} and {@code
 *     /connection/emulation}; default true
 * @param tokenCookie name of the cookie a fallback connection takes its connection token from
 *     when its connect params carry none; empty for no cookie; default {@code herald_token}
 * @param maxRequestSize largest body of an emulation POST or a long-poll request, in bytes; larger
 *     ones get 413; default 65536
 * @param bufferSize most bytes of messages kept for one fallback session: messages the client has
 *     not fetched yet (long-poll) or may ask again after a dropped stream (SSE {@code
 *     Last-Event-ID}); when the unfetched ones alone exceed it the session is closed with 3008
 *     (slow); default 1048576
 * @param pollTimeout how long a long-poll request is held open when there is nothing to send; it
 *     is then answered with no messages and the client polls again; default 25s (below the 30s
 *     after which many proxies give up on a silent response)
 * @param sessionIdleTimeout a fallback session with no open SSE stream and no pending poll for
 *     this long is closed (the client vanished); also how long a dropped SSE stream may be resumed
 *     with {@code Last-Event-ID}, and how long sent messages are kept for that; default 10s
 * @param heartbeatInterval an SSE stream with nothing else to send gets a comment line this often,
 *     so proxies keep it open; default 15s
 * @param maxEndedSessions ids of ended fallback sessions that each node remembers (the cluster
 *     tells every node of each end), so that emulation POSTs for them are answered 404 on any node
 *     without a message to the cluster; past it the oldest are forgotten (a POST for one of those
 *     is routed to its node once more, which tells the cluster again); default 100000 (a few MiB)
 */
public record FallbackConfig(
    boolean enabled,
    String tokenCookie,
    int maxRequestSize,
    int bufferSize,
    Duration pollTimeout,
    Duration sessionIdleTimeout,
    Duration heartbeatInterval,
    int maxEndedSessions) {

  /**
   * A copy with one setting changed, e.g. {@code
   * FallbackConfig.defaults().with("bufferSize", 4096)}.
   *
   * @throws IllegalArgumentException when {@code setting} is not a component of this record
   */
  public FallbackConfig with(String setting, Object value) {
    if (!Records.names(FallbackConfig.class).contains(setting)) {
      throw new IllegalArgumentException("no fallback setting " + setting);
    }
    return Records.with(this, new String[] {setting}, 0, value);
  }

  /** Every documented default. */
  public static FallbackConfig defaults() {
    return new FallbackConfig(
        true,
        "herald_token",
        65536,
        1048576,
        Duration.ofSeconds(25),
        Duration.ofSeconds(10),
        Duration.ofSeconds(15),
        100_000);
  }
}
