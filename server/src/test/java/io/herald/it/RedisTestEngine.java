package io.herald.it;

import io.herald.config.EngineConfig;
import io.herald.engine.redis.RedisTests;

/**
 * The machine's shared Redis as the engine of test clusters: each instance has its own random
 * key prefix, so tests never touch keys they did not create, and {@link #deleteKeys} removes
 * exactly those.
 */
final class RedisTestEngine {

  private final String prefix = RedisTests.freshPrefix();

  /** The {@code engine} section of every node of this test's cluster. */
  /** The key prefix of this instance. */
  String prefix() {
    return prefix;
  }

  EngineConfig config() {
    return new EngineConfig(EngineConfig.REDIS, RedisTests.config(RedisTests.ADDRESS, prefix));
  }

  /** Deletes every key under this instance's prefix. */
  void deleteKeys() {
    RedisTests.deleteKeys(RedisTests.ADDRESS, prefix);
  }
}
