package io.herald.engine.redis;

import static io.herald.engine.EngineTests.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.config.RedisConfig;
import io.herald.engine.BrokerConformanceTest;
import io.herald.engine.Engine;
import io.herald.engine.EngineRecorder;
import io.herald.engine.HistoryQuery;
import io.herald.engine.Publication;
import io.herald.engine.PublishOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker contract with channels sharded over two independent {@code redis-server} processes
 * this test starts; plus how channels spread and that two engines agree on where a channel is.
 */
class RedisShardedBrokerTest extends BrokerConformanceTest {

  private static RedisProcess first;
  private static RedisProcess second;

  @BeforeAll
  static void startShards() {
    first = RedisProcess.start();
    second = RedisProcess.start();
  }

  @AfterAll
  static void stopShards() {
    first.close();
    second.close();
  }

  private static Engine sharded(String prefix) {
    RedisConfig base = RedisTests.config(RedisTests.ADDRESS, prefix);
    return RedisEngine.create(new RedisConfig(base.address(), base.prefix(), base.sentinel(),
        List.of(), List.of(first.address(), second.address()), base.commandTimeout(),
        base.reconnectMaxDelay()));
  }

  @Override
  protected Engine newEngine() {
    return sharded("sharded");
  }

  @Test
  void channelsSpreadOverBothShardsAndTwoEnginesAgree() throws Exception {
    try (Engine publisher = sharded("spread"); Engine subscriber = sharded("spread")) {
      EngineRecorder got = new EngineRecorder();
      publisher.broker().start(new EngineRecorder());
      subscriber.broker().start(got);
      PublishOptions options = new PublishOptions(HISTORY, null, Duration.ZERO);
      for (int i = 0; i < 40; i++) {
        get(subscriber.broker().subscribe("s" + i));
      }
      for (int i = 0; i < 40; i++) {
        get(publisher.broker().publish("s" + i, new Publication(0, "1".getBytes(), null),
            options));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> got.publications.size() == 40);
      assertThat(get(subscriber.history().history("s7", HistoryQuery.all(HISTORY)))
          .publications()).hasSize(1);
      int onFirst = first.cli("--scan", "--pattern", "spread:*").strip().split("\n").length;
      int onSecond = second.cli("--scan", "--pattern", "spread:*").strip().split("\n").length;
      // Two keys (stream, meta) per channel. Shard names carry random ports, so the split varies
      // by run; fewer than 5 of 40 channels on one shard is a one-in-ten-million draw.
      assertThat(onFirst + onSecond).isEqualTo(80);
      assertThat(Math.min(onFirst, onSecond)).isGreaterThanOrEqualTo(10);
    }
  }
}
