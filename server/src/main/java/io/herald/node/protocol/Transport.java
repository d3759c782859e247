package io.herald.node.protocol;

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
   * Asks the transport to coalesce: from now on, JSON messages written in the same loop pass may
   * leave as one message holding a JSON array of them, in order, at most {@code maxMessages}
   * messages and {@code maxBytes} bytes of array each (a message that does not fit alone, or that
   * is itself an array, leaves alone). Nothing is held past the pass, and bytes waiting to be put
   * into an array count toward the outbound bound. Called at most once, at connect.
   *
   * @return whether this transport does so; false (the default) when it cannot: the message
   *     framing of SSE and long-poll, a WebSocket that compresses each message
   */
  default boolean coalesce(int maxMessages, int maxBytes) {
    return false;
  }

  /** What the transport kept of the request that opened the connection, for the proxies. */
  default Handshake handshake() {
    return Handshake.NONE;
  }

  /** Bytes queued for the client and not yet handed to the network; 0 when not known. */
  default long queuedBytes() {
    return 0;
  }

  /**
   * Runs {@code task} on {@link #loop()} once everything queued so far has been handed to the
   * network (or the connection is gone). Streams use it to read on from a backend after a pause.
   */
  default void whenFlushed(Runnable task) {
    loop().execute(task);
  }
}
