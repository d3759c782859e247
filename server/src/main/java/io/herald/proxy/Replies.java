package io.herald.proxy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.RpcException;
import io.herald.node.proxy.ConnectReply;
import io.herald.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the backend's JSON answers (docs/proxy.md). Every answer is an object with exactly one of
 * {@code result}, {@code error} (and, for connect, {@code disconnect}); anything else is error
 * 116 naming what is wrong. The backend's {@code error} is thrown as an {@link RpcException} with
 * its code and message as they are. Thread-safe.
 */
final class Replies {

  /** Deepest nesting accepted in a backend answer. */
  static final int MAX_DEPTH = 64;

  private static final ObjectMapper MAPPER = Json.mapper(MAX_DEPTH);
  private static final int MAX_REASON_BYTES = 123;

  private Replies() {}

  /** The answer to a connect. */
  static ConnectReply connect(byte[] body) {
    JsonNode root = root(body);
    if (root.has("disconnect")) {
      JsonNode d = object(root.get("disconnect"), "disconnect");
      int code = d.path("code").asInt(-1);
      if (!d.path("code").isInt() || code < 3000 || code > 4999) {
        throw Failures.invalid("disconnect.code must be a whole number from 3000 to 4999");
      }
      return new ConnectReply.Disconnected(new Disconnect(code, reason(d.path("reason"))));
    }
    JsonNode error = root.get("error");
    if (error != null) {
      return new ConnectReply.Refused(error(error));
    }
    JsonNode result = result(root);
    JsonNode user = result.get("user");
    if (user != null && !user.isNull() && !user.isTextual()) {
      throw Failures.invalid("result.user must be a string");
    }
    return new ConnectReply.Accepted(
        user == null || user.isNull() ? "" : user.textValue(),
        rawOrNull(result.get("info")),
        channels(result.get("channels")),
        expireAt(result.get("expireAt")));
  }

  /** The {@code result.data} of an rpc or publish answer as raw JSON (null when absent). */
  static byte[] data(byte[] body) {
    return rawOrNull(result(root(body)).get("data"));
  }

  /** The {@code result.info} of a subscribe answer as raw JSON (null when absent). */
  static byte[] info(byte[] body) {
    return rawOrNull(result(root(body)).get("info"));
  }

  /**
   * Whether {@code bytes} hold exactly one well-formed JSON value (a streamed chunk); checked with
   * the streaming parser, without building a tree.
   */
  static boolean isJsonValue(byte[] bytes, int from, int length) {
    try (JsonParser p = MAPPER.getFactory().createParser(bytes, from, length)) {
      if (p.nextToken() == null) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The error an {@code error} event of a stream carries: {@code {"code", "message"}}, or {@code
   * {"error": {"code", "message"}}}; 116 when it is neither.
   */
  static RpcError streamError(byte[] json) {
    try {
      JsonNode root = root(json);
      return error(root.has("error") ? root.get("error") : root);
    } catch (RpcException e) {
      return e.error();
    }
  }

  private static JsonNode root(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw Failures.invalid("not JSON");
    } catch (IOException e) {
      throw Failures.invalid("not JSON");
    }
    if (root == null || !root.isObject()) {
      throw Failures.invalid("not a JSON object");
    }
    return root;
  }

  /** The {@code result} object; a backend {@code error} is thrown as it is. */
  private static JsonNode result(JsonNode root) {
    JsonNode error = root.get("error");
    if (error != null) {
      throw error(error).exception();
    }
    JsonNode result = root.get("result");
    if (result == null) {
      throw Failures.invalid("neither result nor error");
    }
    return object(result, "result");
  }

  private static RpcError error(JsonNode error) {
    object(error, "error");
    JsonNode code = error.get("code");
    if (code == null || !code.isInt()) {
      throw Failures.invalid("error.code must be a whole number");
    }
    JsonNode message = error.get("message");
    String text = message != null && message.isTextual() ? message.textValue() : "backend error";
    return new RpcError(code.intValue(), text);
  }

  private static JsonNode object(JsonNode node, String name) {
    if (!node.isObject()) {
      throw Failures.invalid(name + " must be an object");
    }
    return node;
  }

  private static byte[] rawOrNull(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return null;
    }
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw Failures.invalid("a value cannot be encoded");
    }
  }

  private static List<String> channels(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw Failures.invalid("result.channels must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode c : node) {
      if (!c.isTextual()) {
        throw Failures.invalid("result.channels must be an array of strings");
      }
      out.add(c.textValue());
    }
    return out;
  }

  private static Instant expireAt(JsonNode node) {
    if (node == null || node.isNull() || (node.isIntegralNumber() && node.asLong() == 0)) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
      throw Failures.invalid("result.expireAt must be seconds since the epoch");
    }
    return Instant.ofEpochSecond(Math.min(node.asLong(), Instant.MAX.getEpochSecond()));
  }

  private static String reason(JsonNode node) {
    String text = node.isTextual() ? node.textValue() : "disconnected by the backend";
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= MAX_REASON_BYTES) {
      return text;
    }
    int end = MAX_REASON_BYTES;
    while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(utf8, 0, end, StandardCharsets.UTF_8);
  }
}
