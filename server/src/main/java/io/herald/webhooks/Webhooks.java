package io.herald.webhooks;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The webhooks of one node: what the node tells it (local channel and user transitions, presence
 * joins and leaves, client publications) becomes events in the outbox, and one {@link Deliverer}
 * per target and partition, each on its own virtual thread, sends them. Every method the node
 * calls is non-blocking and never throws. Event types no target wants are not even built (with
 * no target at all, nothing is tracked). Thread-safe.
 */
public final class Webhooks implements AutoCloseable {

  private final List<WebhookTarget> targets;
  private final Outbox outbox;
  private final Occupancy occupancy;
  private final WebhookMetrics metrics;
  private final Clock clock;
  private final HttpSender sender = new HttpSender();
  private final Set<String> wanted = new HashSet<>();
  private final List<Deliverer> deliverers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final Runnable onClose;
  private volatile boolean closed;

  /**
   * @param occupancy made from the outbox (it adds the transitions it decides on)
   */
  public Webhooks(List<WebhookTarget> targets, Outbox outbox,
      Function<Outbox, Occupancy> occupancy, WebhookMetrics metrics, Clock clock) {
    this(targets, outbox, occupancy, metrics, clock, () -> {});
  }

  /**
   * @param occupancy made from the outbox (it adds the transitions it decides on)
   * @param onClose runs last on {@link #close} (closes what the outbox uses)
   */
  public Webhooks(List<WebhookTarget> targets, Outbox outbox,
      Function<Outbox, Occupancy> occupancy, WebhookMetrics metrics, Clock clock,
      Runnable onClose) {
    this.onClose = onClose;
    this.targets = List.copyOf(targets);
    this.outbox = outbox;
    this.occupancy = occupancy.apply(outbox);
    this.metrics = metrics;
    this.clock = clock;
    metrics.queues(outbox::stats);
    targets.forEach(t -> wanted.addAll(t.types()));
  }

  /** Starts delivering; call once. */
  public void start() {
    for (WebhookTarget t : targets) {
      for (int p = 0; p < Partitions.COUNT; p++) {
        Deliverer d = new Deliverer(t, outbox.queue(t, p), sender, metrics, clock);
        deliverers.add(d);
        threads.add(Thread.ofVirtual().name("herald-webhook-" + t.id() + "-" + p).start(d));
      }
    }
  }

  /** True when some target wants events of {@code type} (never after {@link #close}). */
  public boolean wants(String type) {
    return !closed && wanted.contains(type);
  }

  /** The first subscriber of {@code channel} on this node. */
  public void channelOccupiedHere(String channel) {
    if (wants(WebhookEvent.CHANNEL_OCCUPIED) || wants(WebhookEvent.CHANNEL_VACATED)) {
      occupancy.channelOccupied(channel);
    }
  }

  /** The last subscriber of {@code channel} on this node is gone. */
  public void channelVacatedHere(String channel) {
    if (wants(WebhookEvent.CHANNEL_OCCUPIED) || wants(WebhookEvent.CHANNEL_VACATED)) {
      occupancy.channelVacated(channel);
    }
  }

  /** The first connection of {@code user} on this node. */
  public void userConnectedHere(String user) {
    if (wants(WebhookEvent.USER_ONLINE) || wants(WebhookEvent.USER_OFFLINE)) {
      occupancy.userConnected(user);
    }
  }

  /** The last connection of {@code user} on this node is gone. */
  public void userDisconnectedHere(String user) {
    if (wants(WebhookEvent.USER_ONLINE) || wants(WebhookEvent.USER_OFFLINE)) {
      occupancy.userDisconnected(user);
    }
  }

  /** {@code presence.join} or {@code presence.leave} of a client in {@code channel}. */
  public void presence(boolean join, String channel, String user, String client, byte[] info) {
    String type = join ? WebhookEvent.PRESENCE_JOIN : WebhookEvent.PRESENCE_LEAVE;
    if (wants(type)) {
      outbox.add(new WebhookEvent(WebhookEvent.newId(), type, clock.millis(), channel, user,
          client, info, null));
    }
  }

  /** {@code client.publish}: a client published {@code data} (raw JSON) to {@code channel}. */
  public void clientPublished(String channel, String user, String client, byte[] data) {
    if (wants(WebhookEvent.CLIENT_PUBLISH)) {
      outbox.add(new WebhookEvent(WebhookEvent.newId(), WebhookEvent.CLIENT_PUBLISH,
          clock.millis(), channel, user, client, null, data));
    }
  }

  /**
   * An event of a type of another protocol's own, such as Pusher's client events: queued for the
   * targets that list its type (the target's format renders it), dropped when none does.
   */
  public void add(WebhookEvent event) {
    if (wants(event.type())) {
      outbox.add(event);
    }
  }

  /** The targets, in config order. */
  public List<WebhookTarget> targets() {
    return targets;
  }

  /** The queues as this node sees them. */
  public List<WebhookMetrics.QueueStats> queues() {
    return outbox.stats();
  }

  /** This node's delivery counts. */
  public WebhookMetrics metrics() {
    return metrics;
  }

  /**
   * Stops delivery (an undelivered batch stays queued), timers and the HTTP client; what the
   * node reports afterwards is ignored.
   */
  @Override
  public void close() {
    closed = true;
    deliverers.forEach(Deliverer::stop);
    threads.forEach(Thread::interrupt);
    for (Thread t : threads) {
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    occupancy.close();
    outbox.close();
    sender.close();
    onClose.run();
  }
}
