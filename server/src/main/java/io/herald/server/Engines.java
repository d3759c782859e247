package io.herald.server;

import io.herald.config.HeraldConfig;
import io.herald.config.NatsConfig;
import io.herald.engine.Engine;
import io.herald.engine.memory.MemoryEngine;
import io.herald.engine.nats.NatsEngine;
import io.herald.engine.redis.RedisEngine;
import java.time.Clock;

/**
 * Builds the engine the config asks for ({@code engine.type}, {@code broker.type}). The one place
 * that knows every engine implementation:
 *
 * <ul>
 *   <li>memory: everything in this process (one node);
 *   <li>redis: pub/sub, history and presence in Redis;
 *   <li>memory + NATS broker: NATS between nodes, history and presence per node;
 *   <li>redis + NATS broker: NATS between nodes, history (appended without PUBLISH) and presence
 *       in Redis.
 * </ul>
 */
final class Engines {

  private Engines() {}

  /**
   * A ready engine whose broker is not started. Blocks while connecting: call at start.
   *
   * @param name this node's name, for the NATS connection name
   * @throws IllegalStateException naming the key when a distributed engine's service cannot be
   *     reached at start
   */
  static Engine create(HeraldConfig config, Clock clock, String name) {
    NatsConfig nats = config.broker().isNats() ? config.broker().nats() : null;
    if (config.engine().isRedis()) {
      Engine redis = redis(config);
      return nats == null ? redis : NatsEngine.withRedis(nats, redis, clock, name);
    }
    if (nats != null) {
      return NatsEngine.withMemoryHistory(nats, clock, name);
    }
    return MemoryEngine.create(clock);
  }

  private static Engine redis(HeraldConfig config) {
    try {
      return RedisEngine.create(config.engine().redis());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "engine.redis: cannot connect to Redis (" + e.getMessage() + ")", e);
    }
  }
}
