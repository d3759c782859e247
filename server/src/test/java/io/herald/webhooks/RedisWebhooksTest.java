package io.herald.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.config.WebhookEndpoint;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Redis outbox and occupancy: several nodes on one real Redis, one real receiver. */
class RedisWebhooksTest {

  private static final String SECRET = "redis-test-secret-0123";
  private static final Duration GRACE = Duration.ofMillis(800);

  private final String prefix = "{test-" + UUID.randomUUID() + ":wh}";
  private final List<Webhooks> nodes = new ArrayList<>();
  private final List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
  private RedisClient client;
  private WebhookReceiver receiver;

  @BeforeEach
  void start() throws Exception {
    client = RedisClient.create("redis://127.0.0.1:6379");
    receiver = new WebhookReceiver(SECRET);
  }

  @AfterEach
  void stop() {
    nodes.forEach(Webhooks::close);
    receiver.close();
    var redis = connections.get(0).sync();
    List<String> keys = redis.scan(ScanArgs.Builder.matches(prefix + "*").limit(10_000)).getKeys();
    if (!keys.isEmpty()) {
      redis.del(keys.toArray(String[]::new));
    }
    connections.forEach(StatefulRedisConnection::close);
    client.shutdown();
  }

  private Webhooks node(String id) {
    return node(id, 100_000);
  }

  private Webhooks node(String id, int queueMaxSize) {
    WebhookEndpoint e = WebhookEndpoint.defaults().with("url", receiver.url())
        .with("secret", SECRET).with("batchMaxDelay", Duration.ofMillis(10))
        .with("queueMaxSize", queueMaxSize);
    WebhookTarget target = WebhookTarget.of(0, e);
    StatefulRedisConnection<String, String> c = client.connect();
    connections.add(c);
    WebhookMetrics metrics = new WebhookMetrics(null);
    RedisOutbox outbox = new RedisOutbox(c, prefix, id, List.of(target), metrics,
        Clock.systemUTC());
    Webhooks w = new Webhooks(List.of(target), outbox,
        o -> new RedisOccupancy((RedisOutbox) o, Clock.systemUTC(), GRACE), metrics,
        Clock.systemUTC());
    w.start();
    nodes.add(w);
    return w;
  }

  private List<String> types() {
    return receiver.events().stream().map(e -> e.get("type").asText()).toList();
  }

  @Test
  void aUserOnTwoNodesGoesOfflineOnceBothLeftAndTheGracePassed() throws Exception {
    Webhooks a = node("a");
    Webhooks b = node("b");
    a.userConnectedHere("alice");
    b.userConnectedHere("alice");
    await().atMost(Duration.ofSeconds(15)).until(() -> types().contains("user.online"));
    a.userDisconnectedHere("alice");
    Thread.sleep(GRACE.toMillis() + 2500);
    assertThat(types()).containsExactly("user.online");
    b.userDisconnectedHere("alice");
    await().atMost(Duration.ofSeconds(15)).until(() -> types().size() == 2);
    assertThat(types()).containsExactly("user.online", "user.offline");
    // a reconnect within the grace: nothing at all
    a.userConnectedHere("alice");
    await().atMost(Duration.ofSeconds(15)).until(() -> types().size() == 3);
    b.userConnectedHere("alice");
    b.userDisconnectedHere("alice");
    a.userDisconnectedHere("alice");
    b.userConnectedHere("alice");
    Thread.sleep(GRACE.toMillis() + 2500);
    assertThat(types()).containsExactly("user.online", "user.offline", "user.online");
    assertThat(receiver.badSignatures()).isZero();
  }

  @Test
  void aChannelIsOccupiedByTheFirstNodeAndVacatedByTheLast() throws Exception {
    Webhooks a = node("a");
    Webhooks b = node("b");
    a.channelOccupiedHere("chat:1");
    b.channelOccupiedHere("chat:1");
    // the nodes' calls are ordered in Redis only per node: let both adds land first
    Thread.sleep(500);
    a.channelVacatedHere("chat:1");
    Thread.sleep(1500);
    b.channelVacatedHere("chat:1");
    await().atMost(Duration.ofSeconds(15)).until(() -> types().size() >= 2);
    Thread.sleep(500);
    assertThat(types()).containsExactly("channel.occupied", "channel.vacated");
  }

  @Test
  void aDeadNodesChannelsAndUsersAreReconciledOnce() throws Exception {
    Webhooks a = node("a");
    Webhooks b = node("b");
    a.channelOccupiedHere("shared");
    b.userConnectedHere("carol");
    await().atMost(Duration.ofSeconds(20)).until(() -> types().size() == 2);
    var redis = client.connect().sync();
    long old = System.currentTimeMillis() - 60_000;
    redis.sadd(prefix + ":ch:news", "dead");
    redis.sadd(prefix + ":ch:shared", "dead");
    redis.sadd(prefix + ":nch:dead", "news", "shared");
    redis.sadd(prefix + ":u:bob", "dead");
    redis.sadd(prefix + ":u:carol", "dead");
    redis.sadd(prefix + ":nu:dead", "bob", "carol");
    redis.zadd(prefix + ":nodes", old, "dead");
    await().atMost(Duration.ofSeconds(20)).until(() -> types().size() >= 4);
    Thread.sleep(GRACE.toMillis() + 2500);
    assertThat(receiver.events()).extracting(e -> e.get("type").asText() + " "
        + (e.has("channel") ? e.get("channel").asText() : e.get("user").asText()))
        .containsExactlyInAnyOrder("channel.occupied shared", "user.online carol",
            "channel.vacated news", "user.offline bob");
    assertThat(redis.zscore(prefix + ":nodes", "dead")).isNull();
  }

  @Test
  void aFullOutboxDropsNewEventsAndCountsThem() throws Exception {
    receiver.answer(503);
    Webhooks a = node("a", 5);
    for (int i = 0; i < 20; i++) {
      a.presence(true, "room:" + i, "u", "c" + i, null);
    }
    await().atMost(Duration.ofSeconds(10))
        .until(() -> a.metrics().totals("webhook0").dropped() == 15);
    assertThat(a.queues().get(0).depth()).isEqualTo(5);
    receiver.answer(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.events().size() == 5);
    await().atMost(Duration.ofSeconds(10)).until(() -> a.queues().get(0).depth() == 0);
  }

  @Test
  void aPartitionLeftByAStoppedNodeIsDeliveredByAnother() throws Exception {
    receiver.answer(503);
    Webhooks a = node("a");
    for (int i = 0; i < 30; i++) {
      a.presence(i % 2 == 0, "room:" + (i % 3), "u", "c" + i, null);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests() > 0);
    a.close();
    nodes.remove(a);
    node("b");
    receiver.answer(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.events().size() == 30);
    for (int room = 0; room < 3; room++) {
      String channel = "room:" + room;
      List<Integer> order = receiver.events().stream()
          .filter(e -> e.get("channel").asText().equals(channel))
          .map(e -> Integer.parseInt(e.get("client").asText().substring(1))).toList();
      assertThat(order).isSorted().hasSize(10);
    }
  }
}
