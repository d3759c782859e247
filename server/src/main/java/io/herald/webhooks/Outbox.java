package io.herald.webhooks;

import java.util.List;

/**
 * Where events wait for their receivers: {@link #add} routes an event to every target that
 * accepts it, into the partition of its key; delivery reads each (target, partition) through its
 * {@link DeliveryQueue}. In process with the memory engine ({@link MemoryOutbox}: a crash loses
 * what waits), a durable Redis stream per target and partition with the Redis engine ({@link
 * RedisOutbox}). Thread-safe.
 */
public interface Outbox extends AutoCloseable {

  /**
   * Queues {@code event} for every target that accepts it. Never blocks and never throws, so
   * event loops may call it; a target whose queue is full drops it (counted, logged).
   */
  void add(WebhookEvent event);

  /** The queue of {@code target}'s {@code partition}, for its deliverer. */
  DeliveryQueue queue(WebhookTarget target, int partition);

  /** Depth and oldest age of every target's queue, as this node sees them. */
  List<WebhookMetrics.QueueStats> stats();

  @Override
  void close();
}
