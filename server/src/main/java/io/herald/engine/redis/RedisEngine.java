package io.herald.engine.redis;

import io.herald.clients.RedisClients;

import io.herald.config.RedisConfig;
import io.herald.engine.Engine;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the Redis engine from {@code engine.redis}: broker, history and presence sharing one set
 * of connections (two per Redis deployment: commands and pub/sub) and one Lettuce thread pool.
 *
 * <p>Another broker (NATS) that keeps history and presence in Redis takes {@link Engine#history()}
 * (a {@link RedisHistoryStore}: {@link RedisHistoryStore#append} appends without publishing) and
 * {@link Engine#presence()} of this engine, never starts its broker, and closes this engine as
 * its {@link Engine#shared()}.
 */
public final class RedisEngine {

  /** First reconnect delay; doubles up to {@code reconnectMaxDelay}. */
  static final Duration FIRST_RECONNECT_DELAY = Duration.ofMillis(100);

  private RedisEngine() {}

  /**
   * Connects and returns the engine (its broker not yet started). Blocks until Redis answers:
   * call at startup, never on an event loop.
   *
   * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
   */
  public static Engine create(RedisConfig config) {
    ClientResources resources = ClientResources.builder()
        .reconnectDelay(Delay.exponential(
            FIRST_RECONNECT_DELAY, config.reconnectMaxDelay(), 2, TimeUnit.MILLISECONDS))
        .build();
    RedisKeys keys = new RedisKeys(config.prefix());
    RedisBroker broker = new RedisBroker(keys);
    List<RedisShard> connected = new ArrayList<>();
    Duration timeout = config.commandTimeout();
    SslOptions ssl = sslOptions(config);
    try {
      if (!config.cluster().isEmpty()) {
        String name = "cluster " + RedisClients.hosts(config.cluster());
        connected.add(RedisShard.cluster(name, config.cluster().stream().map(RedisURI::create)
                .toList(), resources, timeout, ssl, broker.listener(),
            () -> broker.disconnected(name), () -> broker.connected(name)));
      } else {
        for (String address : addresses(config)) {
          String name = config.sentinel().enabled()
              ? "sentinel " + config.sentinel().masterName() : RedisClients.hosts(List.of(address));
          connected.add(RedisShard.single(name, uri(config, address), resources, timeout, ssl,
              broker.listener(), () -> broker.disconnected(name), () -> broker.connected(name)));
        }
      }
      RedisShards shards = new RedisShards(connected);
      RedisStreams streams = new RedisStreams(shards, keys);
      broker.attach(shards, streams);
      shards.control().pubSub().sync().subscribe(keys.control());
      return new Engine(
          broker,
          new RedisHistoryStore(streams, shards),
          new RedisPresenceStore(shards, keys),
          () -> {
            shards.close();
            resources.shutdown(0, 2, TimeUnit.SECONDS);
          });
    } catch (RuntimeException e) {
      connected.forEach(RedisShard::close);
      resources.shutdown(0, 2, TimeUnit.SECONDS);
      throw e;
    }
  }

  /**
   * What {@code rediss://} connections trust: the CAs of {@code tlsCaFile}, or the JVM's trust
   * store (Lettuce's defaults) when it is not set. Peers are verified in full (name included).
   */
  static SslOptions sslOptions(RedisConfig c) {
    return RedisClients.sslOptions(c.tlsCaFile());
  }

  /** The addresses of single-Redis shards: the shards, or the one address (or Sentinel). */
  private static List<String> addresses(RedisConfig c) {
    if (!c.shards().isEmpty()) {
      return c.shards();
    }
    return List.of(c.address());
  }

  private static RedisURI uri(RedisConfig c, String address) {
    if (!c.sentinel().enabled()) {
      return RedisURI.create(address.strip());
    }
    RedisURI first = RedisURI.create(c.sentinel().addresses().get(0).strip());
    RedisURI.Builder b = RedisURI.Builder.sentinel(
        first.getHost(), first.getPort(), c.sentinel().masterName());
    for (String more : c.sentinel().addresses().subList(1, c.sentinel().addresses().size())) {
      RedisURI s = RedisURI.create(more.strip());
      b.withSentinel(s.getHost(), s.getPort());
    }
    RedisURI master = RedisURI.create(address.strip());
    if (master.getPassword() != null) {
      b.withPassword(master.getPassword());
    }
    return b.build();
  }
}
