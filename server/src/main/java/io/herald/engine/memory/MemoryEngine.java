package io.herald.engine.memory;

import io.herald.engine.Broker;
import io.herald.engine.Engine;
import io.herald.engine.HistoryAppender;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The embedded single-node engine: broker, history and presence in this process's memory. Lost on
 * restart, which gives every channel a new epoch, so returning clients are told they cannot
 * recover. One daemon thread, shared by every memory engine of the process, reclaims expired
 * streams, idempotency keys and presence entries every {@link #SWEEP_INTERVAL}; reads never see
 * expired data in between.
 */
public final class MemoryEngine {

  /** How often expired data is reclaimed: 10 s keeps at most 10 s of garbage. */
  static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);

  private static final ScheduledExecutorService SWEEPER =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "herald-memory-sweeper");
        t.setDaemon(true);
        return t;
      });

  private MemoryEngine() {}

  /** A started memory engine; closing it stops its sweeps. */
  public static Engine create(Clock clock) {
    return create(clock, null);
  }

  /**
   * Memory history and presence beside another broker (NATS): {@code broker} gets the appender of
   * this engine's streams for publications with history. Closing the engine closes the broker,
   * then stops the sweeps.
   *
   * @param broker builds the broker from the appender; null for the memory broker
   */
  public static Engine create(Clock clock, Function<HistoryAppender, Broker> broker) {
    MemoryStreams streams = new MemoryStreams(clock);
    MemoryIdempotency idempotency = new MemoryIdempotency(clock);
    MemoryPresenceStore presence = new MemoryPresenceStore(clock);
    Broker built = broker == null
        ? new MemoryBroker(streams, idempotency)
        : broker.apply(new MemoryHistoryAppender(streams, idempotency));
    long every = SWEEP_INTERVAL.toMillis();
    ScheduledFuture<?> sweeps = SWEEPER.scheduleWithFixedDelay(() -> {
      streams.sweep();
      idempotency.sweep();
      presence.sweep();
    }, every, every, TimeUnit.MILLISECONDS);
    return new Engine(
        built,
        new MemoryHistoryStore(streams),
        presence,
        () -> sweeps.cancel(false));
  }
}
