package io.herald.pusher;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One message from a Pusher client: {@code {"event": ..., "channel"?: ..., "data"?: ...}}. pusher-js
 * sends {@code data} as an object for {@code pusher:*} events and as the application gave it
 * (object, string, number) for client events.
 *
 * @param event the event name
 * @param channel the channel, or null
 * @param data the {@code data} value, or a missing node
 */
record ClientMessage(String event, String channel, JsonNode data) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    JSON.getFactory().setStreamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  /**
   * Parses {@code message}.
   *
   * @return null when it is not a JSON object with a string {@code event}
   */
  static ClientMessage parse(byte[] message) {
    JsonNode root;
    try {
      root = JSON.readTree(message);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (root == null || !root.isObject() || !root.path("event").isTextual()) {
      return null;
    }
    JsonNode channel = root.get("channel");
    return new ClientMessage(root.get("event").textValue(),
        channel != null && channel.isTextual() ? channel.textValue() : null, root.path("data"));
  }

  /** {@code data.<field>} as text (numbers as their text), or null. */
  String field(String field) {
    JsonNode v = data.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  /** The event's data as Herald publication data: its JSON text; a string stays a string. */
  byte[] heraldData() {
    if (data.isMissingNode() || data.isNull()) {
      return "null".getBytes(StandardCharsets.UTF_8);
    }
    if (data.isTextual()) {
      return EventData.toHerald(data.textValue());
    }
    return data.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Size in bytes of the data as the client sent it (a string: its UTF-8 bytes). */
  int dataSize() {
    return data.isTextual() ? data.textValue().getBytes(StandardCharsets.UTF_8).length
        : data.toString().getBytes(StandardCharsets.UTF_8).length;
  }
}
