package io.herald.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.node.command.Command;
import io.herald.node.command.ConnectCommand;
import io.herald.node.command.PongCommand;
import io.herald.node.command.PublishCommand;
import io.herald.node.command.RefreshCommand;
import io.herald.node.command.SubscribeCommand;
import io.herald.node.command.UnsubscribeCommand;

/**
 * Turns a method name and its params object into a {@link Command}. Unknown params fields are
 * ignored (newer clients may send more); a known field of the wrong type is -32602 naming it.
 */
final class CommandParser {

  private final ObjectMapper mapper;

  CommandParser(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** True when {@code method} is one {@link #parse} knows. */
  static boolean knows(String method) {
    return switch (method) {
      case "connect", "subscribe", "unsubscribe", "publish", "refresh", "pong" -> true;
      default -> false;
    };
  }

  /**
   * Parses one command.
   *
   * @param params the params object, or an empty object when absent
   * @return the command, or null when the method is unknown
   */
  Command parse(String method, JsonNode params) throws InvalidParamsException {
    return switch (method) {
      case "connect" ->
          new ConnectCommand(
              optionalString(params, "token"),
              optionalString(params, "name"),
              optionalString(params, "version"));
      case "subscribe" ->
          new SubscribeCommand(requiredString(params, "channel"), optionalString(params, "token"));
      case "unsubscribe" -> new UnsubscribeCommand(requiredString(params, "channel"));
      case "publish" -> new PublishCommand(requiredString(params, "channel"), data(params));
      case "refresh" -> new RefreshCommand(requiredString(params, "token"));
      case "pong" -> PongCommand.INSTANCE;
      default -> null;
    };
  }

  private byte[] data(JsonNode params) throws InvalidParamsException {
    JsonNode data = params.get("data");
    if (data == null) {
      throw new InvalidParamsException("invalid params: data is required");
    }
    try {
      return mapper.writeValueAsBytes(data);
    } catch (java.io.IOException e) {
      throw new InvalidParamsException("invalid params: data cannot be encoded");
    }
  }

  static String requiredString(JsonNode params, String field) throws InvalidParamsException {
    String value = optionalString(params, field);
    if (value == null) {
      throw new InvalidParamsException("invalid params: " + field + " is required");
    }
    return value;
  }

  static String optionalString(JsonNode params, String field) throws InvalidParamsException {
    JsonNode value = params.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidParamsException("invalid params: " + field + " must be a string");
    }
    return value.textValue();
  }
}
