package io.herald.pusher;

import io.herald.util.Completions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.config.PusherApp;
import io.herald.engine.ClientInfo;
import io.herald.node.protocol.Disconnect;
import io.herald.node.Node;
import io.herald.node.protocol.RpcException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pusher's HTTP API, {@code /apps/<id>/...}: triggering events, querying channels and users,
 * terminating a user's connections. Every request is signed ({@link RequestSignature}); a
 * request that is refused (unknown app 404, bad or stale signature 401, disabled app 403,
 * malformed 400, data too large 413) publishes nothing. Served through the node's facade, so it
 * reaches every node of a cluster. Thread-safe; no method blocks.
 */
public final class PusherApi {

  /** The disconnect a terminated user's connections get. */
  public static final Disconnect TERMINATED = new Disconnect(4009, "You got disconnected by the app");

  /** Path prefix of the API. */
  public static final String PREFIX = "/apps/";

  private static final Logger log = LoggerFactory.getLogger(PusherApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Node node;
  private final PusherApps.Live apps;
  private final Clock clock;
  private final PusherQueries queries;

  public PusherApi(Node node, PusherApps.Live apps, Clock clock) {
    this.node = node;
    this.apps = apps;
    this.clock = clock;
    this.queries = new PusherQueries(node);
  }

  /**
   * Answers one request.
   *
   * @param method HTTP method
   * @param path the request path, starting with {@link #PREFIX}
   * @param rawQuery the query without {@code ?}, still URL-encoded; null or empty for none
   * @param body the body; empty for none
   * @return the answer; never fails
   */
  public CompletionStage<ApiReply> handle(String method, String path, String rawQuery,
      byte[] body) {
    try {
      return route(method, path, rawQuery, body).exceptionally(PusherApi::failed);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(failed(e));
    }
  }

  private CompletionStage<ApiReply> route(String method, String path, String rawQuery,
      byte[] body) {
    String[] parts = path.substring(PREFIX.length()).split("/", -1);
    PusherApp app = apps.get().byId(parts[0]);
    if (app == null) {
      return done(ApiReply.error(404, "Unknown app: no app with id '" + parts[0] + "'"));
    }
    Map<String, String> query = RequestSignature.parseQuery(rawQuery);
    RequestSignature.Refusal refusal = RequestSignature.check(
        app, method, path, query, body, clock.millis() / 1000);
    if (refusal != null) {
      return done(ApiReply.error(refusal.status(), refusal.message()));
    }
    if (!app.enabled()) {
      return done(ApiReply.error(403, "App is disabled"));
    }
    String what = parts.length > 1 ? parts[1] : "";
    boolean post = method.equals("POST");
    boolean get = method.equals("GET");
    if (parts.length == 2 && what.equals("events") && post) {
      return events(app, json(body));
    }
    if (parts.length == 2 && what.equals("batch_events") && post) {
      return batch(app, json(body));
    }
    if (parts.length == 2 && what.equals("channels") && get) {
      return queries.channels(app, query.get("filter_by_prefix"), query.get("info"));
    }
    if (parts.length == 3 && what.equals("channels") && get) {
      return queries.channel(app, channel(parts[2]), query.get("info"));
    }
    if (parts.length == 4 && what.equals("channels") && parts[3].equals("users") && get) {
      return queries.users(app, channel(parts[2]));
    }
    if (parts.length == 4 && what.equals("users") && parts[3].equals("terminate_connections")
        && post && !parts[2].isEmpty()) {
      String user = java.net.URLDecoder.decode(parts[2], java.nio.charset.StandardCharsets.UTF_8);
      return node.disconnectUser(PusherApps.heraldUser(app.id(), user), null, TERMINATED)
          .thenApply(v -> ApiReply.ok("{}"));
    }
    return done(ApiReply.error(404, "Not found: " + method + " " + path));
  }

  private CompletionStage<ApiReply> events(PusherApp app, JsonNode body) {
    Triggers.Trigger t = Triggers.event(body, app);
    return publish(app, List.of(t)).thenCompose(v -> t.info().isEmpty()
        ? done(ApiReply.ok("{}"))
        : queries.infoOf(app, t.channels(), t.info()).thenApply(channels -> {
          ObjectNode out = JSON.createObjectNode();
          out.set("channels", channels);
          return ApiReply.ok(out.toString());
        }));
  }

  private CompletionStage<ApiReply> batch(PusherApp app, JsonNode body) {
    List<Triggers.Trigger> triggers = Triggers.batch(body, app);
    return publish(app, triggers).thenCompose(v -> {
      if (triggers.stream().allMatch(t -> t.info().isEmpty())) {
        return done(ApiReply.ok("{}"));
      }
      List<CompletableFuture<JsonNode>> infos = new ArrayList<>();
      for (Triggers.Trigger t : triggers) {
        infos.add(queries.infoOf(app, t.channels(), t.info())
            .thenApply(c -> c.path(t.channels().get(0).name())).toCompletableFuture());
      }
      return CompletableFuture.allOf(infos.toArray(CompletableFuture[]::new)).thenApply(x -> {
        ObjectNode out = JSON.createObjectNode();
        infos.forEach(f -> out.withArray("batch").add(f.join().isMissingNode()
            ? JSON.createObjectNode() : f.join()));
        return ApiReply.ok(out.toString());
      });
    });
  }

  private CompletionStage<Void> publish(PusherApp app, List<Triggers.Trigger> triggers) {
    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (Triggers.Trigger t : triggers) {
      byte[] data = EventData.toHerald(t.data());
      ClientInfo from = t.socketId() == null ? null : new ClientInfo("", t.socketId(), null, null);
      for (PusherChannel c : t.channels()) {
        sent.add(node.publish(c.herald(app.id()), data, null, t.name(), from)
            .toCompletableFuture());
      }
    }
    return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
  }

  private static PusherChannel channel(String raw) {
    String name = java.net.URLDecoder.decode(raw, java.nio.charset.StandardCharsets.UTF_8);
    PusherChannel c = PusherChannel.parse(name);
    if (c == null) {
      throw Triggers.bad("Invalid channel name: '" + name + "'");
    }
    return c;
  }

  private static JsonNode json(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw Triggers.bad("Invalid JSON: the body is empty");
      }
      return node;
    } catch (IOException e) {
      throw Triggers.bad("Invalid JSON: the body is not JSON");
    }
  }

  private static ApiReply failed(Throwable error) {
    Throwable e = Completions.cause(error);
    if (e instanceof Triggers.Refused r) {
      return ApiReply.error(r.status, r.getMessage());
    }
    if (e instanceof RpcException r) {
      return ApiReply.error(r.error().code() == 108 ? 503 : 400, r.error().message());
    }
    log.warn("Pusher API request failed", e);
    return ApiReply.error(500, "Internal server error");
  }

  private static CompletionStage<ApiReply> done(ApiReply reply) {
    return CompletableFuture.completedFuture(reply);
  }
}
