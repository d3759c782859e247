package io.herald.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Turns a message into a command. Without a channel template the message is a command {@code
 * {"method": "publish", "params": {...}}} (params may be left out: {@code {}}); with one, the
 * message is a JSON object that becomes the data of a {@code publish} to the channel the template
 * makes of its fields. Thread-safe.
 */
final class CommandReader {

  private final ObjectMapper mapper;
  private final ChannelTemplate template;

  /**
   * @param template a channel template, or null when messages are commands
   */
  CommandReader(ObjectMapper mapper, String template) {
    this.mapper = mapper;
    this.template = template == null ? null : ChannelTemplate.parse(template);
  }

  /**
   * The command in {@code body}, JSON text in UTF-8.
   *
   * @throws BadMessage when {@code body} is not JSON or not a command
   */
  IngestCommand read(byte[] body) throws BadMessage {
    JsonNode tree;
    try {
      tree = body == null || body.length == 0 ? null : mapper.readTree(body);
    } catch (IOException e) {
      throw new BadMessage("not JSON");
    }
    return read(tree);
  }

  /**
   * The command in {@code message}, an already parsed JSON value.
   *
   * @throws BadMessage when {@code message} is not a command
   */
  IngestCommand read(JsonNode message) throws BadMessage {
    if (message == null || message.isMissingNode() || !message.isObject()) {
      throw new BadMessage("not a JSON object");
    }
    if (template != null) {
      ObjectNode params = mapper.createObjectNode();
      params.put("channel", template.fill(message));
      params.set("data", message);
      return new IngestCommand("publish", params);
    }
    JsonNode method = message.get("method");
    if (method == null || !method.isTextual()) {
      throw new BadMessage("no string method");
    }
    JsonNode params = message.get("params");
    if (params == null || params.isNull()) {
      params = mapper.createObjectNode();
    }
    if (!params.isObject()) {
      throw new BadMessage("params is not a JSON object");
    }
    return new IngestCommand(method.textValue(), params);
  }
}
