package io.herald.metrics;

import io.herald.node.NodeMetrics;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link NodeMetrics} on the Prometheus Java client: the counters and histograms the node, its
 * transports and engines feed. Names start with {@code herald_} and carry their unit; labels are
 * bounded (transport, namespace, method, code, engine, operation, kind, source), never a channel
 * or user. The metrics table is in docs/operations.md. Thread-safe.
 *
 * <p>The per-message paths ({@link #received}, {@link #sent}, {@link #delivered}) find their data
 * point in a {@link LabelCache} and add to striped adders: no allocation, no lock.
 */
public final class HeraldMetrics implements NodeMetrics {

  private static final double NANOS = 1e9;

  private final PrometheusRegistry registry;
  private final LongAdder totalPublications = new LongAdder();
  private final LongAdder totalDeliveries = new LongAdder();
  private final LongAdder totalReceived = new LongAdder();
  private final LongAdder totalSent = new LongAdder();
  private final LabelCache<GaugeDataPoint> connections;
  private final LabelCache<CounterDataPoint> messagesReceived;
  private final LabelCache<CounterDataPoint> bytesReceived;
  private final LabelCache<CounterDataPoint> messagesSent;
  private final LabelCache<CounterDataPoint> bytesSent;
  private final LabelCache<CounterDataPoint> publications;
  private final LabelCache<CounterDataPoint> deliveries;
  private final LabelCache<CounterDataPoint> bytesDelivered;
  private final Histogram deliveryLatency;
  private final LabelCache<DistributionDataPoint> commandDuration;
  private final Counter commandErrors;
  private final Counter disconnects;
  private final LabelPairCache<DistributionDataPoint> engineDuration;
  private final LabelPairCache<CounterDataPoint> engineErrors;
  private final Histogram proxyDuration;
  private final Counter proxyCalls;
  private final Counter ingested;
  private final Counter ingestionFailures;
  private final Counter ingestionRetries;
  private final LabelCache<DistributionDataPoint> apiDuration;
  private final LabelPairCache<CounterDataPoint> apiRequests;

  /** Registers every metric in {@code registry} (one registry per node). */
  public HeraldMetrics(PrometheusRegistry registry) {
    this.registry = registry;
    Gauge conns = Gauge.builder()
        .name("herald_connections")
        .help("Open client connections (sessions), connecting ones included, by transport.")
        .labelNames("transport")
        .register(registry);
    connections = new LabelCache<>(conns::labelValues);
    messagesReceived = counter("herald_messages_received_total",
        "Messages received from clients, by transport.", "transport");
    bytesReceived = counter("herald_received_bytes_total",
        "Bytes of messages received from clients, by transport.", "transport");
    messagesSent = counter("herald_messages_sent_total",
        "Messages written to one client at a time (replies, pings, notifications), by transport;"
            + " publications are herald_deliveries_total.", "transport");
    bytesSent = counter("herald_sent_bytes_total",
        "Bytes of herald_messages_sent_total, by transport.", "transport");
    publications = counter("herald_publications_total",
        "Publications accepted by this node from clients and the server API, by namespace.",
        "namespace");
    deliveries = counter("herald_deliveries_total",
        "Publication copies written to subscribers on this node, by namespace.", "namespace");
    bytesDelivered = counter("herald_delivered_bytes_total",
        "Bytes of herald_deliveries_total, by namespace.", "namespace");
    deliveryLatency = Histogram.builder()
        .name("herald_delivery_latency_seconds")
        .help("From this node receiving a publication to the end of its writes on an event loop"
            + " (one observation per loop and publication).")
        .classicOnly()
        .classicUpperBounds(Buckets.DELIVERY)
        .withoutExemplars()
        .register(registry);
    Histogram commands = histogram("herald_command_duration_seconds",
        "Time to answer a client command, by method.", Buckets.CALL, "method");
    commandDuration = new LabelCache<>(commands::labelValues);
    commandErrors = plainCounter("herald_command_errors_total",
        "Client commands answered with an error, by method and error code.", "method", "code");
    disconnects = plainCounter("herald_disconnects_total",
        "Closed sessions by disconnect code; 0: the client closed the connection.", "code");
    Histogram engines = histogram("herald_engine_call_duration_seconds",
        "Calls into the broker, history and presence engines, by engine and operation.",
        Buckets.CALL, "engine", "operation");
    engineDuration = new LabelPairCache<>(engines::labelValues);
    Counter engineFailures = plainCounter("herald_engine_call_errors_total",
        "Engine calls that failed, by engine and operation.", "engine", "operation");
    engineErrors = new LabelPairCache<>(engineFailures::labelValues);
    proxyDuration = histogram("herald_proxy_call_duration_seconds",
        "Calls to proxy backends, by kind.", Buckets.PROXY, "kind");
    proxyCalls = plainCounter("herald_proxy_calls_total",
        "Calls to proxy backends by kind and outcome (ok, error, failed).", "kind", "outcome");
    ingested = plainCounter("herald_ingested_messages_total",
        "Messages consumed from event streams and processed, by source.", "source");
    ingestionFailures = plainCounter("herald_ingestion_failures_total",
        "Messages consumed from event streams that were bad (skipped or dead-lettered), by"
            + " source.", "source");
    ingestionRetries = plainCounter("herald_ingestion_retries_total",
        "Commands from event streams Herald could not carry out and tried again, by source.",
        "source");
    Histogram api = histogram("herald_api_request_duration_seconds",
        "Server API calls, by method.", Buckets.CALL, "method");
    apiDuration = new LabelCache<>(api::labelValues);
    Counter apiCalls = plainCounter("herald_api_requests_total",
        "Server API calls by method and HTTP status.", "method", "status");
    apiRequests = new LabelPairCache<>(apiCalls::labelValues);
  }

  /**
   * Running totals over every label, for the admin overview's rates.
   *
   * @param publications publications accepted by this node
   * @param deliveries publication copies written to subscribers
   * @param received messages received from clients
   * @param sent messages written to one client at a time
   */
  public record Totals(long publications, long deliveries, long received, long sent) {}

  /** The totals now. */
  public Totals totals() {
    return new Totals(
        totalPublications.sum(), totalDeliveries.sum(), totalReceived.sum(), totalSent.sum());
  }

  /** The registry these metrics live in. */
  public PrometheusRegistry registry() {
    return registry;
  }

  private LabelCache<CounterDataPoint> counter(String name, String help, String label) {
    return new LabelCache<>(plainCounter(name, help, label)::labelValues);
  }

  private Counter plainCounter(String name, String help, String... labels) {
    return Counter.builder()
        .name(name)
        .help(help)
        .labelNames(labels)
        .withoutExemplars()
        .register(registry);
  }

  private Histogram histogram(String name, String help, double[] buckets, String... labels) {
    return Histogram.builder()
        .name(name)
        .help(help)
        .labelNames(labels)
        .classicOnly()
        .classicUpperBounds(buckets)
        .withoutExemplars()
        .register(registry);
  }

  @Override
  public void sessionOpened(String transport) {
    connections.get(transport).inc();
  }

  @Override
  public void sessionClosed(String transport) {
    connections.get(transport).dec();
  }

  @Override
  public void received(String transport, int bytes) {
    totalReceived.increment();
    messagesReceived.get(transport).inc();
    bytesReceived.get(transport).inc(bytes);
  }

  @Override
  public void sent(String transport, int bytes) {
    totalSent.increment();
    messagesSent.get(transport).inc();
    bytesSent.get(transport).inc(bytes);
  }

  @Override
  public void published(String namespace) {
    totalPublications.increment();
    publications.get(namespace).inc();
  }

  @Override
  public void delivered(String namespace, int messages, int bytes, long latencyNanos) {
    if (messages == 0) {
      return;
    }
    totalDeliveries.add(messages);
    deliveries.get(namespace).inc(messages);
    bytesDelivered.get(namespace).inc((long) messages * bytes);
    deliveryLatency.observe(latencyNanos / NANOS);
  }

  @Override
  public void command(String method, long nanos) {
    commandDuration.get(method).observe(nanos / NANOS);
  }

  @Override
  public void commandError(String method, int code) {
    commandErrors.labelValues(method, Integer.toString(code)).inc();
  }

  @Override
  public void disconnected(int code) {
    disconnects.labelValues(Integer.toString(code)).inc();
  }

  @Override
  public void engineCall(String engine, String operation, long nanos, boolean failed) {
    engineDuration.get(engine, operation).observe(nanos / NANOS);
    if (failed) {
      engineErrors.get(engine, operation).inc();
    }
  }

  @Override
  public void proxyCall(String kind, long nanos, String outcome) {
    proxyDuration.labelValues(kind).observe(nanos / NANOS);
    proxyCalls.labelValues(kind, outcome).inc();
  }

  @Override
  public void ingested(String source, boolean failed) {
    (failed ? ingestionFailures : ingested).labelValues(source).inc();
  }

  /** A command from ingestion source {@code source} is tried again (the engine failed). */
  public void ingestionRetried(String source) {
    ingestionRetries.labelValues(source).inc();
  }

  @Override
  public void apiCall(String method, long nanos, int status) {
    apiDuration.get(method).observe(nanos / NANOS);
    apiRequests.get(method, LabelPairCache.status(status)).inc();
  }
}
