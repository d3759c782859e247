package io.herald.pusher;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.auth.TokenVerifier;
import io.herald.config.HeraldConfig;
import io.herald.config.PusherApp;
import io.herald.config.PusherConfig;
import io.herald.engine.Broker;
import io.herald.engine.ClientInfo;
import io.herald.engine.ControlMessage;
import io.herald.engine.Engine;
import io.herald.engine.ForwardingBroker;
import io.herald.engine.Publication;
import io.herald.engine.PublishOptions;
import io.herald.engine.StreamPosition;
import io.herald.engine.memory.MemoryEngine;
import io.herald.node.Node;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Pusher HTTP API against a real node on the memory engine: requests signed as Pusher's SDKs
 * sign them, and every refusal publishing nothing.
 */
class PusherApiTest {

  static final String SECRET = "7ad3773142a6692b25b8";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  static final long NOW = CLOCK.millis() / 1000;

  record Published(String channel, Publication publication) {}

  final List<Published> published = new CopyOnWriteArrayList<>();
  final List<ControlMessage> controls = new CopyOnWriteArrayList<>();
  Engine engine;
  Node node;
  PusherApi api;
  PusherApps.Live live;
  PusherApp app = PusherApp.of("1001", "app-key", SECRET);

  @BeforeEach
  void start() {
    start(List.of(app, PusherApp.of("1002", "other-key", "another-secret-0123")
        .with("enabled", false)));
  }

  void start(List<PusherApp> apps) {
    Engine memory = MemoryEngine.create(CLOCK);
    Broker recording = new ForwardingBroker() {
      @Override
      protected Broker delegate() {
        return memory.broker();
      }

      @Override
      public CompletionStage<StreamPosition> publish(
          String channel, Publication publication, PublishOptions options) {
        published.add(new Published(channel, publication));
        return super.publish(channel, publication, options);
      }

      @Override
      public CompletionStage<Void> publishControl(ControlMessage message) {
        controls.add(message);
        return super.publishControl(message);
      }
    };
    engine = new Engine(recording, memory.history(), memory.presence(), memory.shared());
    HeraldConfig config = PusherNamespaces.addTo(
        HeraldConfig.defaults().with("pusher", new PusherConfig(apps)));
    node = new Node(config, TokenVerifier.create(config.token(), CLOCK), engine,
        io.herald.protocol.jsonrpc.JsonRpcProtocol.withDefaults(), CLOCK, "test");
    live = new PusherApps.Live(new PusherApps(config.pusher()));
    api = new PusherApi(node, live, CLOCK);
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  /** A query string signed as the Pusher server SDKs sign it. */
  static String signed(String method, String path, String body, Map<String, String> params,
      String key, String secret, long timestamp) {
    Map<String, String> q = new TreeMap<>(params);
    q.put("auth_key", key);
    q.put("auth_timestamp", Long.toString(timestamp));
    q.put("auth_version", "1.0");
    if (body != null) {
      q.put("body_md5", Signatures.md5(body.getBytes(StandardCharsets.UTF_8)));
    }
    String query = q.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("&"));
    String sig = Signatures.hmac(secret, method + "\n" + path + "\n" + query);
    return query + "&auth_signature=" + sig;
  }

  ApiReply call(String method, String path, String body, Map<String, String> params) {
    return call(method, path, body, signed(method, path, body, params, "app-key", SECRET, NOW));
  }

