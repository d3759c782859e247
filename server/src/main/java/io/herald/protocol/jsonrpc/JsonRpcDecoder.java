package io.herald.protocol.jsonrpc;

import io.herald.json.Json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.herald.config.ClientConfig;
import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.Command;
import io.herald.node.protocol.DecodedFrame;
import io.herald.node.protocol.FrameDecoder;
import io.herald.node.protocol.Incoming;
import io.herald.node.protocol.RequestId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one inbound text frame into JSON-RPC 2.0 calls, exactly as the specification's section
 * 5 and 6 say: invalid JSON is one -32700 with id null; an empty array is one -32600; each bad
 * element of a batch gets its own -32600; an unknown method -32601 and bad params -32602, neither
 * answered for notifications. Never throws; thread-safe.
 */
public final class JsonRpcDecoder implements FrameDecoder {

  private static final JsonNode NO_PARAMS = JsonNodeFactory.instance.objectNode();

  private final ObjectMapper mapper;
  private final ObjectWriter idWriter;
  private final CommandParser parser;
  private final int maxBatchSize;

  /**
   * @param maxDepth deepest nesting accepted ({@code client.maxJsonDepth})
   * @param maxBatchSize most elements in a batch ({@code client.maxBatchSize})
   */
  public JsonRpcDecoder(int maxDepth, int maxBatchSize) {
    this(Json.mapper(maxDepth), maxBatchSize);
  }

  /**
   * @param maxDepth deepest nesting accepted ({@code client.maxJsonDepth})
   * @param maxBatchSize most elements in a batch ({@code client.maxBatchSize})
   * @param maxStringLength longest string or key ({@code client.maxJsonStringLength})
   * @param maxTokens most tokens in one frame ({@code client.maxJsonTokens})
   */
  public JsonRpcDecoder(int maxDepth, int maxBatchSize, int maxStringLength, int maxTokens) {
    this(Json.mapper(maxDepth, maxStringLength, maxTokens), maxBatchSize);
  }

  /**
   * The decoder for client connections under {@code client}'s limits ({@code maxJsonDepth},
   * {@code maxBatchSize}, {@code maxJsonStringLength}, {@code maxJsonTokens}).
   */
  public static JsonRpcDecoder forClients(ClientConfig client) {
    return new JsonRpcDecoder(client.maxJsonDepth(), client.maxBatchSize(),
        client.maxJsonStringLength(), client.maxJsonTokens());
  }

  private JsonRpcDecoder(ObjectMapper mapper, int maxBatchSize) {
    this.mapper = mapper;
    this.idWriter = mapper.writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
    this.parser = new CommandParser(mapper);
    this.maxBatchSize = maxBatchSize;
  }

  /** Decodes {@code bytes} (UTF-8 JSON). */
  @Override
  public DecodedFrame decode(byte[] bytes) {
    JsonNode root;
    try {
      root = mapper.readTree(bytes);
    } catch (JacksonException e) {
      return invalid(RpcError.PARSE_ERROR.withMessage("parse error: " + brief(e)));
    } catch (java.io.IOException e) {
      return invalid(RpcError.PARSE_ERROR);
    }
    if (root == null || root.isMissingNode()) {
      return invalid(RpcError.PARSE_ERROR.withMessage("parse error: empty frame"));
    }
    if (!root.isArray()) {
      return DecodedFrame.single(decodeOne(root));
    }
    if (root.isEmpty()) {
      return invalid(RpcError.INVALID_REQUEST.withMessage("invalid request: empty batch"));
    }
    if (root.size() > maxBatchSize) {
      return invalid(
          RpcError.INVALID_REQUEST.withMessage(
              "invalid request: batch larger than " + maxBatchSize));
    }
    List<Incoming> items = new ArrayList<>(root.size());
    for (JsonNode element : root) {
      items.add(decodeOne(element));
    }
    return new DecodedFrame(true, items);
  }

  private static DecodedFrame invalid(RpcError error) {
    return DecodedFrame.single(new Incoming.Invalid(RequestId.NULL, error));
  }

  private Incoming decodeOne(JsonNode request) {
    if (!request.isObject()) {
      return new Incoming.Invalid(
          RequestId.NULL, RpcError.INVALID_REQUEST.withMessage("invalid request: not an object"));
    }
    JsonNode idNode = request.get("id");
    RequestId id = null;
    if (idNode != null) {
      if (!(idNode.isTextual() || idNode.isNumber() || idNode.isNull())) {
        return new Incoming.Invalid(
            RequestId.NULL,
            RpcError.INVALID_REQUEST.withMessage("invalid request: id must be a string or number"));
      }
      id = rawId(idNode);
    }
    RequestId answerTo = id == null ? RequestId.NULL : id;
    if (!"2.0".equals(textOrNull(request.get("jsonrpc")))) {
      return new Incoming.Invalid(
          answerTo, RpcError.INVALID_REQUEST.withMessage("invalid request: jsonrpc must be \"2.0\""));
    }
    String method = textOrNull(request.get("method"));
    if (method == null) {
      return new Incoming.Invalid(
          answerTo, RpcError.INVALID_REQUEST.withMessage("invalid request: method must be a string"));
    }
    JsonNode params = request.get("params");
    if (params != null && !params.isContainerNode()) {
      return new Incoming.Invalid(
          answerTo,
          RpcError.INVALID_REQUEST.withMessage("invalid request: params must be an object"));
    }
    if (!CommandParser.knows(method)) {
      return new Incoming.Invalid(
          id, RpcError.METHOD_NOT_FOUND.withMessage("method not found: " + clip(method)));
    }
    if (params != null && params.isArray()) {
      return new Incoming.Invalid(
          id, RpcError.INVALID_PARAMS.withMessage("invalid params: params must be an object"));
    }
    try {
      return new Incoming.Call(id, parser.parse(method, params == null ? NO_PARAMS : params));
    } catch (InvalidParamsException e) {
      return new Incoming.Invalid(id, RpcError.INVALID_PARAMS.withMessage(e.getMessage()));
    }
  }

  /**
   * The id as JSON text for the response. Written as UTF-8, which keeps surrogate pairs as they
   * are but escapes a lone surrogate (valid JSON only as an escape sequence), a char that the
   * encoder's raw write would refuse. The common ids, an integer or a string of printable ASCII
   * without quote or backslash, are written directly, the same bytes without a generator.
   */
  private RequestId rawId(JsonNode idNode) {
    if (idNode.isInt() || idNode.isLong()) {
      return new RequestId(Long.toString(idNode.longValue()));
    }
    if (idNode.isTextual() && plainAscii(idNode.textValue())) {
      return new RequestId('"' + idNode.textValue() + '"');
    }
    try {
      return new RequestId(new String(idWriter.writeValueAsBytes(idNode), StandardCharsets.UTF_8));
    } catch (JacksonException e) {
      return RequestId.NULL;
    }
  }

  /** True when {@code s} goes into JSON quotes as it is: printable ASCII, no quote or backslash. */
  private static boolean plainAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private static String textOrNull(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  private static String clip(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }

  private static String brief(JacksonException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      return "malformed JSON";
    }
    int newline = message.indexOf('\n');
    return clip(newline < 0 ? message : message.substring(0, newline));
  }
}
