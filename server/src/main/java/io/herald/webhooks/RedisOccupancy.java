package io.herald.webhooks;

import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Occupancy} of a cluster on Redis: which nodes have a channel's subscribers and a user's
 * connections is kept in Redis sets, changed by Lua scripts that also add the resulting event to
 * the outbox ({@link RedisWebhookScripts}), so only the node whose change made the transition
 * emits it. Every node writes a heartbeat every {@link #HEARTBEAT}; every node, every {@link
 * #HEARTBEAT}, forgets nodes silent for {@link #DEAD_AFTER} (their channels left with no
 * subscriber are vacated, their users left with no connection go offline after the grace) and
 * sends the {@code user.offline} events that are due. So after a node is killed, its channels'
 * {@code channel.vacated} is in the outbox within {@code DEAD_AFTER + HEARTBEAT} (7 s), its
 * users' {@code user.offline} within that plus the grace. Script calls from the node never block
 * (Lettuce's asynchronous commands, in order on one connection). Thread-safe.
 */
public final class RedisOccupancy implements Occupancy {

  private static final Logger log = LoggerFactory.getLogger(RedisOccupancy.class);

  /** How often a node writes its heartbeat and reconciles. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(1);

  /** Silence after which a node counts as dead. */
  public static final Duration DEAD_AFTER = Duration.ofSeconds(6);

  private final RedisOutbox outbox;
  private final Clock clock;
  private final Duration grace;
  private final Set<String> channels = ConcurrentHashMap.newKeySet();
  private final Set<String> users = ConcurrentHashMap.newKeySet();
  private final Thread reconciler;
  private boolean registered;

  /** Starts the heartbeat and the reconciler. */
  public RedisOccupancy(RedisOutbox outbox, Clock clock, Duration grace) {
    this.outbox = outbox;
    this.clock = clock;
    this.grace = grace;
    this.reconciler = Thread.ofVirtual().name("herald-webhook-reconcile").start(this::loop);
  }

  @Override
  public void channelOccupied(String channel) {
    channels.add(channel);
    outbox.run(RedisWebhookScripts.CHANNEL_ADD,
        WebhookEvent.channel(WebhookEvent.CHANNEL_OCCUPIED, clock.millis(), channel),
        outbox.prefix(), outbox.node(), channel);
  }

  @Override
  public void channelVacated(String channel) {
    channels.remove(channel);
    outbox.run(RedisWebhookScripts.CHANNEL_REMOVE,
        WebhookEvent.channel(WebhookEvent.CHANNEL_VACATED, clock.millis(), channel),
        outbox.prefix(), outbox.node(), channel);
  }

  @Override
  public void userConnected(String user) {
    if (user.isEmpty()) {
      return;
    }
    users.add(user);
    outbox.run(RedisWebhookScripts.USER_ADD,
        WebhookEvent.user(WebhookEvent.USER_ONLINE, clock.millis(), user),
        outbox.prefix(), outbox.node(), user);
  }

  @Override
  public void userDisconnected(String user) {
    if (user.isEmpty()) {
      return;
    }
    users.remove(user);
    RedisWebhookScripts.USER_REMOVE.run(outbox.async(), ScriptOutputType.INTEGER, new String[0],
        outbox.prefix(), outbox.node(), user, Long.toString(grace.toMillis()))
        .whenComplete((v, e) -> {
          if (e != null) {
            outbox.warnRarely("webhook state of user {} could not be stored in Redis: {}", user,
                e.toString());
          }
        });
  }

  private void loop() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        reconcile();
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        outbox.warnRarely("webhook reconciliation failed (retried every second): {}",
            e.toString());
      }
      try {
        Thread.sleep(HEARTBEAT.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One round: heartbeat, forget dead nodes, vacate their channels, send due offlines. */
  void reconcile() throws Exception {
    Long added = RedisWebhookScripts.HEARTBEAT.<Long>run(outbox.async(),
        ScriptOutputType.INTEGER, new String[0], outbox.prefix(), outbox.node()).get();
    if (added != null && added == 1 && registered) {
      log.warn("webhooks: this node is not registered in Redis (taken for dead after {}s"
          + " without heartbeat, or Redis lost its data); registering its channels and users"
          + " again", DEAD_AFTER.toSeconds());
      channels.forEach(this::channelOccupied);
      users.forEach(this::userConnected);
    }
    registered = true;
    Long dead = reap("");
    if (dead != null && dead > 0) {
      log.info("webhooks: {} node(s) without heartbeat for {}s forgotten; their channels and"
          + " users are reconciled", dead, DEAD_AFTER.toSeconds());
    }
    vacatePending();
    offlineDue();
  }

  private Long reap(String node) throws Exception {
    return RedisWebhookScripts.REAP.<Long>run(outbox.async(), ScriptOutputType.INTEGER,
        new String[0], outbox.prefix(), Long.toString(DEAD_AFTER.toMillis()),
        Long.toString(grace.toMillis()), node).get(10, TimeUnit.SECONDS);
  }

  private void vacatePending() throws Exception {
    for (String channel : outbox.sync().srandmember(outbox.prefix() + ":vacating", 200)) {
      outbox.run(RedisWebhookScripts.CHANNEL_VACATE,
          WebhookEvent.channel(WebhookEvent.CHANNEL_VACATED, clock.millis(), channel),
          outbox.prefix(), channel).get(10, TimeUnit.SECONDS);
    }
  }

  private void offlineDue() throws Exception {
    List<String> due = RedisWebhookScripts.DUE.<List<String>>run(outbox.async(),
        ScriptOutputType.MULTI, new String[0], outbox.prefix(), "200").get(10, TimeUnit.SECONDS);
    for (String user : due) {
      outbox.run(RedisWebhookScripts.USER_OFFLINE,
          WebhookEvent.user(WebhookEvent.USER_OFFLINE, clock.millis(), user),
          outbox.prefix(), user).get(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Stops the reconciler and hands this node's channels and users back at once, as if it had
   * died: the survivors vacate what only it had, and its users go offline after the grace.
   */
  @Override
  public void close() {
    reconciler.interrupt();
    try {
      reconciler.join(2000);
      reap(outbox.node());
      vacatePending();
    } catch (Exception e) {
      log.debug("webhooks: handing this node's state back failed: {}", e.toString());
    }
  }
}
