package io.herald.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeraldMetricsTest {

  private static String text(PrometheusRegistry registry) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void perMessageCallsDoNotAllocate() {
    HeraldMetrics metrics = new HeraldMetrics(new PrometheusRegistry());
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Runnable hot = () -> {
      for (int i = 0; i < 200_000; i++) {
        metrics.received("websocket", 100);
        metrics.sent("websocket", 80);
        metrics.delivered("chat", 500, 120, 250_000);
        metrics.command("publish", 50_000);
        metrics.apiCall("publish", 80_000, 200);
        metrics.engineCall("memory", "publish", 20_000, false);
      }
    };
    for (int i = 0; i < 5; i++) {
      hot.run(); // warm up: data points are created on first use, then the JIT compiles
    }
    long thread = Thread.currentThread().threadId();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long before = threads.getThreadAllocatedBytes(thread);
      hot.run();
      least = Math.min(least, threads.getThreadAllocatedBytes(thread) - before);
    }
    // 1,200,000 calls: one object per call would be at least 19.2 MB; under a busy JIT the best
    // of three runs stays well under one byte per call (a few KB once compiled).
    assertThat(least).as("bytes allocated by 1,200,000 hot-path calls").isLessThan(1_200_000);
  }

  @Test
  void deliveriesCountMessagesAndBytesPerTaskAndIgnoreEmptyTasks() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    HeraldMetrics metrics = new HeraldMetrics(registry);
    metrics.delivered("chat", 3, 100, 1_000_000);
    metrics.delivered("chat", 0, 100, 1_000_000);
    metrics.delivered("", 2, 10, 2_000_000);
    String text = text(registry);
    assertThat(text)
        .contains("herald_deliveries_total{namespace=\"chat\"} 3.0")
        .contains("herald_delivered_bytes_total{namespace=\"chat\"} 300.0")
        .contains("herald_deliveries_total{namespace=\"\"} 2.0")
        .contains("herald_delivery_latency_seconds_count 2")
        .contains("herald_delivery_latency_seconds_bucket{le=\"0.001\"} 1");
    assertThat(metrics.totals().deliveries()).isEqualTo(5);
  }

  @Test
  void sessionsEnginesProxiesAndIngestionHaveTheirSeries() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    HeraldMetrics metrics = new HeraldMetrics(registry);
    metrics.sessionOpened("websocket");
    metrics.sessionOpened("websocket");
    metrics.sessionClosed("websocket");
    metrics.disconnected(3001);
    metrics.commandError("subscribe", 103);
    metrics.engineCall("history", "get", 1_000_000, true);
    metrics.proxyCall("rpc", 20_000_000, "failed");
    metrics.ingested("orders", false);
    metrics.ingested("orders", true);
    metrics.apiCall("publish", 1_000_000, 200);
    String text = text(registry);
    assertThat(text)
        .contains("herald_connections{transport=\"websocket\"} 1.0")
        .contains("herald_disconnects_total{code=\"3001\"} 1.0")
        .contains("herald_command_errors_total{code=\"103\",method=\"subscribe\"} 1.0")
        .contains("herald_engine_call_errors_total{engine=\"history\",operation=\"get\"} 1.0")
        .contains("herald_engine_call_duration_seconds_count{engine=\"history\",operation=\"get\"} 1")
        .contains("herald_proxy_calls_total{kind=\"rpc\",outcome=\"failed\"} 1.0")
        .contains("herald_ingested_messages_total{source=\"orders\"} 1.0")
        .contains("herald_ingestion_failures_total{source=\"orders\"} 1.0")
        .contains("herald_api_requests_total{method=\"publish\",status=\"200\"} 1.0");
  }
}
