package io.herald.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.metrics.HeraldMetrics;
import io.herald.node.Node;
import io.herald.engine.NodeInfo;
import io.herald.ops.Readiness;
import io.herald.webhooks.WebhookMetrics;
import io.herald.webhooks.WebhookTarget;
import io.herald.webhooks.Webhooks;
import java.util.HashMap;
import java.util.Map;

/**
 * One node's numbers for the admin overview: counts from the node, and per-second rates from the
 * difference of the metrics' totals since the previous call. Call from one thread at a time (the
 * stats publisher's); the rates are per second of wall time between calls.
 */
public final class AdminStats {

  private final Node node;
  private final HeraldMetrics metrics;
  private final Readiness readiness;
  private final ObjectMapper mapper;
  private final Webhooks webhooks;
  private HeraldMetrics.Totals previous;
  private long previousNanos;

  /** Reads counts from {@code node}, rates from {@code metrics}' totals, and {@code readiness}. */
  public AdminStats(Node node, HeraldMetrics metrics, Readiness readiness, ObjectMapper mapper) {
    this(node, metrics, readiness, mapper, null);
  }

  /** Also shows the queues of {@code webhooks} (null: none). */
  public AdminStats(Node node, HeraldMetrics metrics, Readiness readiness, ObjectMapper mapper,
      Webhooks webhooks) {
    this.webhooks = webhooks;
    this.node = node;
    this.metrics = metrics;
    this.readiness = readiness;
    this.mapper = mapper;
  }

  /**
   * The stats as JSON: {@code node, name, version, uptime, clients, users, channels,
   * subscriptions, ready, draining, rates {publications, deliveries, received, sent}, webhooks
   * [{id, url, depth, oldestSeconds, ok, failed, retries, delivered, dropped}]} (rates per second;
   * webhooks: each receiver's queue and this node's counts, absent when none is configured).
   */
  public synchronized ObjectNode snapshot() {
    NodeInfo info = node.info();
    HeraldMetrics.Totals now = metrics.totals();
    long nanos = System.nanoTime();
    double seconds = previous == null ? 0 : (nanos - previousNanos) / 1e9;
    ObjectNode out = mapper.createObjectNode();
    out.put("node", info.uid())
        .put("name", info.name())
        .put("version", info.version())
        .put("uptime", info.uptimeSeconds())
        .put("clients", info.numClients())
        .put("users", info.numUsers())
        .put("channels", info.numChannels())
        .put("subscriptions", node.subscriptionCount())
        .put("ready", readiness.ready())
        .put("draining", readiness.draining());
    ObjectNode rates = out.putObject("rates");
    rates.put("publications", rate(now.publications(), previous == null ? 0 : previous.publications(), seconds));
    rates.put("deliveries", rate(now.deliveries(), previous == null ? 0 : previous.deliveries(), seconds));
    rates.put("received", rate(now.received(), previous == null ? 0 : previous.received(), seconds));
    rates.put("sent", rate(now.sent(), previous == null ? 0 : previous.sent(), seconds));
    previous = now;
    previousNanos = nanos;
    if (webhooks != null) {
      webhooks(out.putArray("webhooks"));
    }
    return out;
  }

  private void webhooks(ArrayNode out) {
    Map<String, WebhookMetrics.QueueStats> queues = new HashMap<>();
    webhooks.queues().forEach(q -> queues.put(q.target(), q));
    for (WebhookTarget t : webhooks.targets()) {
      WebhookMetrics.QueueStats q = queues.get(t.id());
      WebhookMetrics.Totals c = webhooks.metrics().totals(t.id());
      out.addObject().put("id", t.id())
          .put("url", t.url().getScheme() + "://" + t.url().getAuthority().replaceAll(".*@", "")
              + t.url().getRawPath())
          .put("depth", q == null ? -1 : q.depth())
          .put("oldestSeconds", q == null ? 0 : q.oldestAgeMillis() / 1000.0)
          .put("ok", c.ok()).put("failed", c.failed()).put("retries", c.retries())
          .put("delivered", c.delivered()).put("dropped", c.dropped());
    }
  }

  private static double rate(long now, long before, double seconds) {
    if (seconds <= 0) {
      return 0;
    }
    return Math.round((now - before) / seconds * 10) / 10.0;
  }
}
