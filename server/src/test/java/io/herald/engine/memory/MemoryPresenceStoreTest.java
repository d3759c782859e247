package io.herald.engine.memory;

import io.herald.engine.Engine;
import io.herald.engine.PresenceStoreConformanceTest;
import java.time.Clock;

/** The memory engine against the presence contract. */
class MemoryPresenceStoreTest extends PresenceStoreConformanceTest {

  @Override
  protected Engine newEngine() {
    return MemoryEngine.create(Clock.systemUTC());
  }
}
