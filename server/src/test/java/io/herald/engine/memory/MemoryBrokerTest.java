package io.herald.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.engine.Broker;
import io.herald.engine.BrokerConformanceTest;
import io.herald.engine.Publication;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The memory broker against the broker contract, plus its own promises. */
class MemoryBrokerTest extends BrokerConformanceTest {

  @Override
  protected Broker newBroker() {
    return new MemoryBroker();
  }

  @Test
  void deliversBeforePublishReturns() {
    MemoryBroker b = new MemoryBroker();
    b.start((channel, pub) -> received.add("sync:" + channel));
    b.publish("c", new Publication(0, "1".getBytes(), null));
    assertThat(received).contains("sync:c");
  }

  @Test
  void publishBeforeStartFails() {
    MemoryBroker b = new MemoryBroker();
    assertThat(b.publish("c", new Publication(0, "1".getBytes(), null)).toCompletableFuture())
        .failsWithin(java.time.Duration.ofSeconds(1))
        .withThrowableOfType(ExecutionException.class);
  }
}
