package io.herald.webhooks;

import java.time.Duration;
import java.util.List;

/**
 * The events of one receiver's partition, in the order they were added, as its {@link
 * Deliverer} reads them. A batch handed out by {@link #next} is handed out again (first, in the
 * same order) until {@link #ack} removes it, so nothing is lost to a failed delivery.
 * Implementations: in process ({@link MemoryOutbox}) and a Redis stream with a consumer group
 * ({@link RedisOutbox}). Used by one delivery thread at a time.
 */
public interface DeliveryQueue {

  /**
   * Up to {@code max} of the oldest events not yet acknowledged: waits up to {@code idleWait}
   * for a first one (then returns an empty list), then up to {@code batchDelay} for more.
   * Events are on a delivery thread, never an event loop, so this may block.
   *
   * @throws InterruptedException when delivery stops
   */
  List<Queued> next(int max, Duration batchDelay, Duration idleWait) throws InterruptedException;

  /** Removes {@code batch} (the last one {@link #next} returned, or its oldest part). */
  void ack(List<Queued> batch);

  /**
   * False when this node may no longer deliver this partition (the Redis outbox's lease went to
   * another node): the delivery thread then drops its batch without acknowledging it.
   */
  default boolean owned() {
    return true;
  }

  /**
   * One event in a queue.
   *
   * @param ref the queue's own reference (a stream entry id), or null
   * @param event the event
   */
  record Queued(String ref, WebhookEvent event) {}
}
