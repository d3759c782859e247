package io.herald.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Publishes waiting for a connection, oldest first, at most {@code capacity} of them (retried
 * publishes go back to the front and may exceed it: they were accepted once). Not thread-safe:
 * used on the client's event loop.
 */
final class OfflineQueue {

  private final Deque<QueuedPublish> queue = new ArrayDeque<>();
  private final int capacity;

  OfflineQueue(int capacity) {
    this.capacity = capacity;
  }

  /** Adds {@code p} at the back; fails it with QUEUE_FULL instead when the queue is full. */
  void offer(QueuedPublish p) {
    if (queue.size() >= capacity) {
      p.result().completeExceptionally(new HeraldException(HeraldException.QUEUE_FULL,
          "offline publish queue is full (" + capacity + "); wait for the connection"));
    } else {
      queue.add(p);
    }
  }

  /** Puts publishes whose answer was lost back at the front, keeping their order. */
  void retryFirst(List<QueuedPublish> retries) {
    for (int i = retries.size() - 1; i >= 0; i--) {
      queue.addFirst(retries.get(i));
    }
  }

  /** The oldest waiting publish, removed, or null. */
  QueuedPublish poll() {
    return queue.poll();
  }

  /** Fails every waiting publish with {@code error}. */
  void failAll(Throwable error) {
    for (QueuedPublish p = queue.poll(); p != null; p = queue.poll()) {
      p.result().completeExceptionally(error);
    }
  }
}
