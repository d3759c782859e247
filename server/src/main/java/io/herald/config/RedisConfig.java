package io.herald.config;

import java.time.Duration;
import java.util.List;

/**
 * How the Redis engine reaches Redis. One of four setups: a single Redis at {@code address}
 * (the default), Redis Sentinel ({@code sentinel.masterName} set), Redis Cluster ({@code cluster}
 * not empty), or several independent Redis instances with channels spread over them by
 * consistent hashing ({@code shards} not empty). At most one of sentinel, cluster and shards is
 * set.
 *
 * @param address the Redis URI, {@code redis://[:password@]host:port[/db]} or {@code rediss://}
 *     for TLS; default {@code redis://127.0.0.1:6379}; ignored when sentinel, cluster or shards
 *     is set
 * @param prefix start of every key and pub/sub channel Herald uses, so several Herald clusters
 *     can share one Redis; letters, digits, {@code _ - . :}; default {@code herald}
 * @param sentinel Redis Sentinel: the master's name and the sentinels' addresses
 * @param cluster seed addresses of a Redis Cluster ({@code redis://host:port}); default empty
 * @param shards addresses of independent Redis instances; a channel's pub/sub, history and
 *     presence live on one of them, chosen by consistent hashing of the channel name; control
 *     messages between nodes go through the first; default empty
 * @param commandTimeout a Redis command that has no answer after this long fails (a publish then
 *     fails with error 108); default 5s
 * @param reconnectMaxDelay after a lost connection, reconnect attempts back off exponentially
 *     from 100ms up to this delay; default 5s
 * @param tlsCaFile PEM file of the certificate authorities trusted for {@code rediss://}
 *     connections (a private CA, or a self-signed Redis certificate); default null: the JVM's
 *     trust store. The server's name is checked against its certificate either way
 */
public record RedisConfig(
    String address,
    String prefix,
    SentinelConfig sentinel,
    List<String> cluster,
    List<String> shards,
    Duration commandTimeout,
    Duration reconnectMaxDelay,
    String tlsCaFile) {

  public RedisConfig {
    cluster = cluster == null ? null : List.copyOf(cluster);
    shards = shards == null ? null : List.copyOf(shards);
  }

  /** Trusting the JVM's trust store for {@code rediss://}. */
  public RedisConfig(String address, String prefix, SentinelConfig sentinel, List<String> cluster,
      List<String> shards, Duration commandTimeout, Duration reconnectMaxDelay) {
    this(address, prefix, sentinel, cluster, shards, commandTimeout, reconnectMaxDelay, null);
  }

  /** Every documented default: one Redis on localhost. */
  public static RedisConfig defaults() {
    return new RedisConfig(
        "redis://127.0.0.1:6379",
        "herald",
        SentinelConfig.defaults(),
        List.of(),
        List.of(),
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        null);
  }

  /**
   * Redis Sentinel.
   *
   * @param masterName the name of the monitored master; null (default): Sentinel is not used
   * @param addresses the sentinels, {@code redis://host:26379}; default empty
   */
  public record SentinelConfig(String masterName, List<String> addresses) {

    public SentinelConfig {
      addresses = addresses == null ? null : List.copyOf(addresses);
    }

    /** Sentinel not used. */
    public static SentinelConfig defaults() {
      return new SentinelConfig(null, List.of());
    }

    /** True when a master name is set. */
    public boolean enabled() {
      return masterName != null;
    }
  }
}
