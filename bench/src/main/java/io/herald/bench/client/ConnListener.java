package io.herald.bench.client;

/**
 * What a {@link Conn} reports. Called on the connection's event loop: implementations must be
 * thread-safe and quick (they run once per delivered message).
 */
public interface ConnListener {

  /** The connection is established and, when it has a channel, subscribed. Called once. */
  void ready(Conn conn);

  /** The connection could not get ready: refused, timed out, closed, or a protocol error. */
  void failed(Conn conn, String reason);

  /** A ready connection was closed (by either side). */
  void closed(Conn conn, String reason);

  /** A message carrying send timestamp {@code sentNanos} (a {@code System.nanoTime()}) arrived. */
  void delivery(Conn conn, long sentNanos);

  /** A ready connection reported an error that did not close it (a refused publish, say). */
  void error(Conn conn, String reason);
}
