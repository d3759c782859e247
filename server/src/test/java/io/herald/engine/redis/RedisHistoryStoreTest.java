package io.herald.engine.redis;

import io.herald.engine.HistoryStoreConformanceTest;
import io.herald.engine.Engine;
import org.junit.jupiter.api.AfterAll;

/** The Redis engine against the history contract, on the machine's Redis. */
class RedisHistoryStoreTest extends HistoryStoreConformanceTest {

  private static final String PREFIX = RedisTests.freshPrefix();

  @Override
  protected Engine newEngine() {
    return RedisTests.engine(PREFIX);
  }

  @AfterAll
  static void deleteKeys() {
    RedisTests.deleteKeys(RedisTests.ADDRESS, PREFIX);
  }
}
