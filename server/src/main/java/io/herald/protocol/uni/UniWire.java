package io.herald.protocol.uni;

import java.nio.charset.StandardCharsets;

/**
 * How each uni endpoint frames the same messages (one JSON object each, on one line).
 *
 * <ul>
 *   <li>{@link #SSE}: {@code text/event-stream}. A publication is an unnamed event (the
 *       EventSource's {@code message}); every other message is an event named by its {@code
 *       type}. Each event's {@code id} is the connection's positions after it ({@link Positions}),
 *       so the browser's automatic reconnect sends exactly what is needed to resume. A comment
 *       line keeps a quiet stream open.
 *   <li>{@link #STREAM}: {@code application/x-ndjson}, one message per line; a {@code {"type":
 *       "ping"}} line keeps a quiet stream open.
 *   <li>{@link #WEBSOCKET}: one message per text frame; a {@code {"type":"ping"}} message the
 *       client may ignore.
 * </ul>
 */
enum UniWire {
  SSE("uni_sse", "text/event-stream; charset=utf-8"),
  STREAM("uni_stream", "application/x-ndjson; charset=utf-8"),
  WEBSOCKET("uni_websocket", null);

  static final byte[] PING = "{\"type\":\"ping\"}".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] COMMENT = ":\n\n".getBytes(StandardCharsets.US_ASCII);

  /** The transport's name in metrics and logs. */
  final String transportName;
  /** The HTTP answer's content type (null: not HTTP). */
  final String contentType;

  UniWire(String transportName, String contentType) {
    this.transportName = transportName;
    this.contentType = contentType;
  }

  /**
   * One message on the wire.
   *
   * @param type the message's {@code type}, null for a publication
   * @param id the positions after it (SSE only), "" for none
   */
  byte[] message(String type, byte[] json, String id) {
    return switch (this) {
      case WEBSOCKET -> json;
      case STREAM -> concat(json, "\n".getBytes(StandardCharsets.US_ASCII));
      case SSE -> {
        StringBuilder head = new StringBuilder(32 + id.length());
        if (type != null) {
          head.append("event: ").append(type).append('\n');
        }
        if (!id.isEmpty()) {
          head.append("id: ").append(id).append('\n');
        }
        head.append("data: ");
        yield concat(concat(head.toString().getBytes(StandardCharsets.UTF_8), json),
            "\n\n".getBytes(StandardCharsets.US_ASCII));
      }
    };
  }

  /** What keeps a quiet connection open. */
  byte[] keepalive() {
    return switch (this) {
      case SSE -> COMMENT;
      case STREAM -> concat(PING, "\n".getBytes(StandardCharsets.US_ASCII));
      case WEBSOCKET -> PING;
    };
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
