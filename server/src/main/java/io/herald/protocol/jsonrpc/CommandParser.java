package io.herald.protocol.jsonrpc;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.engine.StreamPosition;
import io.herald.node.protocol.CancelCommand;
import io.herald.node.protocol.Command;
import io.herald.node.protocol.ConnectCommand;
import io.herald.node.protocol.HistoryCommand;
import io.herald.node.protocol.PongCommand;
import io.herald.node.protocol.PresenceCommand;
import io.herald.node.protocol.PresenceStatsCommand;
import io.herald.node.protocol.PublishCommand;
import io.herald.node.protocol.RefreshCommand;
import io.herald.node.protocol.RequestId;
import io.herald.node.protocol.RpcCommand;
import io.herald.node.protocol.SubscribeCommand;
import io.herald.node.protocol.UnsubscribeCommand;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a method name and its params object into a {@link Command}. Unknown params fields are
 * ignored (newer clients may send more); a known field of the wrong type is -32602 naming it.
 */
final class CommandParser {

  /** Largest offset a client may send: 2^53 - 1, the largest exact integer in JavaScript. */
  static final long MAX_OFFSET = (1L << 53) - 1;

  private final ObjectMapper mapper;

  CommandParser(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** True when {@code method} is one {@link #parse} knows. */
  static boolean knows(String method) {
    return switch (method) {
      case "connect", "subscribe", "unsubscribe", "publish", "refresh", "pong", "history",
          "presence", "presenceStats", "rpc", "cancel" -> true;
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
              optionalString(params, "version"),
              subs(params),
              optionalData(params),
              optionalBoolean(params, "batch", ""));
      case "subscribe" -> subscribe(requiredString(params, "channel"), params, "");
      case "unsubscribe" -> new UnsubscribeCommand(requiredString(params, "channel"));
      case "publish" ->
          new PublishCommand(
              requiredString(params, "channel"),
              data(params),
              optionalString(params, "idempotencyKey"));
      case "refresh" -> new RefreshCommand(requiredString(params, "token"));
      case "pong" -> PongCommand.INSTANCE;
      case "history" -> history(params);
      case "presence" -> new PresenceCommand(requiredString(params, "channel"));
      case "presenceStats" -> new PresenceStatsCommand(requiredString(params, "channel"));
      case "rpc" -> new RpcCommand(methodName(params), optionalData(params));
      case "cancel" -> new CancelCommand(requestId(params));
      default -> null;
    };
  }

  /** A subscribe for {@code channel}; {@code prefix} names the params in errors. */
  private static SubscribeCommand subscribe(String channel, JsonNode params, String prefix)
      throws InvalidParamsException {
    boolean recover = optionalBoolean(params, "recover", prefix);
    long offset = optionalOffset(params, "offset", prefix);
    String epoch = optionalString(params, "epoch", prefix);
    if (recover && epoch == null) {
      throw new InvalidParamsException(
          "invalid params: " + prefix + "epoch is required with recover");
    }
    return new SubscribeCommand(channel, optionalString(params, "token", prefix), recover, offset,
        epoch, optionalBoolean(params, "joinLeave", prefix));
  }

  private static Map<String, SubscribeCommand> subs(JsonNode params)
      throws InvalidParamsException {
    JsonNode subs = params.get("subs");
    if (subs == null || subs.isNull()) {
      return Map.of();
    }
    if (!subs.isObject()) {
      throw new InvalidParamsException("invalid params: subs must be an object");
    }
    Map<String, SubscribeCommand> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = subs.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String prefix = "subs." + e.getKey() + ".";
      if (!e.getValue().isObject()) {
        throw new InvalidParamsException(
            "invalid params: subs." + e.getKey() + " must be an object");
      }
      out.put(e.getKey(), subscribe(e.getKey(), e.getValue(), prefix));
    }
    return out;
  }

  private static HistoryCommand history(JsonNode params) throws InvalidParamsException {
    String channel = requiredString(params, "channel");
    JsonNode limit = params.get("limit");
    int max = -1;
    if (limit != null && !limit.isNull()) {
      if (!limit.isIntegralNumber() || !limit.canConvertToInt() || limit.intValue() < 0) {
        throw new InvalidParamsException(
            "invalid params: limit must be a non-negative integer");
      }
      max = limit.intValue();
    }
    StreamPosition since = null;
    JsonNode sinceNode = params.get("since");
    if (sinceNode != null && !sinceNode.isNull()) {
      if (!sinceNode.isObject()) {
        throw new InvalidParamsException("invalid params: since must be an object");
      }
      String epoch = optionalString(sinceNode, "epoch", "since.");
      if (epoch == null) {
        throw new InvalidParamsException("invalid params: since.epoch is required");
      }
      since = new StreamPosition(optionalOffset(sinceNode, "offset", "since."), epoch);
    }
    return new HistoryCommand(channel, max, since, optionalBoolean(params, "reverse", ""));
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

  /** {@code data} as raw JSON, or null when absent or null. */
  private byte[] optionalData(JsonNode params) throws InvalidParamsException {
    JsonNode data = params.get("data");
    return data == null || data.isNull() ? null : data(params);
  }

  private static String methodName(JsonNode params) throws InvalidParamsException {
    String method = optionalString(params, "method");
    return method == null ? "" : method;
  }

  /** The {@code id} param of {@code cancel}: a string or number, as the decoder writes ids. */
  private RequestId requestId(JsonNode params) throws InvalidParamsException {
    JsonNode id = params.get("id");
    if (id == null || !(id.isTextual() || id.isNumber())) {
      throw new InvalidParamsException("invalid params: id must be a string or number");
    }
    try {
      return new RequestId(new String(
          mapper.writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
              .writeValueAsBytes(id),
          java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new InvalidParamsException("invalid params: id cannot be encoded");
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
    return optionalString(params, field, "");
  }

  private static String optionalString(JsonNode params, String field, String prefix)
      throws InvalidParamsException {
    JsonNode value = params.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidParamsException(
          "invalid params: " + prefix + field + " must be a string");
    }
    return value.textValue();
  }

  private static boolean optionalBoolean(JsonNode params, String field, String prefix)
      throws InvalidParamsException {
    JsonNode value = params.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw new InvalidParamsException(
          "invalid params: " + prefix + field + " must be a boolean");
    }
    return value.booleanValue();
  }

  /** A stream offset: an integer from 0 up to 2^53 - 1 (exact in JavaScript); absent is 0. */
  private static long optionalOffset(JsonNode params, String field, String prefix)
      throws InvalidParamsException {
    JsonNode value = params.get(field);
    if (value == null || value.isNull()) {
      return 0;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0
        || value.longValue() > MAX_OFFSET) {
      throw new InvalidParamsException(
          "invalid params: " + prefix + field + " must be an integer from 0 to " + MAX_OFFSET);
    }
    return value.longValue();
  }
}
