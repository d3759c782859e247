package io.herald.server;

import io.herald.config.EngineConfig;
import io.herald.engine.Engine;
import io.herald.engine.memory.MemoryEngine;
import io.herald.engine.redis.RedisEngine;
import java.time.Clock;

/**
 * Builds the engine the config asks for ({@code engine.type}). The one place that knows every
 * engine implementation: a new one (a NATS broker beside Redis history) is added here.
 */
final class Engines {

  private Engines() {}

  /**
   * A ready engine whose broker is not started.
   *
   * @throws IllegalStateException when a distributed engine's service cannot be reached at start
   */
  static Engine create(EngineConfig config, Clock clock) {
    if (config.isRedis()) {
      try {
        return RedisEngine.create(config.redis());
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "engine.redis: cannot connect to Redis (" + e.getMessage() + ")", e);
      }
    }
    return MemoryEngine.create(clock);
  }
}
