package io.herald.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.WebhookEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delivery from the in-process outbox to a real HTTP receiver. */
class MemoryDeliveryTest {

  private static final String SECRET = "test-secret-0123456789";

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private WebhookReceiver receiver;
  private Webhooks webhooks;

  @AfterEach
  void stop() {
    if (webhooks != null) {
      webhooks.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    timer.shutdownNow();
  }

  private Webhooks start(WebhookEndpoint endpoint, Duration grace) throws Exception {
    WebhookTarget target = WebhookTarget.of(0, endpoint);
    WebhookMetrics metrics = new WebhookMetrics(null);
    MemoryOutbox outbox = new MemoryOutbox(List.of(target), metrics, Clock.systemUTC());
    webhooks = new Webhooks(List.of(target), outbox,
        o -> new LocalOccupancy(o, Clock.systemUTC(), grace, timer), metrics, Clock.systemUTC());
    webhooks.start();
    return webhooks;
  }

  private WebhookEndpoint endpoint() throws Exception {
    receiver = new WebhookReceiver(SECRET);
    return WebhookEndpoint.defaults().with("url", receiver.url()).with("secret", SECRET)
        .with("events", WebhookEndpoint.EVENT_TYPES).with("batchMaxDelay", Duration.ofMillis(20));
  }

  @Test
  void signedBatchesInOrderPerChannel() throws Exception {
    Webhooks w = start(endpoint(), Duration.ofSeconds(5));
    for (int i = 0; i < 50; i++) {
      w.channelOccupiedHere("chat:" + (i % 5));
      w.channelVacatedHere("chat:" + (i % 5));
      w.presence(true, "chat:x", "u" + i, "c" + i, "{\"n\":1}".getBytes());
    }
    w.clientPublished("chat:x", "u1", "c1", "{\"text\":\"hi\"}".getBytes());
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.events().size() == 151);
    assertThat(receiver.badSignatures()).isZero();
    Map<String, List<String>> byChannel = receiver.events().stream()
        .filter(e -> e.get("type").asText().startsWith("channel."))
        .collect(Collectors.groupingBy(e -> e.get("channel").asText(),
            Collectors.mapping(e -> e.get("type").asText(), Collectors.toList())));
    assertThat(byChannel).hasSize(5);
    byChannel.values().forEach(types -> {
      assertThat(types).hasSize(20);
      for (int i = 0; i < types.size(); i++) {
        assertThat(types.get(i)).isEqualTo(i % 2 == 0 ? "channel.occupied" : "channel.vacated");
      }
    });
    List<JsonNode> joins = receiver.events("presence.join");
    for (int i = 0; i < joins.size(); i++) {
      assertThat(joins.get(i).get("user").asText()).isEqualTo("u" + i);
      assertThat(joins.get(i).get("info").get("n").asInt()).isEqualTo(1);
    }
    JsonNode publish = receiver.events("client.publish").get(0);
    assertThat(publish.get("data").get("text").asText()).isEqualTo("hi");
    assertThat(publish.get("id").asText()).hasSize(36);
    assertThat(publish.get("time").asLong()).isCloseTo(System.currentTimeMillis(),
        org.assertj.core.data.Offset.offset(60_000L));
  }

  @Test
  void failedBatchesAreRetriedInOrderUntilAccepted() throws Exception {
    WebhookEndpoint e = endpoint();
    receiver.answer(500);
    Webhooks w = start(e, Duration.ofSeconds(5));
    for (int i = 0; i < 20; i++) {
      w.presence(i % 2 == 0, "chat:one", "u", "c" + i, null);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests() >= 3);
    receiver.answer(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.events().size() == 20);
    List<JsonNode> got = receiver.events();
    for (int i = 0; i < 20; i++) {
      assertThat(got.get(i).get("client").asText()).isEqualTo("c" + i);
    }
    WebhookMetrics.Totals t = w.metrics().totals("webhook0");
    assertThat(t.failed()).isGreaterThanOrEqualTo(2);
    assertThat(t.retries()).isGreaterThanOrEqualTo(2);
    assertThat(t.delivered()).isEqualTo(20);
    await().until(() -> w.queues().get(0).depth() == 0);
  }

