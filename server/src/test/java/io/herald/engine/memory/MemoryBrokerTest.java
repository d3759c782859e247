package io.herald.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.engine.BrokerConformanceTest;
import io.herald.engine.Engine;
import io.herald.engine.EngineRecorder;
import io.herald.engine.PublishOptions;
import io.herald.engine.Publication;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The memory broker against the broker contract, plus its own promises. */
class MemoryBrokerTest extends BrokerConformanceTest {

  @Override
  protected Engine newEngine() {
    return MemoryEngine.create(Clock.systemUTC());
  }

  @Test
  void deliversBeforePublishReturns() {
    Engine e = newEngine();
    EngineRecorder sync = new EngineRecorder();
    e.broker().start(sync);
    e.broker().publish("c", new Publication(0, "1".getBytes(), null), PublishOptions.NONE);
    assertThat(sync.received).containsExactly("c=1@0");
    e.close();
  }

  @Test
  void publishBeforeStartFails() {
    Engine e = newEngine();
    assertThat(e.broker().publish("c", new Publication(0, "1".getBytes(), null),
        PublishOptions.NONE).toCompletableFuture())
        .failsWithin(java.time.Duration.ofSeconds(1))
        .withThrowableOfType(ExecutionException.class);
    e.close();
  }
}
