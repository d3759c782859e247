package io.herald.engine.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.NatsConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NatsConnectionsTest {

  @Test
  void backoffDoublesFromTheFirstWaitUpToTheCapWithJitter() {
    NatsConfig c = NatsConfig.defaults();
    for (int i = 0; i < 50; i++) {
      assertThat(NatsConnections.backoff(c, 1)).isBetween(ms(250), ms(300));
      assertThat(NatsConnections.backoff(c, 2)).isBetween(ms(500), ms(600));
      assertThat(NatsConnections.backoff(c, 3)).isBetween(ms(1000), ms(1200));
      assertThat(NatsConnections.backoff(c, 10)).isBetween(ms(5000), ms(6000));
      assertThat(NatsConnections.backoff(c, Long.MAX_VALUE)).isBetween(ms(5000), ms(6000));
    }
  }

  @Test
  void aServerThatIsNotThereFailsTheStartNamingTheKey() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    NatsConfig c = NatsConfig.defaults().withUrl("nats://127.0.0.1:" + port);
    assertThatThrownBy(() -> NatsConnections.connect(c, "t", e -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("broker.nats.url: cannot connect to NATS");
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
