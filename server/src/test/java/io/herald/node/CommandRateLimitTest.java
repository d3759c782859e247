package io.herald.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.ClientConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-connection command rate on a fake clock. */
class CommandRateLimitTest {

  @Test
  void aBucketRefillsAtItsRateUpToItsBurst() {
    TokenBucket bucket = new TokenBucket(10, 3, 0);
    assertThat(bucket.tryTake(0)).isTrue();
    assertThat(bucket.tryTake(0)).isTrue();
    assertThat(bucket.tryTake(0)).isTrue();
    assertThat(bucket.tryTake(0)).isFalse();
    assertThat(bucket.tryTake(100_000_000)).isTrue(); // 100 ms: one token back
    assertThat(bucket.tryTake(100_000_000)).isFalse();
    assertThat(bucket.fullAt(10_000_000_000L)).isTrue();
  }

  @Test
  void refusedCommandsGet111AndAFloodIsDisconnectedWith3013() {
    ClientConfig limits = ClientConfig.defaults().with("rateLimit", 2).with("rateBurst", 2)
        .with("rateLimitGrace", Duration.ofSeconds(1));
    SessionHarness h = new SessionHarness(limits, io.herald.engine.memory.MemoryEngine::create);
    SessionHarness.Client c = h.client();
    c.connect("ann"); // one token
    assertThat(c.call("unsubscribe", "{\"channel\":\"a\"}").has("result")).isTrue();
    assertThat(c.call("unsubscribe", "{\"channel\":\"a\"}").at("/error/code").asInt())
        .isEqualTo(111);
    assertThat(c.call("pong", "{}").has("result")).isTrue();
    h.loop.advance(Duration.ofMillis(500)); // one token back
    assertThat(c.call("unsubscribe", "{\"channel\":\"a\"}").has("result")).isTrue();
    c.call("unsubscribe", "{\"channel\":\"a\"}"); // refused: 2 in this window
    assertThat(c.transport.closedWith()).isNull();
    c.call("unsubscribe", "{\"channel\":\"a\"}"); // refused: 3 > 2 allowed per second
    assertThat(c.transport.closedWith().code()).isEqualTo(3013);
  }
}
