package io.herald.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox of the memory engine: per target, {@link Partitions#COUNT} queues in this process,
 * together holding at most the target's {@code queueMaxSize} events. What waits here is lost
 * when the process dies (docs/webhooks.md). {@link #add} takes a short lock and never waits.
 * Thread-safe.
 */
public final class MemoryOutbox implements Outbox {

  private static final Logger log = LoggerFactory.getLogger(MemoryOutbox.class);

  private final Map<String, Target> targets = new LinkedHashMap<>();
  private final WebhookMetrics metrics;
  private final Clock clock;

  private final class Target {
    final WebhookTarget target;
    final AtomicInteger size = new AtomicInteger();
    final Partition[] partitions = new Partition[Partitions.COUNT];
    volatile long lastDropLog;

    Target(WebhookTarget target) {
      this.target = target;
      for (int i = 0; i < partitions.length; i++) {
        partitions[i] = new Partition(this);
      }
    }
  }

  /** Queues for {@code targets}; counts drops in {@code metrics}. */
  public MemoryOutbox(List<WebhookTarget> targets, WebhookMetrics metrics, Clock clock) {
    targets.forEach(t -> this.targets.put(t.id(), new Target(t)));
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void add(WebhookEvent event) {
    for (Target t : targets.values()) {
      if (!t.target.accepts().test(event)) {
        continue;
      }
      if (t.size.incrementAndGet() > t.target.queueMaxSize()) {
        t.size.decrementAndGet();
        metrics.dropped(t.target.id(), "queueFull", 1);
        long now = System.nanoTime();
        if (now - t.lastDropLog > TimeUnit.SECONDS.toNanos(30)) {
          t.lastDropLog = now;
          log.warn("webhook {}: queue full ({} events); dropping new events", t.target.id(),
              t.target.queueMaxSize());
        }
        continue;
      }
      t.partitions[Partitions.of(event.key())].offer(new DeliveryQueue.Queued(null, event));
    }
  }

  @Override
  public DeliveryQueue queue(WebhookTarget target, int partition) {
    return targets.get(target.id()).partitions[partition];
  }

  @Override
  public List<WebhookMetrics.QueueStats> stats() {
    long now = clock.millis();
    List<WebhookMetrics.QueueStats> out = new ArrayList<>();
    for (Target t : targets.values()) {
      long oldest = Long.MAX_VALUE;
      for (Partition p : t.partitions) {
        oldest = Math.min(oldest, p.oldestTime());
      }
      out.add(new WebhookMetrics.QueueStats(t.target.id(), t.size.get(),
          oldest == Long.MAX_VALUE ? 0 : Math.max(0, now - oldest)));
    }
    return out;
  }

  @Override
  public void close() {}

  /** One partition: a deque whose head is the batch in flight until it is acknowledged. */
  private static final class Partition implements DeliveryQueue {
    private final Target owner;
    private final ArrayDeque<Queued> events = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();

    Partition(Target owner) {
      this.owner = owner;
    }

    void offer(Queued q) {
      lock.lock();
      try {
        events.addLast(q);
        added.signal();
      } finally {
        lock.unlock();
      }
    }

    long oldestTime() {
      lock.lock();
      try {
        Queued head = events.peekFirst();
        return head == null ? Long.MAX_VALUE : head.event().time();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public List<Queued> next(int max, Duration batchDelay, Duration idleWait)
        throws InterruptedException {
      lock.lockInterruptibly();
      try {
        long left = idleWait.toNanos();
        while (events.isEmpty() && left > 0) {
          left = added.awaitNanos(left);
        }
        if (events.isEmpty()) {
          return List.of();
        }
        left = batchDelay.toNanos();
        while (events.size() < max && left > 0) {
          left = added.awaitNanos(left);
        }
        List<Queued> out = new ArrayList<>(Math.min(max, events.size()));
        for (Queued q : events) {
          if (out.size() == max) {
            break;
          }
          out.add(q);
        }
        return out;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void ack(List<Queued> batch) {
      Set<Queued> done = Collections.newSetFromMap(new IdentityHashMap<>());
      done.addAll(batch);
      int removed = 0;
      lock.lock();
      try {
        while (!events.isEmpty() && done.remove(events.peekFirst())) {
          events.removeFirst();
          removed++;
        }
        for (Queued q : done) {
          if (events.removeFirstOccurrence(q)) {
            removed++;
          }
        }
      } finally {
        lock.unlock();
      }
      owner.size.addAndGet(-removed);
    }
  }
}
