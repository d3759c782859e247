package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.BrokerConfig;
import io.herald.config.EngineConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.NatsConfig;
import io.herald.config.RedisConfig;
import io.herald.server.HeraldServer;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three Herald nodes on loopback with {@code broker: nats} and {@code engine: redis} (the
 * machine's NATS and Redis, prefixes of this test's own): a publish on any node reaches
 * subscribers on every node with offsets of one shared stream, and a client that moves to another
 * node recovers exactly what it missed.
 */
class NatsRedisClusterSocketTest extends SocketTestBase {

  private final String prefix = "herald-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final HeraldServer[] nodes = new HeraldServer[3];

  @BeforeEach
  void startThreeNodes() {
    RedisConfig d = RedisConfig.defaults();
    RedisConfig redis = new RedisConfig("redis://127.0.0.1:6379", prefix, d.sentinel(),
        d.cluster(), d.shards(), d.commandTimeout(), d.reconnectMaxDelay());
    NatsConfig nats = NatsConfig.defaults().withUrl("nats://127.0.0.1:4222").withPrefix(prefix);
    HeraldConfig config = TestConfig.create().namespace(RecoverySocketTest.feed(100)).build()
        .with("engine", new EngineConfig(EngineConfig.REDIS, redis))
        .with("broker", new BrokerConfig(BrokerConfig.NATS, nats));
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = start(config);
    }
  }

  /** Deletes this test's keys (only those: the Redis is shared). */
  @AfterEach
  void deleteRedisKeys() {
    RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page =
            c.sync().scan(cursor, ScanArgs.Builder.matches(prefix + ":*").limit(500));
        if (!page.getKeys().isEmpty()) {
          c.sync().del(page.getKeys().toArray(String[]::new));
        }
        cursor = page;
      } while (!cursor.isFinished());
    } finally {
      client.shutdown();
    }
  }

  @Test
  void publicationsFromAnyNodeReachEveryNodeInOneOffsetOrderAndRecoveryWorksAcross() {
    WsClient[] subs = new WsClient[nodes.length];
    String epoch = null;
    for (int i = 0; i < nodes.length; i++) {
      subs[i] = connected(nodes[i], "u" + i);
      JsonNode sub = subs[i].ok("subscribe", json("channel", "feed:x"));
      epoch = epoch == null ? sub.get("epoch").asText() : epoch;
      assertThat(sub.get("epoch").asText()).isEqualTo(epoch);
    }
    api(nodes[0]).publish("feed:x", "{\"n\":1}");
    subs[1].ok("publish", "{\"channel\":\"feed:x\",\"data\":{\"n\":2}}");
    api(nodes[2]).publish("feed:x", "{\"n\":3}");
    for (WsClient sub : subs) {
      for (int n = 1; n <= 3; n++) {
        JsonNode p = sub.awaitMethod("publication").get("params");
        assertThat(p.get("offset").asLong()).as("%s", p).isEqualTo(n);
        assertThat(p.at("/data/n").asInt()).isEqualTo(n);
      }
    }

    subs[0].close();
    api(nodes[1]).publish("feed:x", "{\"n\":4}");
    WsClient moved = connected(nodes[2], "u0");
    JsonNode back = moved.ok("subscribe", "{\"channel\":\"feed:x\",\"recover\":true,"
        + "\"offset\":3,\"epoch\":\"" + epoch + "\"}");
    assertThat(back.get("recovered").asBoolean()).isTrue();
    assertThat(back.at("/publications/0/offset").asLong()).isEqualTo(4);
    assertThat(back.get("publications")).hasSize(1);

    api(nodes[0]).call("disconnect", json("user", "u1"));
    assertThat(subs[1].awaitMethod("disconnect").at("/params/code").asInt()).isEqualTo(3503);
    moved.assertNone(WsClient.isMethod("unsubscribe"), Duration.ofMillis(200), "a resubscribe");
  }
}
