package io.herald.webhooks;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox of the Redis engine: per target and partition a Redis stream {@code
 * {prefix:wh}:out:<target>:<partition>}, read through the consumer group {@code herald}. Each
 * partition is delivered by the one node holding its lease ({@link RedisPartition}); a node that
 * takes a partition over first claims the pending entries of the previous holder (XAUTOCLAIM),
 * so a node dying mid-batch leaves its events to another, in order. Entries are deleted once
 * acknowledged. Events survive a crash of any node; they are lost only with Redis's own data.
 * Thread-safe.
 */
public final class RedisOutbox implements Outbox {

  private static final Logger log = LoggerFactory.getLogger(RedisOutbox.class);

  /** The consumer group of every stream. */
  static final String GROUP = "herald";

  private final StatefulRedisConnection<String, String> connection;
  private final String prefix;
  private final String node;
  private final Map<String, WebhookTarget> targets = new LinkedHashMap<>();
  private final Map<String, RedisPartition> partitions = new LinkedHashMap<>();
  private final WebhookMetrics metrics;
  private final Clock clock;
  private final Thread leaseKeeper;

  /**
   * @param connection shared by every partition and the occupancy; closed by the owner
   * @param prefix the key prefix with its hash tag, e.g. {@code {herald:wh}}
   * @param node this node's unique id (its consumer name and lease value)
   */
  public RedisOutbox(StatefulRedisConnection<String, String> connection, String prefix,
      String node, List<WebhookTarget> targets, WebhookMetrics metrics, Clock clock) {
    this.connection = connection;
    this.prefix = prefix;
    this.node = node;
    this.metrics = metrics;
    this.clock = clock;
    for (WebhookTarget t : targets) {
      this.targets.put(t.id(), t);
      for (int p = 0; p < Partitions.COUNT; p++) {
        partitions.put(t.id() + ":" + p, new RedisPartition(this, stream(t, p)));
      }
    }
    leaseKeeper = Thread.ofVirtual().name("herald-webhook-leases").start(this::keepLeases);
  }

  /** The stream base of {@code target}: its partitions are {@code <base>:<n>}. */
  String base(WebhookTarget target) {
    return prefix + ":out:" + target.id();
  }

  private String stream(WebhookTarget target, int partition) {
    return base(target) + ":" + partition;
  }

  String prefix() {
    return prefix;
  }

  String node() {
    return node;
  }

  RedisCommands<String, String> sync() {
    return connection.sync();
  }

  RedisAsyncCommands<String, String> async() {
    return connection.async();
  }

  @Override
  public void add(WebhookEvent event) {
    run(RedisWebhookScripts.ADD, event);
  }

  /**
   * Runs an emitting script for {@code event} (routed to the targets that accept it) with the
   * script's own {@code extra} arguments; counts full targets. Never blocks.
   *
   * @return what the script returned: the bit mask of the full targets, or -1 when it emitted
   *     nothing
   */
  CompletableFuture<Long> run(LuaScript script, WebhookEvent event, String... extra) {
    List<String> keys = new ArrayList<>();
    List<String> args = new ArrayList<>();
    args.add(new String(EventJson.event(event), java.nio.charset.StandardCharsets.UTF_8));
    args.add(event.key());
    List<WebhookTarget> accepting = new ArrayList<>();
    for (WebhookTarget t : targets.values()) {
      if (t.accepts().test(event)) {
        accepting.add(t);
        keys.add(base(t));
      }
    }
    args.add(Integer.toString(accepting.size()));
    accepting.forEach(t -> args.add(Integer.toString(t.queueMaxSize())));
    args.addAll(List.of(extra));
    CompletableFuture<Long> done = script.<Long>run(async(), ScriptOutputType.INTEGER,
        keys.toArray(String[]::new), args.toArray(String[]::new));
    return done.whenComplete((full, e) -> {
      if (e != null) {
        warnRarely("webhook event {} ({}) could not be stored in Redis: {}", event.type(),
            event.key(), e.toString());
      } else if (full != null && full > 0) {
        for (int i = 0; i < accepting.size(); i++) {
          if ((full & (1L << i)) != 0) {
            metrics.dropped(accepting.get(i).id(), "queueFull", 1);
            warnRarely("webhook {}: queue full ({} events); dropped event {} and maybe more",
                accepting.get(i).id(), accepting.get(i).queueMaxSize(), event.type());
          }
        }
      }
    });
  }

  private volatile long lastWarning;

  /** Logs at WARN at most once per 10 seconds (a Redis outage or a full queue repeats). */
  void warnRarely(String format, Object... args) {
    long now = System.nanoTime();
    if (lastWarning == 0 || now - lastWarning > TimeUnit.SECONDS.toNanos(10)) {
      lastWarning = now;
      log.warn(format, args);
    }
  }

  @Override
  public DeliveryQueue queue(WebhookTarget target, int partition) {
    return partitions.get(target.id() + ":" + partition);
  }

  @Override
  public List<WebhookMetrics.QueueStats> stats() {
    long now = clock.millis();
    List<WebhookMetrics.QueueStats> out = new ArrayList<>();
    try {
      for (WebhookTarget t : targets.values()) {
        long depth = 0;
        long oldest = Long.MAX_VALUE;
        for (int p = 0; p < Partitions.COUNT; p++) {
          String key = stream(t, p);
          depth += sync().xlen(key);
          List<StreamMessage<String, String>> first = sync().xrange(key,
              io.lettuce.core.Range.create("-", "+"), io.lettuce.core.Limit.from(1));
          if (!first.isEmpty()) {
            oldest = Math.min(oldest, Long.parseLong(first.get(0).getId().split("-")[0]));
          }
        }
        out.add(new WebhookMetrics.QueueStats(t.id(), depth,
            oldest == Long.MAX_VALUE ? 0 : Math.max(0, now - oldest)));
      }
    } catch (RuntimeException e) {
      log.debug("webhook queue stats failed: {}", e.toString());
    }
    return out;
  }

  /** Creates the group of {@code stream} (and the stream) when missing. */
  void ensureGroup(String stream) {
    try {
      sync().xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), GROUP,
          XGroupCreateArgs.Builder.mkstream());
    } catch (RedisBusyException exists) {
      // BUSYGROUP: made by this or another node before
    }
  }

  /** Tries to take {@code lease} for {@link RedisPartition#LEASE_MILLIS}. */
  boolean acquire(String lease) {
    return "OK".equals(sync().set(lease, node,
        SetArgs.Builder.nx().px(RedisPartition.LEASE_MILLIS)));
  }

  /** Moves every pending entry of {@code stream}'s group to this node, oldest first. */
  void claimAll(String stream) {
    String cursor = "0-0";
    do {
      var result = sync().xautoclaim(stream, XAutoClaimArgs.Builder
          .xautoclaim(Consumer.from(GROUP, node), 0, cursor).count(1000));
      cursor = result.getId();
    } while (!"0-0".equals(cursor));
  }

  private void keepLeases() {
    while (!Thread.currentThread().isInterrupted()) {
      for (RedisPartition p : partitions.values()) {
        p.renew();
      }
      try {
        TimeUnit.MILLISECONDS.sleep(RedisPartition.LEASE_MILLIS / 5);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops renewing leases and lets them go, so other nodes take the partitions at once. */
  @Override
  public void close() {
    leaseKeeper.interrupt();
    partitions.values().forEach(RedisPartition::release);
  }
}
