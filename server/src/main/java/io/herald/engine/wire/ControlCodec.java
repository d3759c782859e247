package io.herald.engine.wire;

import io.herald.engine.NodeInfo;

import io.herald.engine.ControlMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

/**
 * The wire form of {@link ControlMessage}s for distributed brokers: one JSON object with a
 * {@code type} field. A node ignores a type it does not know (a newer node in a rolling upgrade),
 * so the format may grow. Control traffic is small and rare next to publications, so readable
 * JSON costs nothing that matters. Thread-safe, stateless.
 */
public final class ControlCodec {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ControlCodec() {}

  /** The bytes of {@code message}. */
  public static byte[] encode(ControlMessage message) {
    ObjectNode o = JSON.createObjectNode();
    switch (message) {
      case ControlMessage.Disconnect d -> o.put("type", "disconnect").put("user", d.user())
          .put("client", d.client()).put("code", d.code()).put("reason", d.reason());
      case ControlMessage.Subscribe s ->
          o.put("type", "subscribe").put("user", s.user()).put("channel", s.channel());
      case ControlMessage.Unsubscribe u ->
          o.put("type", "unsubscribe").put("user", u.user()).put("channel", u.channel());
      case ControlMessage.NodeAlive a -> {
        NodeInfo i = a.info();
        o.put("type", "alive").put("uid", i.uid()).put("name", i.name())
            .put("version", i.version()).put("numClients", i.numClients())
            .put("numUsers", i.numUsers()).put("numChannels", i.numChannels())
            .put("uptime", i.uptimeSeconds());
      }
      case ControlMessage.NodeLeft l -> o.put("type", "left").put("uid", l.uid());
      case ControlMessage.SessionData s -> o.put("type", "sessionData").put("node", s.node())
          .put("session", s.session()).put("data", Base64.getEncoder().encodeToString(s.data()));
      case ControlMessage.SessionEnded e ->
          o.put("type", "sessionEnded").put("session", e.session());
    }
    try {
      return JSON.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new IllegalStateException("a control message could not be encoded", e);
    }
  }

  /**
   * The message in {@code bytes}.
   *
   * @return empty for a type this node does not know
   * @throws IllegalArgumentException when the bytes are not a control message
   */
  public static Optional<ControlMessage> decode(byte[] bytes) {
    JsonNode o;
    try {
      o = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("a control message is not JSON", e);
    }
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("a control message is not a JSON object");
    }
    return Optional.ofNullable(switch (o.path("type").asText()) {
      case "disconnect" -> new ControlMessage.Disconnect(
          text(o, "user"), o.path("client").textValue(), o.path("code").asInt(),
          text(o, "reason"));
      case "subscribe" -> new ControlMessage.Subscribe(text(o, "user"), text(o, "channel"));
      case "unsubscribe" -> new ControlMessage.Unsubscribe(text(o, "user"), text(o, "channel"));
      case "alive" -> new ControlMessage.NodeAlive(new NodeInfo(
          text(o, "uid"), text(o, "name"), text(o, "version"), o.path("numClients").asInt(),
          o.path("numUsers").asInt(), o.path("numChannels").asInt(), o.path("uptime").asLong()));
      case "left" -> new ControlMessage.NodeLeft(text(o, "uid"));
      case "sessionData" -> new ControlMessage.SessionData(
          text(o, "node"), text(o, "session"), Base64.getDecoder().decode(text(o, "data")));
      case "sessionEnded" -> new ControlMessage.SessionEnded(text(o, "session"));
      default -> null;
    });
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("a control message misses its " + field);
    }
    return v.textValue();
  }
}
