package io.herald.webhooks;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Webhook delivery counts, by receiver ({@code webhook} label: the target id, bounded by the
 * config): requests that succeeded and failed, retries, events delivered and dropped (by reason:
 * {@code maxAge}, {@code queueFull}), and, read at scrape time, events waiting and the age of the
 * oldest. Also kept as plain totals for the admin UI. Thread-safe.
 */
public final class WebhookMetrics {

  /** What {@link #totals} reports of one receiver. */
  public record Totals(long ok, long failed, long retries, long delivered, long dropped) {}

  private final Counter requests;
  private final Counter retries;
  private final Counter events;
  private final Counter dropped;
  private final ConcurrentHashMap<String, long[]> totals = new ConcurrentHashMap<>();

  /** Counters registered in {@code registry}; null: kept for the admin UI only. */
  public WebhookMetrics(PrometheusRegistry registry) {
    PrometheusRegistry r = registry == null ? new PrometheusRegistry() : registry;
    requests = Counter.builder().name("herald_webhook_requests_total")
        .help("Webhook POSTs by receiver and result: ok (2xx) or failed (other status, timeout,"
            + " connection error).")
        .labelNames("webhook", "result").register(r);
    retries = Counter.builder().name("herald_webhook_retries_total")
        .help("Webhook POSTs that repeated a failed batch, by receiver.")
        .labelNames("webhook").register(r);
    events = Counter.builder().name("herald_webhook_events_delivered_total")
        .help("Events delivered (in a POST answered 2xx), by receiver.")
        .labelNames("webhook").register(r);
    dropped = Counter.builder().name("herald_webhook_events_dropped_total")
        .help("Events given up, by receiver and reason: maxAge (not delivered in time) or"
            + " queueFull (queueMaxSize reached).")
        .labelNames("webhook", "reason").register(r);
    registerGauges(r);
  }

  private volatile Supplier<List<QueueStats>> stats = List::of;

  private void registerGauges(PrometheusRegistry r) {
    GaugeWithCallback.builder().name("herald_webhook_queue_depth")
        .help("Events waiting for a receiver (with the Redis engine: in the cluster's outbox).")
        .labelNames("webhook")
        .callback(cb -> stats.get().forEach(s -> cb.call(s.depth(), s.target())))
        .register(r);
    GaugeWithCallback.builder().name("herald_webhook_oldest_pending_seconds")
        .help("Age of the oldest event waiting for a receiver; 0 when none waits.")
        .labelNames("webhook")
        .callback(cb -> stats.get().forEach(s -> cb.call(s.oldestAgeMillis() / 1000.0,
            s.target())))
        .register(r);
  }

  /** Where the queue gauges read from (the outbox). */
  void queues(Supplier<List<QueueStats>> source) {
    this.stats = source;
  }

  void ok(String target, int batch) {
    requests.labelValues(target, "ok").inc();
    events.labelValues(target).inc(batch);
    long[] t = counts(target);
    synchronized (t) {
      t[0]++;
      t[3] += batch;
    }
  }

  void failed(String target) {
    requests.labelValues(target, "failed").inc();
    long[] t = counts(target);
    synchronized (t) {
      t[1]++;
    }
  }

  void retried(String target) {
    retries.labelValues(target).inc();
    long[] t = counts(target);
    synchronized (t) {
      t[2]++;
    }
  }

  void dropped(String target, String reason, int n) {
    dropped.labelValues(target, reason).inc(n);
    long[] t = counts(target);
    synchronized (t) {
      t[4] += n;
    }
  }

  /** The totals of {@code target} on this node since start. */
  public Totals totals(String target) {
    long[] t = counts(target);
    synchronized (t) {
      return new Totals(t[0], t[1], t[2], t[3], t[4]);
    }
  }

  private long[] counts(String target) {
    return totals.computeIfAbsent(target, k -> new long[5]);
  }

  /**
   * One receiver's queue as the gauges and the admin UI show it.
   *
   * @param target the receiver's id
   * @param depth events waiting
   * @param oldestAgeMillis age of the oldest waiting event, 0 when none
   */
  public record QueueStats(String target, long depth, long oldestAgeMillis) {}
}