  ApiReply call(String method, String path, String body, String query) {
    try {
      return api.handle(method, path, query,
              body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8))
          .toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  ApiReply post(String path, String body) {
    return call("POST", path, body, Map.of());
  }

  @Test
  void triggerPublishesTheEventOnEveryChannelWithItsNameAndData() {
    ApiReply r = post("/apps/1001/events",
        "{\"name\":\"my-event\",\"data\":\"{\\\"message\\\":\\\"hi\\\"}\","
            + "\"channels\":[\"my-channel\",\"cache-prices\"]}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("{}");
    assertThat(published).extracting(Published::channel)
        .containsExactly("pusher.1001:my-channel", "pusher.1001.cache:cache-prices");
    Publication p = published.get(0).publication();
    assertThat(p.event()).isEqualTo("my-event");
    assertThat(new String(p.data(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"hi\"}");
    assertThat(p.info()).isNull();
  }

  @Test
  void aPlainStringStaysAStringAndSocketIdNamesTheConnectionToLeaveOut() {
    ApiReply r = post("/apps/1001/events",
        "{\"name\":\"e\",\"data\":\"hello\",\"channel\":\"c\",\"socket_id\":\"123.456\"}");
    assertThat(r.status()).isEqualTo(200);
    Publication p = published.get(0).publication();
    assertThat(new String(p.data(), StandardCharsets.UTF_8)).isEqualTo("\"hello\"");
    assertThat(p.info().client()).isEqualTo("123.456");
  }

  @Test
  void batchPublishesEveryEventAndAnswersInfoPerEvent() throws Exception {
    engine.presence().add("pusher.1001:presence-room",
        new ClientInfo("u1", "1.1", null, null), Duration.ofMinutes(1))
        .toCompletableFuture().get();
    ApiReply r = post("/apps/1001/batch_events", "{\"batch\":["
        + "{\"channel\":\"a\",\"name\":\"e1\",\"data\":\"1\"},"
        + "{\"channel\":\"presence-room\",\"name\":\"e2\",\"data\":\"2\","
        + "\"info\":\"user_count,subscription_count\"}]}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo(
        "{\"batch\":[{},{\"user_count\":1,\"subscription_count\":1}]}");
    assertThat(published).extracting(p -> p.publication().event()).containsExactly("e1", "e2");
  }

  @Test
  void triggerInfoAnswersCountsPerChannel() {
    ApiReply r = post("/apps/1001/events",
        "{\"name\":\"e\",\"data\":\"x\",\"channels\":[\"a\"],\"info\":\"subscription_count\"}");
    assertThat(r.text()).isEqualTo("{\"channels\":{\"a\":{\"subscription_count\":0}}}");
  }

  @Test
  void refusalsPublishNothing() {
    String body = "{\"name\":\"e\",\"data\":\"x\",\"channels\":[\"a\"]}";
    String path = "/apps/1001/events";
    // forged signature
    String forged = signed("POST", path, body, Map.of(), "app-key", "not-the-secret-at-all", NOW);
    assertThat(call("POST", path, body, forged).status()).isEqualTo(401);
    // stale timestamp
    ApiReply stale = call("POST", path, body,
        signed("POST", path, body, Map.of(), "app-key", SECRET, NOW - 601));
    assertThat(stale.status()).isEqualTo(401);
    assertThat(stale.text()).contains("Timestamp expired");
    // the key of another app
    assertThat(call("POST", path, body,
        signed("POST", path, body, Map.of(), "other-key", "another-secret-0123", NOW))
        .status()).isEqualTo(401);
    // a body that is not the one signed
    String tampered = signed("POST", path, body, Map.of(), "app-key", SECRET, NOW);
    ApiReply md5 = call("POST", path, body.replace("x", "y"), tampered);
    assertThat(md5.status()).isEqualTo(401);
    assertThat(md5.text()).contains("body_md5");
    // unknown app
    ApiReply unknown = post("/apps/9999/events", body);
    assertThat(unknown.status()).isEqualTo(404);
    // disabled app, signed with its own key
    assertThat(call("POST", "/apps/1002/events", body, signed("POST", "/apps/1002/events", body,
        Map.of(), "other-key", "another-secret-0123", NOW)).status()).isEqualTo(403);
    // no signature at all
    assertThat(call("POST", path, body, "").status()).isEqualTo(401);
    assertThat(published).isEmpty();
  }

  @Test
  void dataOverTheLimitIs413AndTooManyChannels400() {
    String big = "x".repeat(10_241);
    ApiReply r = post("/apps/1001/events",
        "{\"name\":\"e\",\"data\":\"" + big + "\",\"channels\":[\"a\"]}");
    assertThat(r.status()).isEqualTo(413);
    assertThat(post("/apps/1001/events",
        "{\"name\":\"e\",\"data\":\"" + "x".repeat(10_240) + "\",\"channels\":[\"a\"]}")
        .status()).isEqualTo(200);
    published.clear();
    String channels = java.util.stream.IntStream.range(0, 101).mapToObj(i -> "\"c" + i + "\"")
        .collect(Collectors.joining(","));
    ApiReply many = post("/apps/1001/events",
        "{\"name\":\"e\",\"data\":\"x\",\"channels\":[" + channels + "]}");
    assertThat(many.status()).isEqualTo(400);
    assertThat(many.text()).contains("Too many channels");
    assertThat(published).isEmpty();
  }

  @Test
  void aLowerLimitFromTheConfigHolds() {
    engine.close();
    app = app.with("maxEventDataSize", 10).with("maxChannelsPerTrigger", 2);
    start(List.of(app));
    assertThat(post("/apps/1001/events", "{\"name\":\"e\",\"data\":\"12345678901\",\"channel\":\"a\"}")
        .status()).isEqualTo(413);
    assertThat(post("/apps/1001/events", "{\"name\":\"e\",\"data\":\"1\",\"channels\":[\"a\",\"b\",\"c\"]}")
        .status()).isEqualTo(400);
    assertThat(published).isEmpty();
  }

  @Test
  void malformedRequestsAre400WithAClearMessage() {
    assertThat(post("/apps/1001/events", "not json").text()).contains("Invalid JSON");
    assertThat(post("/apps/1001/events", "{\"data\":\"x\",\"channel\":\"a\"}").text())
        .contains("Missing name");
    assertThat(post("/apps/1001/events", "{\"name\":\"e\",\"channel\":\"a\"}").text())
        .contains("Missing data");
    ApiReply badName = post("/apps/1001/events", "{\"name\":\"e\",\"data\":\"x\",\"channel\":\"a b\"}");
    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.text()).contains("Invalid channel name");
    assertThat(post("/apps/1001/events",
        "{\"name\":\"e\",\"data\":\"x\",\"channel\":\"a\",\"socket_id\":\"abc\"}").text())
        .contains("Invalid socket_id");
    String eleven = java.util.stream.IntStream.range(0, 11)
        .mapToObj(i -> "{\"channel\":\"a\",\"name\":\"e\",\"data\":\"x\"}")
        .collect(Collectors.joining(","));
    assertThat(post("/apps/1001/batch_events", "{\"batch\":[" + eleven + "]}").status())
        .isEqualTo(400);
    assertThat(published).isEmpty();
  }

  @Test
  void channelInfoAndUsersComeFromPresence() throws Exception {
    for (String[] m : new String[][] {{"u1", "1.1"}, {"u1", "1.2"}, {"u2", "2.1"}}) {
      engine.presence().add("pusher.1001:presence-room", new ClientInfo(m[0], m[1], null, null),
          Duration.ofMinutes(1)).toCompletableFuture().get();
    }
    ApiReply info = call("GET", "/apps/1001/channels/presence-room", null,
        Map.of("info", "user_count,subscription_count"));
    assertThat(info.text()).isEqualTo(
        "{\"occupied\":true,\"user_count\":2,\"subscription_count\":3}");
    ApiReply users = call("GET", "/apps/1001/channels/presence-room/users", null, Map.of());
    assertThat(users.text()).isEqualTo("{\"users\":[{\"id\":\"u1\"},{\"id\":\"u2\"}]}");
    assertThat(call("GET", "/apps/1001/channels/empty", null, Map.of()).text())
        .isEqualTo("{\"occupied\":false}");
    assertThat(call("GET", "/apps/1001/channels/public/users", null, Map.of()).status())
        .isEqualTo(400);
    assertThat(call("GET", "/apps/1001/channels/public", null, Map.of("info", "user_count"))
        .status()).isEqualTo(400);
    assertThat(call("GET", "/apps/1001/channels", null, Map.of()).text())
        .isEqualTo("{\"channels\":{}}");
    assertThat(call("GET", "/apps/1001/channels", null, Map.of("info", "user_count")).status())
        .isEqualTo(400);
  }

  @Test
  void terminateDisconnectsTheUserOfThisAppOnEveryNode() {
    ApiReply r = post("/apps/1001/users/42/terminate_connections", "{}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(controls).singleElement().isInstanceOfSatisfying(ControlMessage.Disconnect.class,
        d -> {
          assertThat(d.user()).isEqualTo("pusher.1001:42");
          assertThat(d.code()).isEqualTo(4009);
        });
  }

  @Test
  void aReloadedSecretHoldsForTheNextRequest() {
    String body = "{\"name\":\"e\",\"data\":\"x\",\"channel\":\"a\"}";
    String rotated = "rotated-secret-0123456789";
    live.reload(new PusherConfig(List.of(app.with("secret", rotated))));
    String path = "/apps/1001/events";
    assertThat(post(path, body).status()).isEqualTo(401);
    assertThat(call("POST", path, body,
        signed("POST", path, body, Map.of(), "app-key", rotated, NOW)).status()).isEqualTo(200);
    assertThat(post("/apps/1002/events", body).status()).isEqualTo(404);
  }

  @Test
  void unknownPathsAre404() {
    assertThat(call("GET", "/apps/1001/nothing", null, Map.of()).status()).isEqualTo(404);
    assertThat(call("GET", "/apps/1001/events", null, Map.of()).status()).isEqualTo(404);
  }
}
