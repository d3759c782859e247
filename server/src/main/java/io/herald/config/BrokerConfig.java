package io.herald.config;

/**
 * Which broker carries publications, joins, leaves and control messages between nodes.
 *
 * @param type {@code engine} (the default): the engine carries them (in-process with the memory
 *     engine, Redis pub/sub with the Redis engine); {@code nats}: NATS core pub/sub, with history
 *     and presence still in the engine
 * @param nats the NATS connection, used when {@code type} is {@code nats}
 */
public record BrokerConfig(String type, NatsConfig nats) {

  /** The engine's own pub/sub. */
  public static final String ENGINE = "engine";

  /** NATS core pub/sub between nodes. */
  public static final String NATS = "nats";

  /** Every documented default: the engine's own pub/sub. */
  public static BrokerConfig defaults() {
    return new BrokerConfig(ENGINE, NatsConfig.defaults());
  }

  /** True when publications go through NATS. */
  public boolean isNats() {
    return NATS.equals(type);
  }
}
