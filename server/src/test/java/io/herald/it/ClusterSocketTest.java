package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.EngineConfig;
import io.herald.config.NamespaceConfig;
import io.herald.engine.redis.RedisProcess;
import io.herald.engine.redis.RedisTests;
import io.herald.server.HeraldServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three Herald nodes sharing Redis, over real sockets: publications, presence, server API
 * commands and {@code info} span every node; a killed node's clients recover on another with
 * nothing lost; a Redis restart makes subscribers recover and tells them {@code recovered: false}
 * for what Redis lost, never a silent gap. Most tests use the machine's Redis with a fresh key
 * prefix; the restart test uses a {@code redis-server} of its own.
 */
class ClusterSocketTest extends SocketTestBase {

  private static final String SHARED_REDIS = RedisTests.ADDRESS;

  /** {@code room:*}: any client subscribes and publishes; history, presence, join/leave. */
  private static final NamespaceConfig ROOM = NamespaceConfig.defaults("room")
      .with("allowSubscribeForClient", true)
      .with("allowPublishForClient", true)
      .with("allowPresenceForSubscriber", true)
      .with("allowHistoryForSubscriber", true)
      .with("historySize", 100)
      .with("historyTtl", Duration.ofMinutes(5))
      .with("presence", true);

  private final String prefix = RedisTests.freshPrefix();
  private final List<AutoCloseable> late = new ArrayList<>();

  @AfterEach
  void closeLateAndDeleteKeys() throws Exception {
    for (AutoCloseable c : late) {
      c.close();
    }
    // The nodes close after this (in the base class); closing writes no key.
    RedisTests.deleteKeys(SHARED_REDIS, prefix);
  }

  private static EngineConfig redis(String address, String prefix) {
    return new EngineConfig(EngineConfig.REDIS, RedisTests.config(address, prefix));
  }

