package io.herald.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.herald.config.IngestSource;
import io.herald.transport.HttpHandler;
import io.herald.transport.HttpReply;
import io.herald.transport.HttpRoutes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Dapr pub/sub delivered over Herald's HTTP port, transport independent: {@code GET
 * /dapr/subscribe} lists every {@code dapr} source as Dapr's programmatic subscription ({@code
 * pubsubname}, {@code topic}, {@code route}); each route takes a CloudEvent 1.0 ({@code
 * application/cloudevents+json}, the message in {@code data}, or in {@code data_base64}; a body
 * without {@code specversion} is taken as the raw message) and answers HTTP 200 with Dapr's {@code
 * {"status": "SUCCESS" | "RETRY" | "DROP"}}: SUCCESS when Herald accepted the command, DROP for a
 * bad message, RETRY when Herald could not carry it out (Dapr then redelivers per its resiliency
 * policy). Every request must carry {@code ingest.daprToken} in {@code dapr-api-token} (else
 * 401): the routes run server commands, so they are never open to an unauthenticated caller.
 * Configuration validation requires the token whenever a {@code dapr} source is configured; an
 * endpoint built without one (a config that skipped validation) refuses every request.
 * Thread-safe; never blocks.
 */
public final class DaprEndpoint {

  /** Where Dapr asks for the subscriptions. */
  public static final String SUBSCRIBE_PATH = "/dapr/subscribe";

  private final Map<String, Ingestor> routes = new LinkedHashMap<>();
  private final Map<String, IngestSource.DaprSource> sources = new LinkedHashMap<>();
  private final ObjectMapper mapper;
  private final byte[] token;
  private final byte[] subscriptions;

  DaprEndpoint(ObjectMapper mapper, String token) {
    this.mapper = mapper;
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    this.subscriptions = null;
  }

  private DaprEndpoint(DaprEndpoint base, byte[] subscriptions) {
    this.mapper = base.mapper;
    this.token = base.token;
    this.routes.putAll(base.routes);
    this.sources.putAll(base.sources);
    this.subscriptions = subscriptions;
  }

  /** The route of {@code source}: its {@code route}, or {@code /dapr/ingest/<name>}. */
  static String route(IngestSource source) {
    return source.dapr().route() == null ? "/dapr/ingest/" + source.name() : source.dapr().route();
  }

  void add(IngestSource source, Ingestor ingestor) {
    routes.put(route(source), ingestor);
    sources.put(route(source), source.dapr());
  }

  /** This endpoint with its routes fixed and the subscription list built. */
  DaprEndpoint build() {
    ArrayNode list = mapper.createArrayNode();
    sources.forEach((route, d) -> list.addObject()
        .put("pubsubname", d.pubsubName()).put("topic", d.topic()).put("route", route));
    try {
      return new DaprEndpoint(this, mapper.writeValueAsBytes(list));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Mounts {@code /dapr/subscribe} and every route on {@code routes}; a body over {@code
   * maxBodySize} ({@code api.maxBodySize}) gets 413, a failure Dapr's RETRY.
   */
  public void mount(HttpRoutes httpRoutes, int maxBodySize) {
    HttpReply retry = HttpReply.json(200, "{\"status\":\"RETRY\"}");
    HttpHandler handler = x -> {
      if (x.bodySize() > maxBodySize) {
        x.respond(HttpReply.text(413, "request body larger than api.maxBodySize\n"));
        return;
      }
      x.reply(handle(x.method(), x.path(), x.header("dapr-api-token"), x.body())
          .thenApply(r -> HttpReply.json(r.status(), r.body())), retry);
    };
    httpRoutes.exact(SUBSCRIBE_PATH, handler);
    routes.keySet().stream().filter(path -> !path.equals(SUBSCRIBE_PATH))
        .forEach(path -> httpRoutes.exact(path, handler));
  }

  /** True when {@code path} is {@code /dapr/subscribe} or a route. */
  public boolean handles(String path) {
    return path.equals(SUBSCRIBE_PATH) || routes.containsKey(path);
  }

  /**
   * Answers one request to a path {@link #handles} accepts.
   *
   * @param method HTTP method
   * @param providedToken the {@code dapr-api-token} header, or null
   */
  public CompletionStage<DaprReply> handle(
      String method, String path, String providedToken, byte[] body) {
    if (token == null || providedToken == null
        || !MessageDigest.isEqual(token, providedToken.getBytes(StandardCharsets.UTF_8))) {
      return done(DaprReply.json(401, "{\"error\":\"missing or wrong dapr-api-token\"}"));
    }
    if (path.equals(SUBSCRIBE_PATH)) {
      return done(method.equals("GET") ? new DaprReply(200, subscriptions)
          : DaprReply.json(405, "{\"error\":\"use GET\"}"));
    }
    if (!method.equals("POST")) {
      return done(DaprReply.json(405, "{\"error\":\"use POST\"}"));
    }
    Ingestor ingestor = routes.get(path);
    JsonNode event;
    try {
      event = mapper.readTree(body);
    } catch (IOException e) {
      event = null;
    }
    IngestSource.DaprSource source = sources.get(path);
    String position = "pubsub " + source.pubsubName() + " topic " + source.topic();
    if (event == null || !event.isObject()) {
      return ingestor.once(body, position).thenApply(DaprEndpoint::reply);
    }
    if (!event.has("specversion")) {
      return ingestor.once(event, position).thenApply(DaprEndpoint::reply);
    }
    position += " id " + event.path("id").asText("?");
    JsonNode data = event.get("data");
    if (data == null && event.hasNonNull("data_base64")) {
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(event.get("data_base64").asText());
      } catch (IllegalArgumentException e) {
        raw = new byte[0];
      }
      return ingestor.once(raw, position).thenApply(DaprEndpoint::reply);
    }
    if (data != null && data.isTextual()) {
      return ingestor.once(data.textValue().getBytes(StandardCharsets.UTF_8), position)
          .thenApply(DaprEndpoint::reply);
    }
    return ingestor.once(data, position).thenApply(DaprEndpoint::reply);
  }

  private static DaprReply reply(Outcome outcome) {
    String status = switch (outcome) {
      case ACCEPTED -> "SUCCESS";
      case REJECTED -> "DROP";
      case FAILED -> "RETRY";
    };
    return DaprReply.json(200, "{\"status\":\"" + status + "\"}");
  }

  private static CompletionStage<DaprReply> done(DaprReply reply) {
    return CompletableFuture.completedFuture(reply);
  }
}
