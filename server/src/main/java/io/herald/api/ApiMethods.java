package io.herald.api;

import io.herald.util.Completions;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.engine.HistoryOptions;
import io.herald.engine.HistoryQuery;
import io.herald.node.protocol.Disconnect;
import io.herald.node.IdempotencyKeys;
import io.herald.node.Node;
import io.herald.engine.Health;
import io.herald.engine.NodeInfo;
import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.RpcException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** The server API methods, each params → result, documented with curl examples in docs/api.md. */
final class ApiMethods {

  /** Most commands in one {@code batch} or channels in one {@code broadcast}. */
  static final int MAX_BATCH = 1000;

  private final Node node;
  private final ObjectMapper mapper;
  private final ApiResults results;
  private final Map<String, Function<Params, CompletionStage<JsonNode>>> table = new TreeMap<>();

  ApiMethods(Node node, ObjectMapper mapper) {
    this.node = node;
    this.mapper = mapper;
    this.results = new ApiResults(mapper);
    table.put("publish", this::publish);
    table.put("broadcast", this::broadcast);
    table.put("subscribe", this::subscribe);
    table.put("unsubscribe", this::unsubscribe);
    table.put("disconnect", this::disconnect);
    table.put("history", this::history);
    table.put("historyRemove", this::historyRemove);
    table.put("presence", this::presence);
    table.put("presenceStats", this::presenceStats);
    table.put("channels", this::channels);
    table.put("info", this::info);
    table.put("batch", this::batch);
  }

  boolean exists(String method) {
    return table.containsKey(method);
  }

  /** The method names, sorted; docs/openapi.yaml describes exactly these. */
  java.util.Set<String> names() {
    return java.util.Collections.unmodifiableSet(table.keySet());
  }

  CompletionStage<JsonNode> call(String method, Params params) {
    Function<Params, CompletionStage<JsonNode>> fn = table.get(method);
    if (fn == null) {
      throw new RpcException(RpcError.METHOD_NOT_FOUND.withMessage("method not found: " + method));
    }
    return fn.apply(params);
  }

  private CompletionStage<JsonNode> publish(Params p) {
    String channel = p.string("channel");
    byte[] data = raw(p.required("data"));
    String key = idempotencyKey(p, List.of(channel));
    return node.publish(channel, data, key, p.optionalString("event"), null)
        .thenApply(results::publish);
  }

  private CompletionStage<JsonNode> broadcast(Params p) {
    List<String> channels = p.strings("channels");
    if (channels.size() > MAX_BATCH) {
      throw ApiException.invalidParams("channels has more than " + MAX_BATCH + " entries");
    }
    byte[] data = raw(p.required("data"));
    String key = idempotencyKey(p, channels);
    String event = p.optionalString("event");
    List<CompletableFuture<JsonNode>> each = new ArrayList<>();
    for (String channel : channels) {
      each.add(settle(() -> node.publish(channel, data, key, event, null)
          .thenApply(results::publish)));
    }
    return collect("responses", each);
  }

  /**
   * The {@code idempotencyKey} param; 400 -32602 when it is longer than the {@code
   * maxIdempotencyKeySize} of one of {@code channels}' namespaces (a bad channel is left to the
   * publish itself).
   */
  private String idempotencyKey(Params p, List<String> channels) {
    String key = p.optionalString("idempotencyKey");
    if (key == null) {
      return null;
    }
    for (String channel : channels) {
      int max;
      try {
        max = node.maxIdempotencyKeySize(channel);
      } catch (RpcException e) {
        continue;
      }
      if (IdempotencyKeys.tooLong(key, max)) {
        throw ApiException.invalidParams("idempotencyKey is longer than " + max + " bytes");
      }
    }
    return key;
  }

  private CompletionStage<JsonNode> history(Params p) {
    String channel = p.string("channel");
    Integer limit = p.optionalInt("limit");
    if (limit != null && limit < 0) {
      throw ApiException.invalidParams("limit must be a non-negative integer");
    }
    HistoryQuery query = new HistoryQuery(
        p.optionalPosition("since"), limit == null ? -1 : limit, p.optionalBoolean("reverse"),
        HistoryOptions.NONE);
    return node.history(channel, query).thenApply(results::history);
  }

  private CompletionStage<JsonNode> historyRemove(Params p) {
    return node.removeHistory(p.string("channel")).thenApply(v -> mapper.createObjectNode());
  }

  private CompletionStage<JsonNode> presence(Params p) {
    return node.presence(p.string("channel")).thenApply(results::presence);
  }

  private CompletionStage<JsonNode> presenceStats(Params p) {
    return node.presenceStats(p.string("channel")).thenApply(results::presenceStats);
  }

  private CompletionStage<JsonNode> subscribe(Params p) {
    return node.subscribeUser(p.string("user"), p.string("channel")).thenCompose(v -> empty());
  }

