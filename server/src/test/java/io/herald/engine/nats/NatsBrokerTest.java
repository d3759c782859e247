package io.herald.engine.nats;

import io.herald.engine.BrokerConformanceTest;
import io.herald.engine.Engine;
import java.time.Clock;

/** The NATS broker (with memory history) against the broker contract. */
class NatsBrokerTest extends BrokerConformanceTest {

  @Override
  protected Engine newEngine() {
    return NatsEngine.withMemoryHistory(NatsTests.config(), Clock.systemUTC(), "test");
  }
}
