package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.HeraldConfig;
import io.herald.config.NamespaceConfig;
import io.herald.config.WebhookEndpoint;
import io.herald.server.HeraldServer;
import io.herald.webhooks.WebhookReceiver;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end: clients on real sockets, nodes on the memory engine or on Redis, and a
 * real HTTP receiver that verifies every signature with its own HMAC code.
 */
class WebhooksSocketTest extends SocketTestBase {

  static final String SECRET = "webhook-it-secret-0123456789";

  /** How long the receiver is down in the outage test; {@code -Dherald.webhookOutage=30s}. */
  private static final Duration OUTAGE = Duration.ofSeconds(Long.parseLong(
      System.getProperty("herald.webhookOutage", "6s").replace("s", "")));

  static final NamespaceConfig ROOM = NamespaceConfig.defaults("room")
      .with("allowSubscribeForClient", true)
      .with("allowPublishForClient", true)
      .with("presence", true);

  private final RedisTestEngine redis = new RedisTestEngine();
  private WebhookReceiver receiver;

  @BeforeEach
  void receiver() throws Exception {
    receiver = new WebhookReceiver(SECRET);
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
    redis.deleteKeys();
  }

  private HeraldConfig config(boolean onRedis, Duration grace, String... events) {
    TestConfig t = TestConfig.create().namespace(ROOM);
    if (onRedis) {
      t.engine(redis.config());
    }
    WebhookEndpoint e = WebhookEndpoint.defaults().with("url", receiver.url())
        .with("secret", SECRET).with("batchMaxDelay", Duration.ofMillis(20))
        .with("timeout", Duration.ofSeconds(1));
    if (events.length > 0) {
      e = e.with("events", List.of(events));
    }
    return t.build().with("webhooks", List.of(e)).with("webhookOfflineGrace", grace);
  }

  private List<String> seen() {
    return receiver.events().stream().map(WebhooksSocketTest::describe).toList();
  }

  static String describe(JsonNode e) {
    String type = e.get("type").asText();
    String subject = e.has("channel") ? e.get("channel").asText() : e.get("user").asText();
    return type + " " + subject + (type.startsWith("presence.") ? " " + e.get("user").asText()
        : "");
  }

  @Test
  void everyEventOfOneNodeArrivesSigned() throws Exception {
    HeraldServer server = start(config(false, Duration.ofMillis(300),
        WebhookEndpoint.EVENT_TYPES.toArray(String[]::new)));
    WsClient ann = ws(server);
    ann.ok("connect", WsClient.json("token",
        tokens.connectionToken("ann", null, "{\"name\":\"Ann\"}", null)));
    ann.ok("subscribe", WsClient.json("channel", "room:1"));
    ann.ok("publish", "{\"channel\":\"room:1\",\"data\":{\"text\":\"hi\"}}");
    ann.ok("unsubscribe", WsClient.json("channel", "room:1"));
    ann.close();
    await().atMost(Duration.ofSeconds(15)).until(() -> receiver.events().size() >= 7);
    Thread.sleep(500);
    // in order per channel and per user; the two keys are not ordered with each other
    assertThat(seen()).hasSize(7);
    assertThat(seen()).filteredOn(e -> e.contains("room:1")).containsExactly(
        "channel.occupied room:1", "presence.join room:1 ann", "client.publish room:1",
        "channel.vacated room:1", "presence.leave room:1 ann");
    assertThat(seen()).filteredOn(e -> e.startsWith("user.")).containsExactly(
        "user.online ann", "user.offline ann");
    JsonNode join = receiver.events("presence.join").get(0);
    assertThat(join.get("info").get("name").asText()).isEqualTo("Ann");
    assertThat(join.get("client").asText()).isNotEmpty();
    assertThat(receiver.events("client.publish").get(0).get("data").get("text").asText())
        .isEqualTo("hi");
    assertThat(receiver.badSignatures()).isZero();
  }

