package io.herald.engine.redis;

import io.herald.engine.Health;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Redis deployment (a single Redis, a Sentinel-managed master or a Redis Cluster) with the two
 * connections the engine uses: one for commands and one for pub/sub. Both reconnect on their own
 * with the client resources' backoff; the pub/sub connection subscribes its channels again after a
 * reconnect. Commands issued while disconnected fail at once (they do not queue), so a publish
 * fails instead of waiting. {@code onDisconnect} and {@code onConnect} run on Lettuce's threads
 * whenever a connection of this shard is lost or (re)established. Thread-safe.
 */
final class RedisShard implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RedisShard.class);

  /** Keys are text, values raw bytes: payloads are never re-encoded. */
  static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final String name;
  private final AbstractRedisClient client;
  private final StatefulConnection<String, byte[]> commands;
  private final RedisClusterAsyncCommands<String, byte[]> async;
  private final StatefulRedisPubSubConnection<String, byte[]> pubSub;

  private RedisShard(
      String name,
      AbstractRedisClient client,
      StatefulConnection<String, byte[]> commands,
      RedisClusterAsyncCommands<String, byte[]> async,
      StatefulRedisPubSubConnection<String, byte[]> pubSub) {
    this.name = name;
    this.client = client;
    this.commands = commands;
    this.async = async;
    this.pubSub = pubSub;
  }

  /**
   * Connects to one Redis or a Sentinel-managed master; blocks until both connections are up
   * (called once at start, never on an event loop).
   *
   * @param name how logs and health name this shard (never holds a password)
   * @param ssl what {@code rediss://} trusts ({@code RedisClients.sslOptions})
   * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
   */
  static RedisShard single(
      String name, RedisURI uri, ClientResources resources, Duration commandTimeout,
      SslOptions ssl, RedisPubSubListener<String, byte[]> listener, Runnable onDisconnect,
      Runnable onConnect) {
    RedisClient client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
        .sslOptions(ssl)
        .build());
    try {
      var commands = client.connect(CODEC);
      var pubSub = client.connectPubSub(CODEC);
      return started(new RedisShard(name, client, commands, commands.async(), pubSub), listener,
          onDisconnect, onConnect);
    } catch (RuntimeException e) {
      client.shutdown(0, 2, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** Connects to a Redis Cluster through {@code seeds}; blocks like {@link #single}. */
  static RedisShard cluster(
      String name, List<RedisURI> seeds, ClientResources resources, Duration commandTimeout,
      SslOptions ssl, RedisPubSubListener<String, byte[]> listener, Runnable onDisconnect,
      Runnable onConnect) {
    RedisClusterClient client = RedisClusterClient.create(resources, seeds);
    client.setOptions(ClusterClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
        .sslOptions(ssl)
        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
            .enableAllAdaptiveRefreshTriggers()
            .enablePeriodicRefresh(Duration.ofSeconds(30))
            .build())
        .build());
    try {
      StatefulRedisClusterConnection<String, byte[]> commands = client.connect(CODEC);
      var pubSub = client.connectPubSub(CODEC);
      return started(new RedisShard(name, client, commands, commands.async(), pubSub), listener,
          onDisconnect, onConnect);
    } catch (RuntimeException e) {
      client.shutdown(0, 2, TimeUnit.SECONDS);
      throw e;
    }
  }

  private static RedisShard started(
      RedisShard shard, RedisPubSubListener<String, byte[]> listener, Runnable onDisconnect, Runnable onConnect) {
    shard.pubSub.addListener(listener);
    shard.client.addListener(new RedisConnectionStateListener() {
      @Override
      public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
        log.info("redis {}: connected to {}", shard.name, address);
        onConnect.run();
      }

      @Override
      public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
        log.warn("redis {}: connection lost; reconnecting", shard.name);
        onDisconnect.run();
      }
    });
    return shard;
  }

  /** How logs name this shard. */
  String name() {
    return name;
  }

  /** Asynchronous commands; they fail at once while disconnected. */
  RedisClusterAsyncCommands<String, byte[]> commands() {
    return async;
  }

  /** The pub/sub connection; Lettuce subscribes its channels again after a reconnect. */
  StatefulRedisPubSubConnection<String, byte[]> pubSub() {
    return pubSub;
  }

  /** Up when both connections are; no I/O. */
  Health health() {
    if (commands.isOpen() && pubSub.isOpen()) {
      return Health.UP;
    }
    return Health.down("redis " + name + ": disconnected, reconnecting");
  }

  @Override
  public void close() {
    pubSub.close();
    commands.close();
    client.shutdown(0, 2, TimeUnit.SECONDS);
  }
}
