package io.herald.engine.redis;

import static io.herald.engine.EngineTests.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.RedisConfig;
import io.herald.engine.BrokerConformanceTest;
import io.herald.engine.Engine;
import io.herald.engine.EngineRecorder;
import io.herald.engine.HistoryQuery;
import io.herald.engine.Publication;
import io.herald.engine.PublishOptions;
import io.herald.engine.StreamPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker contract on a Redis Cluster of three {@code redis-server --cluster-enabled yes}
 * processes this test starts and joins, plus history and presence on channels spread over the
 * cluster's slots.
 */
class RedisClusterBrokerTest extends BrokerConformanceTest {

  private static final List<RedisProcess> NODES = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws Exception {
    for (int i = 0; i < 3; i++) {
      NODES.add(RedisProcess.start(true));
    }
    RedisProcess.createCluster(NODES);
  }

  @AfterAll
  static void stopCluster() {
    NODES.forEach(RedisProcess::close);
  }

  private static RedisConfig clusterConfig() {
    RedisConfig base = RedisTests.config(RedisTests.ADDRESS, "cluster");
    return new RedisConfig(base.address(), base.prefix(), base.sentinel(),
        NODES.stream().map(RedisProcess::address).toList(), List.of(), base.commandTimeout(),
        base.reconnectMaxDelay());
  }

  @Override
  protected Engine newEngine() {
    return RedisEngine.create(clusterConfig());
  }

  @Test
  void historyAndPresenceWorkOnEverySlot() throws Exception {
    try (Engine e = newEngine()) {
      e.broker().start(new EngineRecorder());
      for (int i = 0; i < 30; i++) {
        String channel = "spread-" + i;
        StreamPosition p = get(e.broker().publish(channel,
            new Publication(0, ("" + i).getBytes(), null),
            new PublishOptions(HISTORY, "k", Duration.ofMinutes(1))));
        assertThat(p.offset()).isEqualTo(1);
        assertThat(get(e.history().history(channel, HistoryQuery.all(HISTORY))).publications())
            .hasSize(1);
        get(e.presence().add(channel,
            new io.herald.engine.ClientInfo("u", "c" + i, null, null), Duration.ofMinutes(1)));
        assertThat(get(e.presence().presence(channel))).containsOnlyKeys("c" + i);
      }
      // The channels' keys live on every node of the cluster, not on one.
      for (RedisProcess node : NODES) {
        assertThat(Integer.parseInt(node.cli("dbsize").strip())).isPositive();
      }
    }
  }
}
