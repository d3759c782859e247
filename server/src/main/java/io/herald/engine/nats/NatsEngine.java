package io.herald.engine.nats;

import io.herald.config.NatsConfig;
import io.herald.engine.Engine;
import io.herald.engine.memory.MemoryEngine;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NATS delivery with this node's memory for history and presence: the setup without Redis. Every
 * node keeps its own streams and presence, so it fits one node, or several nodes serving channels
 * without history (delivery at-most-once; presence and history answer for the asking node's
 * clients only). With Redis, the engine factory pairs {@link NatsBroker} with Redis history and
 * presence instead.
 */
public final class NatsEngine {

  private static final Logger log = LoggerFactory.getLogger(NatsEngine.class);

  private NatsEngine() {}

  /**
   * Connects to NATS; blocks up to the connect timeout. Call at start.
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
