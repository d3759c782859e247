package io.herald.bench.protocol;

import io.herald.bench.client.Conn;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Herald's Pusher Channels endpoint (docs/pusher.md), spoken directly as pusher-js does: {@code
 * GET /app/<key>?protocol=7}, {@code pusher:subscribe} on a public channel once {@code
 * pusher:connection_established} arrives, {@code pusher_internal:subscription_succeeded}, then
 * events whose {@code data} is the payload as a JSON-encoded string. Backends publish with
 * Herald's {@code POST /api/publish} (with an {@code event}) to the app's Herald channel {@code
 * pusher.<id>:<name>}, so the publish path is the same as {@link HeraldProtocol}'s and only the
 * fan-out differs. Client publishes are client events on a private channel, which this adapter
 * does not sign, so the bench publishes over HTTP.
 */
public final class PusherProtocol implements Protocol {

  /** The app the bench config declares. */
  public static final String APP_ID = "bench";

  /** Its key. */
  public static final String APP_KEY = "bench-key";

  /** The config section that declares the app (appended to the bench's Herald config). */
  public static final String CONFIG = """
      pusher:
        apps:
          - {id: "%s", key: "%s", secret: "bench-pusher-secret-0123456789"}
      """.formatted(APP_ID, APP_KEY);

  /** The payload's timestamp marker as it appears inside Pusher's data string. */
  private static final byte[] MARKER = "ts\\\":".getBytes(StandardCharsets.US_ASCII);

  private static final byte[] ESTABLISHED =
      "pusher:connection_established".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SUCCEEDED =
      "pusher_internal:subscription_succeeded".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PING = "\"pusher:ping\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ERROR = "\"pusher:error\"".getBytes(StandardCharsets.US_ASCII);
  private static final String PONG = "{\"event\":\"pusher:pong\",\"data\":{}}";

  private final String apiKey;

  /**
   * @param apiKey the server's {@code api.key}
   */
  public PusherProtocol(String apiKey) {
    this.apiKey = apiKey;
  }

  @Override
  public String server() {
    return "herald-pusher";
  }

  @Override
  public String wsPath() {
    return "/app/" + APP_KEY + "?protocol=7&client=herald-bench&version=1.0";
  }

  @Override
  public String channel(String base) {
    return base;
  }

  @Override
  public void opened(Conn conn) {
    // The subscribe goes out when the server greets the connection.
  }

  @Override
  public void received(Conn conn, ByteBuf message) {
    int from = message.readerIndex();
    int to = message.writerIndex();
    int at = Payload.indexOf(message, MARKER, from, to);
    if (at >= 0) {
      int i = at + MARKER.length;
      boolean negative = i < to && message.getByte(i) == '-';
      long value = 0;
      for (i = negative ? i + 1 : i; i < to; i++) {
        byte b = message.getByte(i);
        if (b < '0' || b > '9') {
          break;
        }
        value = value * 10 + (b - '0');
      }
      conn.delivery(negative ? -value : value);
      return;
    }
    if (Payload.indexOf(message, ESTABLISHED, from, to) >= 0) {
      if (conn.channel() == null) {
        conn.ready();
      } else {
        conn.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + conn.channel()
            + "\"}}");
      }
    } else if (Payload.indexOf(message, SUCCEEDED, from, to) >= 0) {
      conn.ready();
    } else if (Payload.indexOf(message, PING, from, to) >= 0) {
      conn.send(PONG);
    } else if (Payload.indexOf(message, ERROR, from, to) >= 0) {
      conn.error("pusher:error " + message.toString(StandardCharsets.UTF_8));
    }
  }

  @Override
  public HttpPublish httpPublish(String channel, byte[] payload) {
    byte[] head = ("{\"channel\":\"pusher." + APP_ID + ":" + channel
        + "\",\"event\":\"bench\",\"data\":").getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[head.length + payload.length + 1];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(payload, 0, body, head.length, payload.length);
    body[body.length - 1] = '}';
    return new HttpPublish(
        "/api/publish", Map.of("X-API-Key", apiKey, "Content-Type", "application/json"), body);
  }

  @Override
  public String wsPublish(Conn conn, String channel, byte[] payload) {
    throw new UnsupportedOperationException(
        "herald-pusher publishes over HTTP: client events need signed private channels");
  }
}