  private List<HeraldServer> nodes(int n, String address) {
    List<HeraldServer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(start(TestConfig.create().namespace(ROOM).engine(redis(address, prefix))));
    }
    return out;
  }

  private static String recover(String channel, long offset, String epoch) {
    return "{\"channel\":\"" + channel + "\",\"recover\":true,\"offset\":" + offset
        + ",\"epoch\":\"" + epoch + "\"}";
  }

  private static JsonNode awaitPublication(WsClient c, String channel, long offset) {
    return c.await(m -> WsClient.isPublication(channel).test(m)
        && m.at("/params/offset").asLong() == offset, WsClient.TIMEOUT,
        channel + " offset " + offset);
  }

  @Test
  void aNodeWhoseRedisIsUnreachableDoesNotStartAndSaysWhy() {
    RedisProcess stopped = RedisProcess.start();
    stopped.stop();
    assertThatThrownBy(() -> start(TestConfig.create().engine(redis(stopped.address(), prefix))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("engine.redis: cannot connect to Redis");
  }

  @Test
  void aPublishOnAnyNodeReachesSubscribersOnEveryNodeInOneOrder() {
    List<HeraldServer> nodes = nodes(3, SHARED_REDIS);
    List<WsClient> subs = new ArrayList<>();
    for (HeraldServer node : nodes) {
      subs.add(subscriber(node, "u" + subs.size(), "room:a"));
    }
    api(nodes.get(1)).publish("room:a", "{\"n\":1}");
    subs.get(2).ok("publish", "{\"channel\":\"room:a\",\"data\":{\"n\":2}}");
    api(nodes.get(0)).publish("room:a", "{\"n\":3}");
    for (WsClient c : subs) {
      await("3 publications").atMost(WsClient.TIMEOUT)
          .until(() -> c.count(WsClient.isPublication("room:a")) == 3);
      List<JsonNode> got = c.take(WsClient.isPublication("room:a"));
      assertThat(got).extracting(m -> m.at("/params/offset").asLong())
          .containsExactly(1L, 2L, 3L);
      assertThat(got).extracting(m -> m.at("/params/data/n").asInt()).containsExactly(1, 2, 3);
    }
    // Server-side channels without history cross nodes too.
    WsClient plain = subscriber(nodes.get(2), "p", "news");
    api(nodes.get(0)).publish("news", "{\"hello\":true}");
    plain.await(WsClient.isPublication("news"), WsClient.TIMEOUT, "news");
  }

  @Test
  void presenceIsTheUnionAndInfoListsEveryNode() {
    List<HeraldServer> nodes = nodes(3, SHARED_REDIS);
    for (int i = 0; i < 3; i++) {
      subscriber(nodes.get(i), "user" + i, "room:p");
    }
    JsonNode clients = api(nodes.get(0)).call("presence", WsClient.json("channel", "room:p"))
        .get("clients");
    assertThat(clients.size()).isEqualTo(3);
    List<String> users = new ArrayList<>();
    clients.forEach(c -> users.add(c.get("user").asText()));
    assertThat(users).containsExactlyInAnyOrder("user0", "user1", "user2");
    JsonNode stats = api(nodes.get(2)).call("presenceStats", WsClient.json("channel", "room:p"));
    assertThat(stats.get("numClients").asInt()).isEqualTo(3);

    // Each node announces itself every 3 s; the others list it with its counts.
    await("info lists 3 nodes with 3 clients").atMost(Duration.ofSeconds(10)).until(() -> {
      JsonNode listed = api(nodes.get(1)).call("info", "{}").get("nodes");
      int total = 0;
      for (JsonNode n : listed) {
        total += n.get("numClients").asInt();
      }
      return listed.size() == 3 && total == 3;
    });
  }

  @Test
  void apiDisconnectAndSubscribeReachTheUserOnEveryNode() {
    List<HeraldServer> nodes = nodes(3, SHARED_REDIS);
    WsClient phone = connected(nodes.get(1), "dave");
    WsClient laptop = connected(nodes.get(2), "dave");
    WsClient other = connected(nodes.get(2), "erin");
    api(nodes.get(0)).call("subscribe", WsClient.json("user", "dave", "channel", "room:s"));
    phone.awaitMethod("subscribe");
    laptop.awaitMethod("subscribe");
    api(nodes.get(0)).call("disconnect", WsClient.json("user", "dave"));
    int code = phone.awaitMethod("disconnect").at("/params/code").asInt();
    assertThat(laptop.awaitMethod("disconnect").at("/params/code").asInt()).isEqualTo(code);
    phone.awaitClose();
    laptop.awaitClose();
    assertThat(other.isOpen()).isTrue();
  }

  @Test
  void clientsOfAKilledNodeRecoverOnAnotherWithNothingLost() throws Exception {
    List<HeraldServer> nodes = nodes(2, SHARED_REDIS);
    Path config = Files.createTempFile("herald-cluster", ".yaml");
    Files.writeString(config, """
        port: 0
        address: 127.0.0.1
        token: {hmacSecret: "%s"}
        api: {key: "%s"}
        internal: {port: 0}
        namespaces:
          - name: room
            allowSubscribeForClient: true
            allowPublishForClient: true
            historySize: 100
            historyTtl: 5m
        engine:
          type: redis
          redis: {address: "%s", prefix: "%s"}
        """.formatted(TestConfig.SECRET, TestConfig.API_KEY, SHARED_REDIS, prefix));
    ServerProcess doomed = ServerProcess.serve(config);
    late.add(doomed);
    late.add(() -> Files.deleteIfExists(config));
    WsClient victim = track(WsClient.open(http,
        URI.create("ws://127.0.0.1:" + doomed.port() + WS_PATH)));
    victim.ok("connect", WsClient.json("token", token("vic")));
    JsonNode sub = victim.ok("subscribe", WsClient.json("channel", "room:k"));
    String epoch = sub.get("epoch").asText();
    api(nodes.get(0)).publish("room:k", "{\"n\":1}");
    awaitPublication(victim, "room:k", 1);

    doomed.signal("KILL");
    victim.awaitClose();
    api(nodes.get(0)).publish("room:k", "{\"n\":2}");
    api(nodes.get(1)).publish("room:k", "{\"n\":3}");

    WsClient back = connected(nodes.get(1), "vic");
    JsonNode result = back.ok("subscribe", recover("room:k", 1, epoch));
    assertThat(result.get("recovered").asBoolean()).isTrue();
    assertThat(result.get("publications")).extracting(p -> p.get("offset").asLong())
        .containsExactly(2L, 3L);
    api(nodes.get(0)).publish("room:k", "{\"n\":4}");
    awaitPublication(back, "room:k", 4);
  }

  @Test
  void aRedisRestartMakesSubscribersRecoverAndTellsThemWhatWasLost() {
    RedisProcess redis = RedisProcess.start();
    List<HeraldServer> nodes = nodes(3, redis.address());
    late.add(redis);
    WsClient ann = subscriber(nodes.get(0), "ann", "room:r");
    WsClient bob = subscriber(nodes.get(2), "bob", "room:r");
    api(nodes.get(1)).publish("room:r", "{\"n\":1}");
    JsonNode first = awaitPublication(ann, "room:r", 1);
    awaitPublication(bob, "room:r", 1);
    String epoch = ann.ok("history", "{\"channel\":\"room:r\",\"limit\":0}").get("epoch").asText();

    redis.stop();
    await("not ready").atMost(Duration.ofSeconds(5)).until(() -> !nodes.get(0).readiness().ready());
    JsonNode engine = api(nodes.get(0)).call("info", "{}").get("engine");
    assertThat(engine.get("up").asBoolean()).isFalse();
    assertThat(engine.get("detail").asText()).contains("127.0.0.1:" + redis.port());
    assertThat(api(nodes.get(1)).errorCall("publish",
        "{\"channel\":\"room:r\",\"data\":{\"n\":2}}")).isEqualTo(108);
    redis.restart();
    await("ready").atMost(Duration.ofSeconds(10)).until(() -> nodes.stream()
        .allMatch(n -> n.readiness().ready()));
    assertThat(api(nodes.get(0)).call("info", "{}").at("/engine/up").asBoolean()).isTrue();

    // The stream is gone with the old Redis: every subscriber is told to resubscribe ...
    for (WsClient c : List.of(ann, bob)) {
      JsonNode unsub = c.awaitMethod("unsubscribe", Duration.ofSeconds(10));
      assertThat(unsub.at("/params/code").asInt()).isEqualTo(2500);
    }
    // ... and learns it cannot recover instead of seeing a gap.
    JsonNode again = ann.ok("subscribe", recover("room:r", 1, epoch));
    assertThat(again.get("recovered").asBoolean()).isFalse();
    assertThat(again.get("epoch").asText()).isNotEqualTo(epoch);
    JsonNode bobAgain = bob.ok("subscribe", recover("room:r", 1, epoch));
    assertThat(bobAgain.get("recovered").asBoolean()).isFalse();
    api(nodes.get(1)).publish("room:r", "{\"n\":3}");
    JsonNode live = awaitPublication(ann, "room:r", 1);
    assertThat(live.at("/params/data/n").asInt()).isEqualTo(3);
    awaitPublication(bob, "room:r", 1);
    assertThat(first.at("/params/data/n").asInt()).isEqualTo(1);
  }
}
