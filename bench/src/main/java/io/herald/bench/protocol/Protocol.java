package io.herald.bench.protocol;

import io.herald.bench.client.Conn;
import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * How the load generator speaks to one kind of server, so that every scenario runs unchanged
 * against Herald and its peers. One instance serves every connection of a run; per-connection
 * state lives in {@link Conn#state()}.
 *
 * <p>Lifecycle of a connection: {@link #prepare} (on the opening thread, before the socket:
 * mint its token here, so that token minting is not measured), WebSocket handshake on {@link
 * #wsPath}, {@link #opened} (send connect and subscribe), {@link #received} for every message
 * until it calls {@link Conn#ready()}, then for every delivery.
 */
public interface Protocol {

  /** The server's short name in results: {@code herald}, {@code bare}, {@code nats}, ... */
  String server();

  /** Path (and query) of the WebSocket endpoint. */
  String wsPath();

  /**
   * The server's name for bench channel {@code base} (letters, digits and '-'), e.g. {@code
   * bench:fanout} for Herald or {@code bench.fanout} for NATS.
   */
  String channel(String base);

  /** Prepares a connection before its socket opens. Called on one thread at a time. */
  default void prepare(Conn conn) {}

  /**
   * The WebSocket is open: authenticate, and subscribe when {@link Conn#channel()} is set. Must
   * eventually call {@link Conn#ready()} or {@link Conn#error}. Runs on the connection's loop.
   */
  void opened(Conn conn);

  /**
   * One WebSocket message (text or binary, reassembled). Calls {@link Conn#delivery} for every
   * payload in it. Must not retain {@code message}. Runs on the connection's loop.
   */
  void received(Conn conn, ByteBuf message);

  /**
   * How a backend publishes {@code payload} to {@code channel} over HTTP, or null when the
   * server has no HTTP publish path (then the bench publishes from a client connection).
   */
  HttpPublish httpPublish(String channel, byte[] payload);

  /** The WebSocket message that publishes {@code payload} to {@code channel} from {@code conn}. */
  String wsPublish(Conn conn, String channel, byte[] payload);

  /** An HTTP publish request: {@code POST path} with these headers and body. */
  record HttpPublish(String path, Map<String, String> headers, byte[] body) {}
}
