package io.herald.bench.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.bench.client.Conn;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Herald's client protocol (JSON-RPC 2.0 over WebSocket, docs/protocol.md): {@code connect} with
 * an HS256 token minted here, {@code subscribe}, {@code publication} notifications, {@code
 * ping}/{@code pong}. Backends publish with {@code POST /api/publish} and {@code X-API-Key};
 * clients with the {@code publish} method (the bench namespace allows it).
 *
 * <p>Each connection is user {@code u<id>}; its token expires in 24 h, so no run needs {@code
 * refresh}. Connect and subscribe are sent back to back, as the SDKs do; the server handles them
 * in order. Connections ask for {@code batch} (the SDKs do) unless told not to: the server may
 * then send several messages as one JSON array, and every payload in it is a delivery.
 */
public final class HeraldProtocol implements Protocol {

  /** The namespace the bench config opens to clients. */
  public static final String NAMESPACE = "bench";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PONG = "{\"jsonrpc\":\"2.0\",\"method\":\"pong\"}";
  private static final long CONNECT_ID = 1;
  private static final long SUBSCRIBE_ID = 2;

  private final String apiKey;
  private final String server;
  private static final byte[] ELEMENT = "{\"jsonrpc\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MARKER = "\"ts\":".getBytes(StandardCharsets.US_ASCII);
  /** Timestamps of the array being read; the generator reads on its loops only. */
  private static final ThreadLocal<long[]> STAMPS = ThreadLocal.withInitial(() -> new long[64]);

  private final ThreadLocal<Hs256> minter;
  private final boolean batch;

  /**
   * @param hmacSecret the server's {@code token.hmacSecret}
   * @param apiKey the server's {@code api.key}
   * @param server the name results carry, e.g. {@code herald} or {@code herald-history}
   * @param batch whether connections ask for coalesced messages ({@code batch: true})
   */
  public HeraldProtocol(String hmacSecret, String apiKey, String server, boolean batch) {
    this.apiKey = apiKey;
    this.server = server;
    this.batch = batch;
    this.minter = ThreadLocal.withInitial(() -> new Hs256(hmacSecret));
  }

  /** Connections that ask for {@code batch}. */
  public HeraldProtocol(String hmacSecret, String apiKey, String server) {
    this(hmacSecret, apiKey, server, true);
  }

  @Override
  public String server() {
    return server;
  }

  @Override
  public String wsPath() {
    return "/connection/websocket";
  }

  @Override
  public String channel(String base) {
    return NAMESPACE + ":" + base;
  }

  @Override
  public void prepare(Conn conn) {
    conn.state(minter.get().connectionToken("u" + conn.id(), 24 * 3600));
  }

  @Override
  public void opened(Conn conn) {
    String token = conn.state();
    if (token == null) {
      token = minter.get().connectionToken("u" + conn.id(), 24 * 3600);
    }
    conn.state(null);
    StringBuilder out =
        new StringBuilder(token.length() + 160)
            .append("{\"jsonrpc\":\"2.0\",\"id\":")
            .append(CONNECT_ID)
            .append(",\"method\":\"connect\",\"params\":{\"token\":\"")
            .append(token)
            .append(batch ? "\",\"batch\":true" : "\"")
            .append(",\"name\":\"herald-bench\"}}");
    conn.send(out.toString());
    if (conn.channel() != null) {
      conn.send(
          "{\"jsonrpc\":\"2.0\",\"id\":"
              + SUBSCRIBE_ID
              + ",\"method\":\"subscribe\",\"params\":{\"channel\":\""
              + conn.channel()
              + "\"}}");
    }
  }

  @Override
  public void received(Conn conn, ByteBuf message) {
    if (message.isReadable() && message.getByte(message.readerIndex()) == '[') {
      if (allPayloads(conn, message)) {
        return;
      }
    } else {
      long ts = Payload.timestamp(message);
      if (ts != Payload.NONE) {
        conn.delivery(ts);
        return;
      }
    }
    JsonNode root;
    try {
      root = JSON.readTree(message.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      conn.error("unparsable frame from server: " + e.getMessage());
      return;
    }
    if (root.isArray()) {
      root.forEach(n -> handle(conn, n));
    } else {
      handle(conn, root);
    }
  }

  /**
   * An array whose every element carries a payload (a burst of publications): one delivery per
   * payload, found by scanning, without a JSON parser. Counts nothing and returns false when some
   * element has none (a ping, an answer), so that the caller parses the whole array instead.
   */
  private static boolean allPayloads(Conn conn, ByteBuf message) {
    int to = message.writerIndex();
    long[] stamps = STAMPS.get();
    int elements = 0;
    int found = 0;
    for (int i = message.readerIndex(); i < to; i++) {
      byte b = message.getByte(i);
      if (b == '{' && at(message, ELEMENT, i, to)) {
        elements++;
        i += ELEMENT.length - 1;
      } else if (b == '"' && at(message, MARKER, i, to)) {
        if (found == stamps.length) {
          stamps = java.util.Arrays.copyOf(stamps, found * 2);
          STAMPS.set(stamps);
        }
        stamps[found++] = Payload.timestamp(message, i, to);
        i += MARKER.length - 1;
      }
    }
    if (elements == 0 || found != elements) {
      return false;
    }
    for (int k = 0; k < found; k++) {
      conn.delivery(stamps[k]);
    }
    return true;
  }

  private static boolean at(ByteBuf message, byte[] needle, int i, int to) {
    if (i + needle.length > to) {
      return false;
    }
    for (int j = 1; j < needle.length; j++) {
      if (message.getByte(i + j) != needle[j]) {
        return false;
      }
    }
    return true;
  }

  private void handle(Conn conn, JsonNode msg) {
    String method = msg.path("method").asText("");
    switch (method) {
      case "ping" -> conn.send(PONG);
      case "disconnect" -> {
        JsonNode p = msg.path("params");
        conn.fail("disconnect " + p.path("code").asInt() + " " + p.path("reason").asText());
      }
      case "" -> response(conn, msg);
      case "publication" -> {
        // in an array beside a ping or an answer: still a delivery
        JsonNode ts = msg.path("params").path("data").path("ts");
        if (ts.isIntegralNumber()) {
          conn.delivery(ts.longValue());
        }
      }
      default -> {
        // join/leave, server-side subscribe: not measured
      }
    }
  }

  private void response(Conn conn, JsonNode msg) {
    long id = msg.path("id").asLong(-1);
    JsonNode error = msg.get("error");
    String what = id == CONNECT_ID ? "connect" : id == SUBSCRIBE_ID ? "subscribe" : "publish";
    if (error != null) {
      conn.error(what + " refused: " + error.path("code").asInt() + " " + error.path("message").asText());
    } else if (id == SUBSCRIBE_ID || (id == CONNECT_ID && conn.channel() == null)) {
      conn.ready();
    }
  }

  @Override
  public HttpPublish httpPublish(String channel, byte[] payload) {
    byte[] head = ("{\"channel\":\"" + channel + "\",\"data\":").getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[head.length + payload.length + 1];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(payload, 0, body, head.length, payload.length);
    body[body.length - 1] = '}';
    return new HttpPublish(
        "/api/publish", Map.of("X-API-Key", apiKey, "Content-Type", "application/json"), body);
  }

  @Override
  public String wsPublish(Conn conn, String channel, byte[] payload) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + conn.nextRequestId()
        + ",\"method\":\"publish\",\"params\":{\"channel\":\""
        + channel
        + "\",\"data\":"
        + new String(payload, StandardCharsets.US_ASCII)
        + "}}";
  }
}
