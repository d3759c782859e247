package io.herald.engine.memory;

import io.herald.engine.StreamPosition;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Remembers the result of each publish that carried an idempotency key, per channel, for the
 * idempotency window. The first publish with a key runs; a repeat within the window gets the first
 * one's result, also while the first is still in flight. A failed publish forgets its key so it can
 * be retried. Thread-safe. Also used by brokers that keep no shared store for publications
 * without history (NATS): there keys are remembered per node.
 */
public final class MemoryIdempotency {

  private record Entry(CompletableFuture<StreamPosition> result, long expiresAtMillis) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;

  /** Keys expire by {@code clock}. */
  public MemoryIdempotency(Clock clock) {
    this.clock = clock;
  }

  /** Runs {@code publish} unless {@code key} was used on {@code channel} within {@code window}. */
  public CompletableFuture<StreamPosition> once(
      String channel, String key, Duration window,
      Supplier<CompletableFuture<StreamPosition>> publish) {
    String id = channel + '\u0000' + key;
    long now = clock.millis();
    CompletableFuture<StreamPosition> mine = new CompletableFuture<>();
    Entry fresh = new Entry(mine, now + window.toMillis());
    Entry winner = entries.merge(id, fresh, (old, neu) -> old.expiresAtMillis() > now ? old : neu);
    if (winner != fresh) {
      return winner.result();
    }
    publish.get().whenComplete((position, error) -> {
      if (error != null) {
        entries.remove(id, fresh);
        mine.completeExceptionally(error);
      } else {
        mine.complete(position);
      }
    });
    return mine;
  }

  /** Forgets keys whose window passed. */
  public void sweep() {
    long now = clock.millis();
    entries.values().removeIf(e -> e.expiresAtMillis() <= now);
  }
}