  private CompletionStage<JsonNode> unsubscribe(Params p) {
    return node.unsubscribeUser(p.string("user"), p.string("channel")).thenCompose(v -> empty());
  }

  private CompletionStage<JsonNode> disconnect(Params p) {
    String user = p.string("user");
    String client = p.optionalString("client");
    Integer code = p.optionalInt("code");
    String reason = p.optionalString("reason");
    Disconnect d = Disconnect.FORCE_NO_RECONNECT;
    if (code != null) {
      if (code < 3000 || code > 4999) {
        throw ApiException.invalidParams("code must be within 3000-4999");
      }
      d = new Disconnect(code, reason == null ? "disconnect" : reason);
    } else if (reason != null) {
      d = new Disconnect(d.code(), reason);
    }
    if (d.reason().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
      throw ApiException.invalidParams("reason must be at most 123 bytes");
    }
    return node.disconnectUser(user, client, d).thenCompose(v -> empty());
  }

  private CompletionStage<JsonNode> channels(Params p) {
    String pattern = p.optionalString("pattern");
    if (pattern != null && pattern.length() > ChannelPattern.MAX_LENGTH) {
      throw ApiException.invalidParams(
          "pattern must be at most " + ChannelPattern.MAX_LENGTH + " characters");
    }
    ChannelPattern glob = pattern == null ? null : ChannelPattern.of(pattern);
    ObjectNode result = mapper.createObjectNode();
    ObjectNode channels = result.putObject("channels");
    new TreeMap<>(node.channels()).forEach((name, count) -> {
      if (glob == null || glob.matches(name)) {
        channels.putObject(name).put("numClients", count);
      }
    });
    return CompletableFuture.completedFuture(result);
  }

  private CompletionStage<JsonNode> info(Params p) {
    ObjectNode result = mapper.createObjectNode();
    ArrayNode nodes = result.putArray("nodes");
    for (NodeInfo info : node.nodes()) {
      nodes.addObject()
          .put("uid", info.uid())
          .put("name", info.name())
          .put("version", info.version())
          .put("numClients", info.numClients())
          .put("numUsers", info.numUsers())
          .put("numChannels", info.numChannels())
          .put("uptime", info.uptimeSeconds());
    }
    Health engine = node.engineHealth();
    result.putObject("engine").put("up", engine.up()).put("detail", engine.detail());
    return CompletableFuture.completedFuture(result);
  }

  private CompletionStage<JsonNode> batch(Params p) {
    JsonNode commands = p.required("commands");
    if (!commands.isArray()) {
      throw ApiException.invalidParams("commands must be an array");
    }
    if (commands.size() > MAX_BATCH) {
      throw ApiException.invalidParams("commands has more than " + MAX_BATCH + " entries");
    }
    List<CompletableFuture<JsonNode>> each = new ArrayList<>();
    for (JsonNode command : commands) {
      each.add(settle(() -> batchElement(command)));
    }
    return collect("replies", each);
  }

  private CompletionStage<JsonNode> batchElement(JsonNode command) {
    JsonNode method = command.get("method");
    if (!command.isObject() || method == null || !method.isTextual()) {
      throw ApiException.invalidParams("each command needs a string method");
    }
    if (method.textValue().equals("batch")) {
      throw ApiException.invalidParams("batch cannot be nested");
    }
    JsonNode params = command.get("params");
    if (params != null && !params.isObject()) {
      throw ApiException.invalidParams("params must be an object");
    }
    return call(method.textValue(), new Params(params == null ? mapper.createObjectNode() : params));
  }

  /** Runs {@code call} and turns its failure into an {@code {"error"}} element. */
  private CompletableFuture<JsonNode> settle(java.util.function.Supplier<CompletionStage<JsonNode>> call) {
    CompletionStage<JsonNode> stage;
    try {
      stage = call.get();
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    return stage.toCompletableFuture().handle((result, error) -> {
      if (error == null) {
        ObjectNode ok = mapper.createObjectNode();
        ok.set("result", result);
        return ok;
      }
      Throwable cause = Completions.cause(error);
      RpcError rpc = cause instanceof RpcException r ? r.error()
          : cause instanceof ApiException a ? a.error() : RpcError.INTERNAL;
      ObjectNode failed = mapper.createObjectNode();
      failed.putObject("error").put("code", rpc.code()).put("message", rpc.message());
      return failed;
    });
  }

  private CompletionStage<JsonNode> collect(String field, List<CompletableFuture<JsonNode>> each) {
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(v -> {
      ObjectNode result = mapper.createObjectNode();
      ArrayNode list = result.putArray(field);
      each.forEach(f -> list.add(f.join()));
      return result;
    });
  }

  private byte[] raw(JsonNode data) {
    try {
      return mapper.writeValueAsBytes(data);
    } catch (JacksonException e) {
      throw ApiException.invalidParams("data cannot be encoded");
    }
  }

  private CompletionStage<JsonNode> empty() {
    return CompletableFuture.completedFuture(mapper.createObjectNode());
  }
}
