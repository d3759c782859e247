package io.herald.webhooks;

import io.herald.config.Durations;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one receiver's partition: takes the oldest batch of its {@link DeliveryQueue}, POSTs
 * it, and acknowledges it on a 2xx; any other answer, a timeout or a connection error is retried
 * with the same events (fresh signature) after an exponential backoff with jitter (0.5s doubling
 * up to 10s, each wait drawn between half and all of it), so one batch is in flight per partition
 * and events of one key arrive in order. An event older than the receiver's {@code maxAge} is
 * dropped, counted and logged. Runs on its own virtual thread until {@link #stop}.
 */
final class Deliverer implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

  /** First retry wait; doubles per failed attempt. */
  static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

  /** Longest retry wait. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  /** How long an idle partition waits for an event before it looks again. */
  private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

  private final WebhookTarget target;
  private final DeliveryQueue queue;
  private final HttpSender sender;
  private final WebhookMetrics metrics;
  private final Clock clock;
  private volatile boolean running = true;
  private long lastFailureLog;

  Deliverer(WebhookTarget target, DeliveryQueue queue, HttpSender sender, WebhookMetrics metrics,
      Clock clock) {
    this.target = target;
    this.queue = queue;
    this.sender = sender;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void run() {
    while (running) {
      try {
        List<DeliveryQueue.Queued> batch =
            queue.next(target.batchMaxSize(), target.batchMaxDelay(), IDLE_WAIT);
        if (!batch.isEmpty()) {
          deliver(batch);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("webhook {}: delivery failed: {}", target.id(), e.toString());
        try {
          Thread.sleep(IDLE_WAIT);
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  /** Stops after the current attempt (the thread is interrupted by its owner). */
  void stop() {
    running = false;
  }

  private void deliver(List<DeliveryQueue.Queued> batch) throws InterruptedException {
    for (int attempt = 0; running; attempt++) {
      batch = dropExpired(batch);
      if (batch.isEmpty() || !queue.owned()) {
        return;
      }
      if (attempt > 0) {
        metrics.retried(target.id());
      }
      List<WebhookEvent> events = new ArrayList<>(batch.size());
      batch.forEach(q -> events.add(q.event()));
      String problem;
      try {
        int status = sender.post(target, target.format().encode(events, clock.millis()));
        if (status >= 200 && status < 300) {
          metrics.ok(target.id(), events.size());
          queue.ack(batch);
          return;
        }
        problem = "answered " + status;
      } catch (IOException e) {
        problem = e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
      if (!running) {
        return;
      }
      metrics.failed(target.id());
      logFailure(problem);
      Thread.sleep(backoff(attempt + 1).toMillis());
    }
  }

  private List<DeliveryQueue.Queued> dropExpired(List<DeliveryQueue.Queued> batch) {
    long oldest = clock.millis() - target.maxAge().toMillis();
    List<DeliveryQueue.Queued> expired = new ArrayList<>();
    List<DeliveryQueue.Queued> keep = new ArrayList<>(batch.size());
    for (DeliveryQueue.Queued q : batch) {
      (q.event().time() < oldest ? expired : keep).add(q);
    }
    if (!expired.isEmpty()) {
      queue.ack(expired);
      metrics.dropped(target.id(), "maxAge", expired.size());
      log.warn("webhook {}: dropped {} event(s) not delivered within maxAge {} (first: {} {})",
          target.id(), expired.size(), Durations.format(target.maxAge()),
          expired.get(0).event().type(),
          expired.get(0).event().id());
    }
    return keep;
  }

  private void logFailure(String problem) {
    long now = System.nanoTime();
    if (lastFailureLog == 0 || now - lastFailureLog > Duration.ofSeconds(30).toNanos()) {
      lastFailureLog = now;
      log.warn("webhook {}: POST {} failed ({}); retrying with backoff", target.id(),
          target.url().getHost(), problem);
    }
  }

  /** The wait before attempt {@code n} (from 1): up to 0.5s * 2^(n-1), at most 10s, jittered. */
  static Duration backoff(int n) {
    long max = Math.min(MAX_BACKOFF.toMillis(),
        FIRST_BACKOFF.toMillis() << Math.min(n - 1, 20));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(max / 2, max + 1));
  }
}
