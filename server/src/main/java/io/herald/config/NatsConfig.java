package io.herald.config;

import java.time.Duration;

/**
 * The NATS connection of the NATS broker.
 *
 * @param url one server URL, or several separated by commas ({@code nats://a:4222,nats://b:4222});
 *     credentials may be given in the URL ({@code nats://user:password@host:4222}); default
 *     {@code nats://127.0.0.1:4222}
 * @param prefix the first token(s) of every subject Herald uses, so several Herald clusters (or
 *     tests) share one NATS without seeing each other: letters, digits, {@code _} and {@code -},
 *     tokens separated by {@code .}; default {@code herald}
 * @param connectTimeout how long one connection attempt may take; default 2s
 * @param reconnectWait the wait before the first reconnect attempt after the connection was lost;
 *     it doubles with every failed attempt up to {@code reconnectMaxWait}, plus up to 20% random
 *     jitter so that nodes do not reconnect in lockstep; default 250ms
 * @param reconnectMaxWait the longest wait between reconnect attempts; default 5s
 * @param maxPendingMessages messages queued for sending on the connection; past it a publish fails
 *     at once (never waits on the caller's thread); default 65536
 * @param reorderWindow how long a publication of a channel with history that arrives before the
 *     ones preceding it (two nodes published at once) is held back waiting for them; 0 hands it
 *     over at once (its subscribers then resubscribe and recover); default 100ms
 * @param credentialsFile a NATS credentials file: a {@code .creds} file (user JWT and NKey seed,
 *     as {@code nsc} or a NATS service issues them) or a file holding only an NKey seed (for a
 *     server that lists the user's NKey); default null: none
 */
public record NatsConfig(
    String url,
    String prefix,
    Duration connectTimeout,
    Duration reconnectWait,
    Duration reconnectMaxWait,
    int maxPendingMessages,
    Duration reorderWindow,
    String credentialsFile) {

  /** Every documented default. */
  public static NatsConfig defaults() {
    return new NatsConfig(
        "nats://127.0.0.1:4222", "herald", Duration.ofSeconds(2), Duration.ofMillis(250),
        Duration.ofSeconds(5), 65536, Duration.ofMillis(100), null);
  }

  /** A copy with another {@code prefix} (tests give every run its own). */
  public NatsConfig withPrefix(String newPrefix) {
    return new NatsConfig(
        url, newPrefix, connectTimeout, reconnectWait, reconnectMaxWait, maxPendingMessages,
        reorderWindow, credentialsFile);
  }

  /** A copy with another {@code reorderWindow}. */
  public NatsConfig withReorderWindow(Duration window) {
    return new NatsConfig(
        url, prefix, connectTimeout, reconnectWait, reconnectMaxWait, maxPendingMessages, window,
        credentialsFile);
  }

  /** A copy with another {@code url}. */
  public NatsConfig withUrl(String newUrl) {
    return new NatsConfig(
        newUrl, prefix, connectTimeout, reconnectWait, reconnectMaxWait, maxPendingMessages,
        reorderWindow, credentialsFile);
  }

  /** A copy with another {@code credentialsFile}. */
  public NatsConfig withCredentialsFile(String file) {
    return new NatsConfig(
        url, prefix, connectTimeout, reconnectWait, reconnectMaxWait, maxPendingMessages,
        reorderWindow, file);
  }
}
