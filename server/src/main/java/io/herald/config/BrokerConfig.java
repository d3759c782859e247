package io.herald.config;

/**
 * Which broker carries publications, joins, leaves and control messages between nodes.
 *
 * @param type {@code memory} (one node, the default) or {@code nats}
 * @param nats the NATS connection, used when {@code type} is {@code nats}
 */
public record BrokerConfig(String type, NatsConfig nats) {

  /** The single-node memory broker. */
  public static final String MEMORY = "memory";

  /** NATS core pub/sub between nodes. */
  public static final String NATS = "nats";

  /** Every documented default: the memory broker. */
  public static BrokerConfig defaults() {
    return new BrokerConfig(MEMORY, NatsConfig.defaults());
  }

  /** True when publications go through NATS. */
  public boolean isNats() {
    return NATS.equals(type);
  }
}
