package io.herald.config;

/**
 * Where the node keeps what its cluster shares: pub/sub between nodes, history and presence.
 *
 * @param type {@code memory} (default): everything in this process, one node only; {@code redis}:
 *     shared through Redis, for several nodes behind a load balancer
 * @param redis how to reach Redis when {@code type} is {@code redis}
 */
public record EngineConfig(String type, RedisConfig redis) {

  /** The value of {@link #type} for the embedded engine. */
  public static final String MEMORY = "memory";

  /** The value of {@link #type} for the Redis engine. */
  public static final String REDIS = "redis";

  /** Every documented default: the memory engine. */
  public static EngineConfig defaults() {
    return new EngineConfig(MEMORY, RedisConfig.defaults());
  }

  /** True when {@link #type} is {@code redis}. */
  public boolean isRedis() {
    return REDIS.equals(type);
  }
}
