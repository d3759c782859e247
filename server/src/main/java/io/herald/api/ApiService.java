package io.herald.api;

import io.herald.util.Completions;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.node.Node;
import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.RpcException;
import io.herald.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server HTTP API, {@code POST /api/<method>} with the key in {@code X-API-Key}: transport
 * independent, so any HTTP front end can call {@link #handle}. Answers {@code {"result": ...}} or
 * {@code {"error": {"code", "message"}}} with the protocol's error table; HTTP 401 without a valid
 * key, 400 for malformed JSON or bad params, 404 for an unknown method, 200 otherwise (a Herald
 * error such as 102 is in the body). Thread-safe; never blocks.
 */
public final class ApiService {

  private static final Logger log = LoggerFactory.getLogger(ApiService.class);

  private final byte[] key;
  private final ObjectMapper mapper = Json.mapper(64);
  private final ApiMethods methods;
  private final Node node;

  /**
   * @param apiKey the configured key; null refuses every request
   */
  public ApiService(Node node, String apiKey) {
    this.key = apiKey == null ? null : apiKey.getBytes(StandardCharsets.UTF_8);
    this.methods = new ApiMethods(node, mapper);
    this.node = node;
  }

  /** Handles one request. {@code providedKey} is the {@code X-API-Key} header or null. */
  public CompletionStage<ApiReply> handle(String method, String providedKey, byte[] body) {
    long start = System.nanoTime();
    String label = methods.exists(method) ? method : "unknown";
    CompletionStage<ApiReply> reply =
        authorized(providedKey)
            ? handleTrusted(method, body)
            : done(errorReply(401, RpcError.UNAUTHORIZED.withMessage("unauthorized: missing or wrong X-API-Key")));
    return reply.whenComplete(
        (r, e) -> node.metrics().apiCall(label, System.nanoTime() - start, r == null ? 500 : r.status()));
  }

  /**
   * Handles one request from a caller that is already authenticated otherwise (the admin UI,
   * behind its login): no key check, the same answers as {@link #handle}.
   */
  public CompletionStage<ApiReply> handleTrusted(String method, byte[] body) {
    if (!methods.exists(method)) {
      return done(errorReply(404, RpcError.METHOD_NOT_FOUND.withMessage("method not found: " + method)));
    }
    JsonNode params;
    try {
      params = body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
    } catch (JacksonException e) {
      return done(errorReply(400, RpcError.PARSE_ERROR.withMessage("parse error: malformed JSON")));
    } catch (java.io.IOException e) {
      return done(errorReply(400, RpcError.PARSE_ERROR));
    }
    if (params == null || !params.isObject()) {
      return done(errorReply(400, RpcError.INVALID_PARAMS.withMessage("invalid params: body must be a JSON object")));
    }
    return call(method, params).handle(this::toReply);
  }

  /**
   * Runs one command for a trusted in-process caller (ingestion): no key check, no HTTP, no API
   * metrics. Never blocks.
   *
   * @param params the command's params, a JSON object
   * @return the result; the stage fails when a valid command could not be carried out (e.g. an
   *     {@link RpcException} 108 when the engine is unavailable, or any other exception)
   * @throws RpcException at once when the command itself is wrong, so that retrying cannot help:
   *     unknown method (-32601), bad params (-32602), bad channel (107), unknown namespace (102)
   */
  public CompletionStage<JsonNode> execute(String method, JsonNode params) {
    if (!methods.exists(method)) {
      throw RpcError.METHOD_NOT_FOUND.withMessage("method not found: " + method).exception();
    }
    if (params == null || !params.isObject()) {
      throw RpcError.INVALID_PARAMS.withMessage("invalid params: params must be a JSON object")
          .exception();
    }
    CompletionStage<JsonNode> stage;
    try {
      stage = methods.call(method, new Params(params));
    } catch (ApiException e) {
      throw e.error().exception();
    }
    return stage.handle((result, error) -> {
      if (error == null) {
        return result;
      }
      Throwable cause = Completions.cause(error);
      if (cause instanceof ApiException api) {
        throw api.error().exception();
      }
      throw Completions.wrap(error);
    });
  }

  /** Runs one method; used by {@code batch} too. */
  CompletionStage<JsonNode> call(String method, JsonNode params) {
    try {
      return methods.call(method, new Params(params));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private ApiReply toReply(JsonNode result, Throwable error) {
    if (error == null) {
      ObjectNode out = mapper.createObjectNode();
      out.set("result", result);
      return new ApiReply(200, bytes(out));
    }
    Throwable cause = Completions.cause(error);
    if (cause instanceof ApiException api) {
      return errorReply(api.status(), api.error());
    }
    if (cause instanceof RpcException rpc) {
      return errorReply(200, rpc.error());
    }
    log.warn("server API call failed", cause);
    return errorReply(500, RpcError.INTERNAL);
  }

  /** {@code {"error": {...}}} for {@code error}, also used for batch elements. */
  ObjectNode errorBody(RpcError error) {
    ObjectNode out = mapper.createObjectNode();
    out.putObject("error").put("code", error.code()).put("message", error.message());
    return out;
  }

  private ApiReply errorReply(int status, RpcError error) {
    return new ApiReply(status, bytes(errorBody(error)));
  }

  private byte[] bytes(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean authorized(String provided) {
    return key != null
        && provided != null
        && MessageDigest.isEqual(key, provided.getBytes(StandardCharsets.UTF_8));
  }

  private static CompletionStage<ApiReply> done(ApiReply reply) {
    return CompletableFuture.completedFuture(reply);
  }
}
