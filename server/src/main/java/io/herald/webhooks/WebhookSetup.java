package io.herald.webhooks;

import io.herald.config.HeraldConfig;
import io.herald.config.RedisConfig;
import io.herald.clients.RedisClients;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Builds a node's {@link Webhooks} from the config: the targets of {@code webhooks}, and the
 * in-process outbox and occupancy with the memory engine, or the Redis ones (on a connection of
 * their own to {@code engine.redis.address}, or the first of {@code engine.redis.shards}) with
 * the Redis engine.
 */
public final class WebhookSetup {

  private WebhookSetup() {}

  /**
   * The webhooks of {@code config} (not started), or null when none is configured. Connects to
   * Redis (blocking): call at start, never on an event loop.
   *
   * @param node this node's unique id
   * @param extra more targets (another protocol's receivers), delivered the same way
   * @throws IllegalStateException naming {@code webhooks} when Redis cannot be reached
   */
  public static Webhooks create(HeraldConfig config, List<WebhookTarget> extra,
      PrometheusRegistry registry, String node, Clock clock) {
    List<WebhookTarget> targets = new ArrayList<>();
    for (int i = 0; i < config.webhooks().size(); i++) {
      targets.add(WebhookTarget.of(i, config.webhooks().get(i)));
    }
    targets.addAll(extra);
    if (targets.isEmpty()) {
      return null;
    }
    WebhookMetrics metrics = new WebhookMetrics(registry);
    if (!config.engine().isRedis()) {
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "herald-webhook-grace");
        t.setDaemon(true);
        return t;
      });
      MemoryOutbox outbox = new MemoryOutbox(targets, metrics, clock);
      return new Webhooks(targets, outbox, o -> new LocalOccupancy(o, clock,
          config.webhookOfflineGrace(), timer), metrics, clock, timer::shutdownNow);
    }
    RedisConfig redis = config.engine().redis();
    String address = redis.shards().isEmpty() ? redis.address() : redis.shards().get(0);
    RedisClient client = RedisClient.create(RedisURI.create(address.strip()));
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(redis.commandTimeout()))
        .sslOptions(RedisClients.sslOptions(redis.tlsCaFile()))
        .build());
    StatefulRedisConnection<String, String> connection;
    try {
      connection = client.connect();
    } catch (RuntimeException e) {
      client.shutdown();
      throw new IllegalStateException("webhooks: cannot connect to Redis for the outbox ("
          + e.getMessage() + ")", e);
    }
    String prefix = "{" + redis.prefix() + ":wh}";
    RedisOutbox outbox = new RedisOutbox(connection, prefix, node, targets, metrics, clock);
    return new Webhooks(targets, outbox,
        o -> new RedisOccupancy((RedisOutbox) o, clock, config.webhookOfflineGrace()), metrics,
        clock, () -> {
          connection.close();
          client.shutdown();
        });
  }
}
