package io.herald.engine.nats;

import io.nats.client.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confirms subscribes with NATS in batches: every subscribe waiting when a flush starts is
 * confirmed by that one round trip ({@code Connection.flush}), run on the broker's task thread,
 * never on the caller's. A failed flush still completes the waiters: jnats resubscribes on
 * reconnect, and the broker's position check covers what was missed. Thread-safe.
 */
final class SubscribeFlush {

  private static final Logger log = LoggerFactory.getLogger(SubscribeFlush.class);

  private final Connection connection;
  private final Duration timeout;
  private final Executor tasks;
  private final List<CompletableFuture<Void>> waiters = new ArrayList<>();

  SubscribeFlush(Connection connection, Duration timeout, Executor tasks) {
    this.connection = connection;
    this.timeout = timeout;
    this.tasks = tasks;
  }

  /** Completes once NATS has confirmed every subscription made before the call. */
  CompletableFuture<Void> confirmed() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    boolean first;
    synchronized (waiters) {
      first = waiters.isEmpty();
      waiters.add(done);
    }
    if (first) {
      tasks.execute(this::flush);
    }
    return done;
  }

  private void flush() {
    List<CompletableFuture<Void>> batch;
    synchronized (waiters) {
      batch = new ArrayList<>(waiters);
      waiters.clear();
    }
    try {
      connection.flush(timeout);
    } catch (TimeoutException | IllegalStateException e) {
      log.debug("NATS flush after subscribe failed; resubscribed on reconnect", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    batch.forEach(f -> f.complete(null));
  }
}
