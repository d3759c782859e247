package io.herald.engine.nats;

import io.herald.config.NatsConfig;
import io.herald.engine.Engine;
import io.herald.engine.memory.MemoryEngine;
import io.herald.engine.AppendingHistory;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NATS delivery with this node's memory for history and presence: the setup without Redis. Every
 * node keeps its own streams and presence, so it fits one node, or several nodes serving channels
 * without history (delivery at-most-once; presence and history answer for the asking node's
 * clients only). {@link #withRedis} pairs {@link NatsBroker} with Redis history and presence
 * instead, for a cluster.
 */
public final class NatsEngine {

  private static final Logger log = LoggerFactory.getLogger(NatsEngine.class);

  private NatsEngine() {}

  /**
   * NATS delivery with history and presence in Redis: {@code redis}'s history store appends
   * without PUBLISH, its presence store is shared; its own broker stays unstarted (its
   * connections are closed with the returned engine). Connects to NATS; blocks up to the connect
   * timeout. On failure {@code redis} is closed.
   *
   * @param redis a Redis engine ({@code RedisEngine.create}), its broker not started
   * @throws IllegalStateException naming {@code broker.nats.url} when NATS cannot be reached
   */
  public static Engine withRedis(NatsConfig config, Engine redis, Clock clock, String name) {
    try {
      if (!(redis.history() instanceof AppendingHistory history)) {
        throw new IllegalArgumentException("the history store cannot append without publishing");
      }
      NatsBroker broker = new NatsBroker(config, history.appender(), clock, name);
      return new Engine(broker, redis.history(), redis.presence(), redis);
    } catch (RuntimeException e) {
      redis.close();
      throw e;
    }
  }

  /**
   * NATS delivery with memory history and presence. Connects to NATS; blocks up to the connect timeout. Call at start.
   *
   * @param name this node's name, for NATS monitoring
   * @throws IllegalStateException naming {@code broker.nats.url} when NATS cannot be reached
   */
  public static Engine withMemoryHistory(NatsConfig config, Clock clock, String name) {
    Engine engine =
        MemoryEngine.create(clock, appender -> new NatsBroker(config, appender, clock, name));
    log.info("history and presence are kept per node in memory: with several nodes, channels"
        + " with history make their subscribers resubscribe (offsets differ per node), presence"
        + " lists this node's clients only; use Redis for a cluster with history");
    return engine;
  }
}
