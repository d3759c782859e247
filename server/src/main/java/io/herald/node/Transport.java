package io.herald.node;

/**
 * What a session needs of a connection; WebSocket, SSE and long-poll adapters implement it. Called
 * only on {@link #loop()}.
 *
 * <p>Backpressure: each transport keeps a bounded outbound queue ({@code client.queueMaxSize}
 * bytes). {@link #write} returns false once the queue is over its bound; the session then
 * disconnects the client with 3008 (slow), so a slow client never delays anyone else.
 */
public interface Transport {

  /** Transport name for logs and metrics, e.g. {@code websocket}. */
  String name();

  /** The loop this connection's I/O runs on. */
  SessionLoop loop();

  /**
   * Queues {@code frame} and flushes it soon (flushes are coalesced per loop iteration).
   *
   * @return false when the outbound queue is over its bound
   */
  boolean write(Frame frame);

  /**
   * Closes the connection with {@code disconnect}'s code and reason where the transport can carry
   * them. Idempotent; the session is told through its close callback.
   */
  void close(Disconnect disconnect);

  /**
   * Bytes written but not yet handed to the network, for monitoring. Callable from any thread;
   * the value may be slightly stale. Default 0 for transports that cannot tell.
   */
  default long queuedBytes() {
    return 0;
  }
}
