package io.herald.transport;

/**
 * A protocol adapter's side of a WebSocket endpoint mounted with {@link HttpRoutes#webSocket}: the
 * transport does the handshake, message aggregation, the size limit, compression, and refuses
 * binary messages (close 1003); the endpoint owns the session.
 *
 * <p>Threading: {@link #open} and every method of the returned {@link Session} run on the
 * connection's event loop, one at a time; none may block.
 */
public interface WebSocketEndpoint {

  /**
   * The handshake of {@code connection} completed: start its session.
   *
   * @return what receives the connection's messages; never null
   */
  Session open(WebSocketConnection connection);

  /** One open connection's receiver. */
  interface Session {

    /** One complete text message (its UTF-8 bytes, a copy the session may keep). */
    void text(byte[] message);

    /** The connection is gone (peer closed, network error, or the transport closed it). */
    void closed();
  }
}
