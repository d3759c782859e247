package io.herald.engine.redis;

import static io.herald.engine.EngineTests.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.config.RedisConfig;
import io.herald.engine.Engine;
import io.herald.engine.EngineRecorder;
import io.herald.engine.HistoryOptions;
import io.herald.engine.HistoryQuery;
import io.herald.engine.Publication;
import io.herald.engine.PublishOptions;
import io.herald.engine.StreamPosition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Redis engine through Redis Sentinel: a master and one sentinel this test starts. */
class RedisSentinelTest {

  private static final HistoryOptions HISTORY =
      new HistoryOptions(10, Duration.ofMinutes(1), Duration.ofMinutes(2));

  @Test
  void connectsToTheMasterTheSentinelNames() throws Exception {
    try (RedisProcess master = RedisProcess.start();
        RedisProcess sentinel = RedisProcess.startSentinel("herald-master", master.port())) {
      RedisConfig base = RedisTests.config(RedisTests.ADDRESS, "sentinel");
      RedisConfig config = new RedisConfig(base.address(), base.prefix(),
          new RedisConfig.SentinelConfig("herald-master", List.of(sentinel.address())),
          List.of(), List.of(), base.commandTimeout(), base.reconnectMaxDelay());
      try (Engine engine = RedisEngine.create(config)) {
        EngineRecorder got = new EngineRecorder();
        engine.broker().start(got);
        get(engine.broker().subscribe("s"));
        StreamPosition p = get(engine.broker().publish("s",
            new Publication(0, "1".getBytes(), null),
            new PublishOptions(HISTORY, null, Duration.ZERO)));
        await().atMost(Duration.ofSeconds(5)).until(() -> got.received.contains("s=1@1"));
        assertThat(get(engine.history().history("s", HistoryQuery.all(HISTORY)))
            .position()).isEqualTo(p);
        // The data is on the master the sentinel monitors.
        assertThat(master.cli("exists", "sentinel:{s}:m").strip()).isEqualTo("1");
      }
    }
  }
}
