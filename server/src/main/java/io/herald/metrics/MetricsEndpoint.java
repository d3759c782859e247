package io.herald.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves {@code GET /metrics}: scrapes the registry into the Prometheus text format (version
 * 0.0.4) on a thread of its own, never on an event loop, since some gauges walk every session.
 * One scrape runs at a time per node: requests that arrive while it runs share its result rather
 * than queueing scrapes of their own, so a flood of scrape requests costs one scrape. Thread-safe;
 * {@link #close} stops the thread.
 */
public final class MetricsEndpoint implements AutoCloseable {

  /** The {@code Content-Type} of the answer. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private final PrometheusRegistry registry;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final ExecutorService scraper =
      Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "herald-metrics");
        t.setDaemon(true);
        return t;
      });

  /** Serves {@code registry}, with the JVM's metrics ({@code jvm_*}, {@code process_*}) added. */
  public MetricsEndpoint(PrometheusRegistry registry) {
    this.registry = registry;
    JvmMetrics.builder().register(registry);
  }

  private CompletableFuture<byte[]> running; // guarded by this

  /**
   * The text of one scrape; completes on the scraper thread. While a scrape runs, every caller
   * gets that scrape.
   */
  public synchronized CompletableFuture<byte[]> scrape() {
    if (running != null && !running.isDone()) {
      return running;
    }
    CompletableFuture<byte[]> next = CompletableFuture.supplyAsync(this::scrapeNow, scraper);
    running = next;
    return next;
  }


  private byte[] scrapeNow() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    scraper.shutdownNow();
  }
}
