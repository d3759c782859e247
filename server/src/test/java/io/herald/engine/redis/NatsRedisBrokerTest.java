package io.herald.engine.redis;

import static io.herald.engine.EngineTests.get;
import static io.herald.engine.EngineTests.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.config.NatsConfig;
import io.herald.engine.BrokerConformanceTest;
import io.herald.engine.Engine;
import io.herald.engine.EngineRecorder;
import io.herald.engine.HistoryQuery;
import io.herald.engine.Publication;
import io.herald.engine.PublishOptions;
import io.herald.engine.StreamPosition;
import io.herald.engine.nats.NatsEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The NATS broker with Redis history and presence (the machine's NATS and Redis, a prefix of this
 * class's own) against the broker contract, plus two such nodes sharing one Redis stream.
 */
class NatsRedisBrokerTest extends BrokerConformanceTest {

  private static final String PREFIX = RedisTests.freshPrefix();
  private static final NatsConfig NATS = NatsConfig.defaults()
      .withUrl("nats://127.0.0.1:4222")
      .withPrefix("herald-test-" + UUID.randomUUID().toString().substring(0, 8));

  @Override
  protected Engine newEngine() {
    return NatsEngine.withRedis(NATS, RedisTests.engine(PREFIX), Clock.systemUTC(), "one");
  }

  @AfterAll
  static void deleteKeys() {
    RedisTests.deleteKeys(RedisTests.ADDRESS, PREFIX);
  }

  @Test
  void twoNodesShareOneStreamAndSeeEachOthersPublicationsInOrder() throws Exception {
    EngineRecorder one = new EngineRecorder();
    EngineRecorder two = new EngineRecorder();
    try (Engine a = newEngine(); Engine b = newEngine()) {
      a.broker().start(one);
      b.broker().start(two);
      String c = unique("shared");
      get(a.broker().subscribe(c));
      get(b.broker().subscribe(c));
      PublishOptions history = new PublishOptions(HISTORY, "k", Duration.ofMinutes(1));
      StreamPosition first = get(a.broker().publish(c, pub("1"), history));
      StreamPosition repeat = get(b.broker().publish(c, pub("1"), history));
      StreamPosition second = get(b.broker().publish(
          c, pub("2"), new PublishOptions(HISTORY, null, Duration.ZERO)));
      assertThat(repeat).isEqualTo(first);
      assertThat(second).isEqualTo(new StreamPosition(2, first.epoch()));
      for (EngineRecorder node : new EngineRecorder[] {one, two}) {
        await().atMost(Duration.ofSeconds(5)).until(() -> node.received.size() == 2);
        assertThat(node.received).containsExactly(c + "=1@1", c + "=2@2");
      }
      assertThat(get(b.history().history(c, new HistoryQuery(null, -1, false, HISTORY)))
          .publications()).extracting(Publication::offset).containsExactly(1L, 2L);
    }
  }

  private static Publication pub(String json) {
    return new Publication(0, json.getBytes(), null);
  }
}