  @Test
  void metricsAndTheAdminStatsShowEachReceiversQueue() throws Exception {
    receiver.answer(500);
    String password = "admin-password-0123";
    HeraldServer server = start(config(false, Duration.ofSeconds(5)).withOperations(
        new io.herald.config.InternalConfig(io.herald.config.InternalConfig.OFF, null),
        new io.herald.config.AdminConfig(password, Duration.ofHours(1), 5, Duration.ofMinutes(1)),
        io.herald.config.ShutdownConfig.defaults()));
    subscriber(server, "ann", "room:1", "room:2");
    await().atMost(Duration.ofSeconds(10)).until(() -> Scrape.of(http, server.port())
        .get("herald_webhook_retries_total{webhook=\"webhook0\"}") >= 1);
    Scrape failing = Scrape.of(http, server.port());
    assertThat(failing.get("herald_webhook_requests_total{result=\"failed\",webhook=\"webhook0\"}"))
        .isGreaterThanOrEqualTo(2);
    assertThat(failing.get("herald_webhook_queue_depth{webhook=\"webhook0\"}")).isEqualTo(5);
    assertThat(failing.get("herald_webhook_oldest_pending_seconds{webhook=\"webhook0\"}"))
        .isGreaterThan(0);
    var login = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            "http://127.0.0.1:" + server.port() + "/admin/login"))
        .header("X-Herald-Admin", "1")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"password\":\"" + password + "\"}")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    String cookie = login.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
    JsonNode stats = WsClient.JSON.readTree(http.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + server.port() + "/admin/stats"))
        .header("Cookie", cookie).header("X-Herald-Admin", "1").build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body());
    JsonNode hook = stats.path("webhooks").path(0);
    assertThat(hook.path("id").asText()).isEqualTo("webhook0");
    assertThat(hook.path("url").asText()).isEqualTo(receiver.url());
    assertThat(hook.path("depth").asInt()).isEqualTo(5);
    assertThat(hook.path("failed").asInt()).isPositive();
    receiver.answer(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> Scrape.of(http, server.port())
        .get("herald_webhook_events_delivered_total{webhook=\"webhook0\"}") == 5);
    Scrape after = Scrape.of(http, server.port());
    assertThat(after.get("herald_webhook_queue_depth{webhook=\"webhook0\"}")).isZero();
    assertThat(after.get("herald_webhook_oldest_pending_seconds{webhook=\"webhook0\"}")).isZero();
  }

  @Test
  void aRedisOutageLosesWhatHappenedMeanwhileButNothingElseAndDeliveryResumes() throws Exception {
    try (io.herald.engine.redis.RedisProcess own = io.herald.engine.redis.RedisProcess.start()) {
      HeraldConfig c = config(true, Duration.ofMillis(200));
      c = c.with("engine", new io.herald.config.EngineConfig(io.herald.config.EngineConfig.REDIS,
          io.herald.engine.redis.RedisTests.config(own.address(), "outage")));
      HeraldServer server = start(c);
      subscriber(server, "before", "room:1");
      await().atMost(Duration.ofSeconds(15)).until(() -> seen().contains("user.online before"));
      own.stop();
      WsClient during = connected(server, "during");
      Thread.sleep(1000);
      own.restart();
      // Redis came back empty: the node registers its users and channels again
      await().atMost(Duration.ofSeconds(30)).until(() -> seen().stream()
          .filter("user.online before"::equals).count() == 2);
      subscriber(server, "after", "room:2");
      await().atMost(Duration.ofSeconds(30)).until(() -> seen().containsAll(List.of(
          "user.online after", "channel.occupied room:2")));
      during.close();
      assertThat(receiver.badSignatures()).isZero();
    }
  }

  @Test
  void aUserWithADeviceOnEachOfTwoNodesGoesOfflineAfterBothLeftAndTheGrace() throws Exception {
    Duration grace = Duration.ofSeconds(2);
    HeraldServer a = start(config(true, grace));
    HeraldServer b = start(config(true, grace));
    WsClient phone = subscriber(a, "ann", "room:1");
    WsClient laptop = subscriber(b, "ann", "room:1");
    await().atMost(Duration.ofSeconds(15)).until(() -> seen().containsAll(List.of(
        "user.online ann", "channel.occupied room:1")));
    phone.close();
    Thread.sleep(grace.toMillis() + 2000);
    assertThat(seen()).doesNotContain("user.offline ann", "channel.vacated room:1");
    // a reload within the grace: the laptop goes and comes back on the other node
    laptop.close();
    Thread.sleep(grace.toMillis() / 4);
    WsClient again = subscriber(a, "ann", "room:1");
    Thread.sleep(grace.toMillis() + 2000);
    assertThat(seen()).filteredOn(s -> s.startsWith("user.")).containsExactly("user.online ann");
    long started = System.nanoTime();
    again.close();
    await().atMost(Duration.ofSeconds(20)).until(() -> seen().contains("user.offline ann"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).isGreaterThanOrEqualTo(grace);
    Thread.sleep(1000);
    List<String> users = seen().stream().filter(s -> s.startsWith("user.")).toList();
    assertThat(users).containsExactly("user.online ann", "user.offline ann");
    List<String> channel = seen().stream().filter(s -> s.startsWith("channel.")).toList();
    assertThat(channel).containsExactly("channel.occupied room:1", "channel.vacated room:1",
        "channel.occupied room:1", "channel.vacated room:1");
    assertThat(receiver.badSignatures()).isZero();
  }

  @Test
  void aReceiverDownForAWhileGetsEveryEventInOrderOnceItIsBack() throws Exception {
    receiver.answer(503);
    HeraldServer a = start(config(true, Duration.ofMillis(200)));
    HeraldServer b = start(config(true, Duration.ofMillis(200)));
    long outageEnds = System.nanoTime() + OUTAGE.toNanos();
    int rounds = 0;
    while (System.nanoTime() < outageEnds || rounds < 5) {
      for (int u = 0; u < 4; u++) {
        WsClient c = subscriber(u % 2 == 0 ? a : b, "user" + rounds + "-" + u, "room:" + u);
        c.close();
      }
      rounds++;
      Thread.sleep(300);
    }
    // The receiver comes back, but answers after Herald's timeout for a while: it processes
    // batches that Herald sends again, and the ids let it drop the repeats.
    receiver.delay(1500);
    receiver.answer(200);
    Thread.sleep(4000);
    receiver.delay(0);
    int expected = rounds * 4 * 6;
    await().atMost(Duration.ofSeconds(60)).until(() -> receiver.events().size() >= expected);
    Thread.sleep(1500);
    List<JsonNode> events = receiver.events();
    assertThat(events).hasSize(expected);
    Set<String> ids = new HashSet<>();
    events.forEach(e -> assertThat(ids.add(e.get("id").asText())).isTrue());
    assertThat(receiver.repeats()).as("repeats dropped by id").isPositive();
    org.slf4j.LoggerFactory.getLogger(WebhooksSocketTest.class).warn(
        "receiver down {}s: {} events arrived, in order per key; {} repeats dropped by id",
        OUTAGE.toSeconds(), events.size(), receiver.repeats());
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (JsonNode e : events) {
      String key = e.has("channel") ? e.get("channel").asText() : "user " + e.get("user").asText();
      String type = e.get("type").asText();
      if (!type.startsWith("presence.")) {
        byKey.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(type);
      }
    }
    assertThat(byKey).hasSize(4 + rounds * 4);
    for (Map.Entry<String, List<String>> key : byKey.entrySet()) {
      List<String> types = key.getValue();
      assertThat(types).as(key.getKey()).hasSize(key.getKey().startsWith("user ") ? 2 : rounds * 2);
      for (int i = 0; i < types.size(); i++) {
        assertThat(types.get(i)).as(key.getKey() + " event " + i)
            .isIn(i % 2 == 0 ? List.of("channel.occupied", "user.online")
                : List.of("channel.vacated", "user.offline"));
      }
    }
    Map<String, Long> perType = events.stream().collect(Collectors.groupingBy(
        e -> e.get("type").asText(), Collectors.counting()));
    assertThat(perType).containsEntry("presence.join", (long) rounds * 4);
    assertThat(receiver.badSignatures()).isZero();
  }
}
