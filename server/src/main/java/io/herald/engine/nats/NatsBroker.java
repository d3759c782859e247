package io.herald.engine.nats;

import io.herald.config.NatsConfig;
import io.herald.engine.Broker;
import io.herald.engine.BrokerEventHandler;
import io.herald.engine.ClientInfo;
import io.herald.engine.wire.ControlCodec;
import io.herald.engine.ControlMessage;
import io.herald.engine.Health;
import io.herald.engine.HealthCheck;
import io.herald.engine.HistoryAppender;
import io.herald.engine.Publication;
import io.herald.engine.PublishOptions;
import io.herald.engine.StreamPosition;
import io.herald.engine.memory.MemoryIdempotency;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker over NATS core pub/sub: one subject per channel and one control subject every node
 * subscribes to ({@link NatsSubjects}); history, when a channel keeps it, lives in the {@link
 * HistoryAppender}'s store (memory on one node, Redis across nodes).
 *
 * <p>Publish: with history, the appender stores the publication and this broker hands it to NATS,
 * a channel's publications from this node in offset order ({@link AppendOrder}); the stage
 * completes once NATS has it queued on a live connection. Without
 * history the publication goes to NATS alone: at-most-once, nothing to recover from. Publications,
 * joins and leaves of a channel share its subject, so a node sees them in the order one publisher
 * sent them. Two nodes publishing concurrently to one channel may interleave offsets on the way
 * (NATS orders per publisher only): {@link OffsetReorder} holds an early publication for up to
 * {@link NatsConfig#reorderWindow()} until the ones before it arrived; past that the node sees the
 * gap and turns it into a resubscribe with recovery (2500), so nothing is lost silently.
 *
 * <p>Connection: established at construction (a node does not start without its broker); after
 * that, losing NATS is survived: jnats reconnects with exponential backoff ({@link
 * NatsConfig#reconnectWait()} doubling up to {@link NatsConfig#reconnectMaxWait()}, with jitter,
 * forever) and resubscribes. Nothing is buffered while disconnected: every publish, join, leave or
 * control message fails at once instead of piling up or vanishing. Once reconnected (and the
 * resubscriptions confirmed), the position of every subscribed channel is read from the history
 * store and handed to {@link BrokerEventHandler#onPositionCheck}, because whatever was published
 * meanwhile did not reach this node: subscribers behind that position recover. {@link #health} follows the
 * connection's events; transitions are logged.
 *
 * <p>Threads: nothing here blocks the caller except {@link #close}. Messages are handed to the
 * node on one dispatcher thread, so a channel's messages are never handed over concurrently.
 * Thread-safe.
 */
public final class NatsBroker implements Broker, HealthCheck {

  private static final Logger log = LoggerFactory.getLogger(NatsBroker.class);
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
  private static final CompletableFuture<StreamPosition> NO_POSITION =
      CompletableFuture.completedFuture(StreamPosition.NONE);

  private final NatsConfig config;
  private final NatsSubjects subjects;
  private final HistoryAppender history;
  private final AppendOrder order;
  private final MemoryIdempotency idempotency;
  private final ScheduledExecutorService tasks;
  private final ConcurrentHashMap<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final Connection connection;
  private final Dispatcher dispatcher;
  private final SubscribeFlush subscribeFlush;
  private volatile OffsetReorder handler;
  private volatile Health health = Health.UP;

  /**
   * Connects to NATS; blocks up to {@link NatsConfig#connectTimeout()} per server of {@code
   * config.url()}. Call at start, not on an event loop.
   *
   * @param history where publications with history are appended
   * @param clock expires idempotency keys of publications without history
   * @param name this node's name, shown in NATS monitoring as the connection name
   * @throws IllegalStateException naming {@code broker.nats.url} when no server can be reached
   */
  public NatsBroker(NatsConfig config, HistoryAppender history, Clock clock, String name) {
    this.config = config;
    this.subjects = new NatsSubjects(config.prefix());
    this.history = history;
    this.order = new AppendOrder(
        (channel, p) -> trySend(subjects.channel(channel), NatsCodec.publication(p)));
    this.idempotency = new MemoryIdempotency(clock);
    this.tasks = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "herald-nats");
      t.setDaemon(true);
      return t;
    });
    try {
      this.connection = NatsConnections.connect(config, name, this::onConnectionEvent);
    } catch (RuntimeException e) {
      tasks.shutdownNow();
      throw e;
    }
    this.dispatcher = connection.createDispatcher();
    this.subscribeFlush = new SubscribeFlush(connection, config.connectTimeout(), tasks);
    tasks.scheduleWithFixedDelay(idempotency::sweep, 10, 10, TimeUnit.SECONDS);
    log.info("NATS broker connected, subjects under {}", config.prefix());
  }

  /**
   * Subscribes to the control subject and waits (up to the connect timeout, at start) until NATS
   * confirmed it, so that control messages sent once this returned reach this node.
   */
  @Override
  public void start(BrokerEventHandler handler) {
    this.handler = new OffsetReorder(handler, config.reorderWindow(), tasks);
    dispatcher.subscribe(subjects.control(), this::onControl);
    try {
      connection.flush(config.connectTimeout());
    } catch (TimeoutException e) {
      log.warn("NATS did not confirm the control subscription within {}", config.connectTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Health health() {
    return health;
  }

  @Override
  public CompletionStage<StreamPosition> publish(
      String channel, Publication publication, PublishOptions options) {
    if (handler == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("broker not started"));
    }
    if (!connected()) {
      return CompletableFuture.failedFuture(unavailable());
    }
    String subject = subjects.channel(channel);
    if (options.history().keeps()) {
      return publishWithHistory(channel, publication, options);
    }
    if (options.idempotencyKey() == null) {
      return published(trySend(subject, NatsCodec.publication(publication)));
    }
    return idempotency.once(channel, options.idempotencyKey(), options.idempotencyWindow(),
        () -> published(trySend(subject, NatsCodec.publication(publication))));
  }

  /**
   * Appends, then sends the stored publication through {@link #order}, so this node's
   * publications of a channel reach NATS in offset order whatever thread each append completes
   * on. The stage completes once the publication was handed to NATS.
   */
  private CompletionStage<StreamPosition> publishWithHistory(
      String channel, Publication publication, PublishOptions options) {
    long ticket = order.begin(channel);
    Publication[] stored = new Publication[1];
    CompletionStage<StreamPosition> appended;
    try {
      appended = history.append(channel, publication, options.history(),
          options.idempotencyKey(), options.idempotencyWindow(), p -> stored[0] = p);
    } catch (RuntimeException e) {
      appended = CompletableFuture.failedFuture(e);
    }
    return appended.handle((position, error) -> {
      CompletableFuture<Void> sent =
          order.finish(channel, ticket, error == null ? stored[0] : null);
      return error != null
          ? CompletableFuture.<StreamPosition>failedFuture(error)
          : sent.thenApply(v -> position);
    }).thenCompose(f -> f);
  }

  private static CompletableFuture<StreamPosition> published(RuntimeException refused) {
    return refused == null ? NO_POSITION : CompletableFuture.failedFuture(refused);
  }

  @Override
  public CompletionStage<Void> publishJoin(String channel, ClientInfo info) {
    return send(subjects.channel(channel), NatsCodec.join(info));
  }

  @Override
  public CompletionStage<Void> publishLeave(String channel, ClientInfo info) {
    return send(subjects.channel(channel), NatsCodec.leave(info));
  }

  @Override
  public CompletionStage<Void> publishControl(ControlMessage message) {
    return send(subjects.control(), ControlCodec.encode(message));
  }

  private CompletableFuture<Void> send(String subject, byte[] bytes) {
    RuntimeException refused = trySend(subject, bytes);
    return refused == null ? DONE : CompletableFuture.failedFuture(refused);
  }

  /** Hands {@code bytes} to NATS; returns why NATS refused them, or null. Never waits. */
  private RuntimeException trySend(String subject, byte[] bytes) {
    if (!connected()) {
      return unavailable();
    }
    try {
      connection.publish(subject, bytes);
      return null;
    } catch (RuntimeException e) {
      return new IllegalStateException("nats: publish refused: " + e.getMessage(), e);
    }
  }

  /**
   * Subscribes to the channel's subject; completes once NATS has confirmed it (one round trip,
   * shared by every subscribe in flight), so a publication sent after that reaches this node.
   * While disconnected it completes at once: jnats subscribes when the connection is back, and
   * its position is checked then.
   */
  @Override
  public CompletionStage<Void> subscribe(String channel) {
    boolean[] fresh = new boolean[1];
    try {
      subscriptions.computeIfAbsent(channel, c -> {
        handler.track(c);
        fresh[0] = true;
        return dispatcher.subscribe(subjects.channel(c), message -> onChannelMessage(c, message));
      });
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("nats: subscribe refused: " + e.getMessage(), e));
    }
    CompletableFuture<Void> confirmed = confirmed();
    if (fresh[0]) {
      confirmed.thenRun(() -> readBaseline(channel));
    }
    return confirmed;
  }

  /**
   * Once the subscription is confirmed, where the channel's stream stands: every later
   * publication reaches this node, so {@link OffsetReorder} expects the one after it.
   */
  private void readBaseline(String channel) {
    CompletionStage<StreamPosition> position;
    try {
      position = history == null ? NO_POSITION : history.position(channel);
    } catch (RuntimeException e) {
      position = NO_POSITION;
    }
    position.whenComplete((p, error) -> {
      OffsetReorder h = handler;
      if (h != null && error == null && history != null) {
        h.baseline(channel, p);
      } else if (h != null) {
        h.baselineUnknown(channel);
      }
    });
  }

  @Override
  public CompletionStage<Void> unsubscribe(String channel) {
    Subscription subscription = subscriptions.remove(channel);
    if (subscription == null) {
      return DONE;
    }
    OffsetReorder h = handler;
    if (h != null) {
      h.forget(channel);
    }
    try {
      dispatcher.unsubscribe(subscription);
    } catch (RuntimeException e) {
      // NATS drops it with the connection at the latest; the node ignores what it does not want.
      log.debug("NATS unsubscribe from {} not sent: {}", channel, e.getMessage());
    }
    return DONE;
  }

  /** Channels this node is subscribed to: for tests and {@code info}. */
  int subscribedChannels() {
    return subscriptions.size();
  }

  private CompletableFuture<Void> confirmed() {
    return connected() ? subscribeFlush.confirmed() : DONE;
  }

  private void onChannelMessage(String channel, Message message) {
    OffsetReorder h = handler;
    if (h == null) {
      return;
    }
    try {
      NatsCodec.dispatch(channel, message.getData(), h);
    } catch (IllegalArgumentException e) {
      log.warn("dropped a message on NATS subject {}: {}", message.getSubject(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("the node failed on a message of channel {}", channel, e);
    }
  }

  private void onControl(Message message) {
    OffsetReorder h = handler;
    if (h == null) {
      return;
    }
    try {
      ControlCodec.decode(message.getData()).ifPresent(h::onControl);
    } catch (IllegalArgumentException e) {
      log.warn("dropped a control message: {}", e.getMessage());
    } catch (RuntimeException e) {
      log.error("the node failed on a control message", e);
    }
  }

  private void onConnectionEvent(ConnectionListener.Events event) {
    switch (event) {
      case DISCONNECTED -> {
        boolean wasUp = health.up();
        health = Health.down("nats: disconnected, reconnecting");
        if (wasUp) {
          log.warn("NATS connection lost; publishes fail until it is back, reconnecting");
        }
      }
      case RECONNECTED -> {
        health = Health.UP;
        log.info("NATS connection back; {} channels resubscribed", subscriptions.size());
        tasks.execute(this::checkPositions);
      }
      case CLOSED -> health = Health.down("nats: connection closed");
      default -> { }
    }
  }

  /**
   * Runs on {@link #tasks} after a reconnect: once NATS confirmed the resubscriptions, reads the
   * position of every subscribed channel and hands it to the node, whose subscribers behind it
   * recover. A position read after the confirmation covers every publication this node may have
   * missed; later ones arrive through NATS.
   */
  private void checkPositions() {
    try {
      connection.flush(config.connectTimeout());
    } catch (TimeoutException | IllegalStateException e) {
      log.debug("NATS flush after reconnect failed; checking positions anyway", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    for (String channel : subscriptions.keySet()) {
      history.position(channel).whenComplete((position, error) -> {
        OffsetReorder h = handler;
        if (h == null || !subscriptions.containsKey(channel)) {
          return;
        }
        if (error != null) {
          log.warn("position of {} unknown after a NATS reconnect; its subscribers recover",
              channel);
        }
        h.onPositionCheck(channel, error != null ? StreamPosition.NONE : position);
      });
    }
  }

  private boolean connected() {
    return connection.getStatus() == Connection.Status.CONNECTED;
  }

  private IllegalStateException unavailable() {
    return new IllegalStateException("nats: not connected (" + connection.getStatus() + ")");
  }

  /** Unsubscribes everything and closes the connection; blocks until it is closed. */
  @Override
  public void close() {
    handler = null;
    tasks.shutdownNow();
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
