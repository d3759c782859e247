package io.herald.engine.memory;

import io.herald.engine.Engine;
import io.herald.engine.HistoryStoreConformanceTest;
import java.time.Clock;

/** The memory engine against the history contract. */
class MemoryHistoryStoreTest extends HistoryStoreConformanceTest {

  @Override
  protected Engine newEngine() {
    return MemoryEngine.create(Clock.systemUTC());
  }
}
