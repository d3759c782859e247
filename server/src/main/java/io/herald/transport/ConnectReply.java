package io.herald.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.node.protocol.Frame;
import io.herald.json.Json;
import java.io.IOException;

/**
 * Adds the fallback session id to the {@code connect} reply, so the client learns which session
 * its POSTs name: the first frame written to a fallback session that is a response with {@link
 * #CONNECT_ID} gets {@code "session": "<id>"} in its {@code result}. Frames before it (none in
 * practice) and after it pass untouched, so only one frame per session is parsed. Not
 * thread-safe: one per session, used on its loop.
 */
final class ConnectReply {

  /** Request id of the {@code connect} a fallback transport sends on the client's behalf. */
  static final int CONNECT_ID = 1;

  /** Exact decimals (publication data in recovered subscriptions must come out as it went in). */
  private static final ObjectMapper MAPPER = Json.mapper(4096);

  private final String session;
  private boolean done;
  private volatile boolean given;

  ConnectReply(String session) {
    this.session = session;
  }

  /** {@code frame}, or the connect reply with the session id added. */
  Frame rewrite(Frame frame) {
    if (done) {
      return frame;
    }
    JsonNode reply;
    try {
      reply = MAPPER.readTree(frame.bytes());
    } catch (IOException e) {
      return frame;
    }
    if (reply == null || !reply.isObject() || reply.path("id").asInt(-1) != CONNECT_ID) {
      return frame;
    }
    done = true;
    if (!(reply.get("result") instanceof ObjectNode result)) {
      return frame;
    }
    result.put("session", session);
    given = true;
    try {
      return Frame.wrap(MAPPER.writeValueAsBytes(reply));
    } catch (IOException e) {
      return frame;
    }
  }

  /** True once a connect reply carried the session id to the client; any thread. */
  boolean given() {
    return given;
  }

  /**
   * The {@code connect} request a fallback transport sends for the client: JSON-RPC with id {@link
   * #CONNECT_ID} and {@code params}.
   */
  static byte[] request(ObjectNode params) {
    ObjectNode request = MAPPER.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", CONNECT_ID);
    request.put("method", "connect");
    request.set("params", params);
    try {
      return MAPPER.writeValueAsBytes(request);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