  @Test
  void eventsOlderThanMaxAgeAreDroppedAndCounted() throws Exception {
    WebhookEndpoint e = endpoint().with("maxAge", Duration.ofSeconds(1));
    receiver.answer(503);
    Webhooks w = start(e, Duration.ofSeconds(5));
    w.channelOccupiedHere("a");
    await().atMost(Duration.ofSeconds(15))
        .until(() -> w.metrics().totals("webhook0").dropped() == 1);
    assertThat(w.queues().get(0).depth()).isZero();
    receiver.answer(200);
    w.channelVacatedHere("a");
    await().atMost(Duration.ofSeconds(15)).until(() -> receiver.events().size() == 1);
    assertThat(receiver.events().get(0).get("type").asText()).isEqualTo("channel.vacated");
  }

  @Test
  void aFullQueueDropsNewEventsWithoutBlocking() throws Exception {
    WebhookEndpoint e = endpoint().with("queueMaxSize", 5).with("timeout", Duration.ofSeconds(1));
    receiver.delay(3000);
    Webhooks w = start(e, Duration.ofSeconds(5));
    long started = System.nanoTime();
    for (int i = 0; i < 1000; i++) {
      w.presence(true, "chat:" + i, "u", "c", null);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThat(w.metrics().totals("webhook0").dropped()).isGreaterThanOrEqualTo(995);
    assertThat(w.queues().get(0).depth()).isLessThanOrEqualTo(5);
  }

  @Test
  void noBatchIsLargerThanBatchMaxSize() throws Exception {
    WebhookEndpoint e = endpoint().with("batchMaxSize", 7)
        .with("batchMaxDelay", Duration.ofMillis(200));
    receiver.answer(503);
    Webhooks w = start(e, Duration.ofSeconds(5));
    for (int i = 0; i < 100; i++) {
      w.presence(true, "one", "u", "c" + i, null);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests() > 0);
    receiver.answer(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.events().size() == 100);
    assertThat(receiver.maxBatch()).isEqualTo(7);
  }

  @Test
  void aReceiverSlowerThanTimeoutFailsAndTheBatchIsSentAgain() throws Exception {
    WebhookEndpoint e = endpoint().with("timeout", Duration.ofMillis(300));
    receiver.delay(1000);
    Webhooks w = start(e, Duration.ofSeconds(5));
    w.channelOccupiedHere("slow");
    await().atMost(Duration.ofSeconds(10)).until(() -> w.metrics().totals("webhook0").failed() >= 1);
    receiver.delay(0);
    await().atMost(Duration.ofSeconds(15)).until(() -> w.metrics().totals("webhook0").ok() >= 1);
    assertThat(receiver.events()).hasSize(1);
    assertThat(w.queues().get(0).depth()).isZero();
  }

  @Test
  void aLoneEventWaitsForBatchMaxDelay() throws Exception {
    Webhooks w = start(endpoint().with("batchMaxDelay", Duration.ofMillis(1500)),
        Duration.ofSeconds(5));
    w.channelOccupiedHere("lone");
    Thread.sleep(700);
    assertThat(receiver.requests()).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.events().size() == 1);
  }

  @Test
  void aHugeAnswerIsNotRead() throws Exception {
    WebhookEndpoint e = endpoint();
    receiver.responseSize(50 * 1024 * 1024);
    Webhooks w = start(e, Duration.ofSeconds(5));
    for (int i = 0; i < 10; i++) {
      w.channelOccupiedHere("big:" + i);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.events().size() == 10);
    assertThat(w.metrics().totals("webhook0").failed()).isZero();
  }

  @Test
  void userOfflineWaitsForTheGraceAndAReconnectCancelsIt() throws Exception {
    Webhooks w = start(endpoint(), Duration.ofMillis(500));
    w.userConnectedHere("alice");
    w.userDisconnectedHere("alice");
    w.userConnectedHere("alice");
    w.userConnectedHere("");
    w.userDisconnectedHere("alice");
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.events().size() == 2);
    Thread.sleep(700);
    assertThat(receiver.events()).extracting(n -> n.get("type").asText())
        .containsExactly("user.online", "user.offline");
    assertThat(receiver.events().get(1).get("user").asText()).isEqualTo("alice");
  }
}
