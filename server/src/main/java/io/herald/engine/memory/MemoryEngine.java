package io.herald.engine.memory;

import io.herald.engine.Engine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

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
    MemoryStreams streams = new MemoryStreams(clock);
    MemoryIdempotency idempotency = new MemoryIdempotency(clock);
    MemoryPresenceStore presence = new MemoryPresenceStore(clock);
    long every = SWEEP_INTERVAL.toMillis();
    ScheduledFuture<?> sweeps = SWEEPER.scheduleWithFixedDelay(() -> {
      streams.sweep();
      idempotency.sweep();
      presence.sweep();
    }, every, every, TimeUnit.MILLISECONDS);
    return new Engine(
        new MemoryBroker(streams, idempotency),
        new MemoryHistoryStore(streams),
        presence,
        () -> sweeps.cancel(false));
  }
}
