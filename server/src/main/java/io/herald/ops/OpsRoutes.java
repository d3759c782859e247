package io.herald.ops;

import io.herald.metrics.MetricsEndpoint;
import io.herald.transport.HttpExchange;
import io.herald.transport.HttpReply;
import io.herald.transport.HttpRoutes;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoints: {@code GET /metrics} (Prometheus text format), {@code /health}
 * (liveness: 200 while the process serves HTTP), {@code /ready} (readiness: 200, or 503 with the
 * reason while draining or while an engine is unreachable). Mounted on the client port, or on the
 * internal port when {@code internal.port} is set. On the client port the reason names only the
 * engine ({@code "broker unavailable"}), never its detail (which can name internal hosts), and a
 * failed scrape is answered without the exception.
 */
public final class OpsRoutes {

  private static final Logger log = LoggerFactory.getLogger(OpsRoutes.class);

  private final MetricsEndpoint metrics;
  private final Readiness readiness;
  private final boolean internal;

  /**
   * @param internal true when mounted on the internal port: {@code /ready} then gives the
   *     engine's detail
   */
  public OpsRoutes(MetricsEndpoint metrics, Readiness readiness, boolean internal) {
    this.metrics = metrics;
    this.readiness = readiness;
    this.internal = internal;
  }

  /** Mounts {@code /health}, {@code /ready} and {@code /metrics} on {@code routes}. */
  public void mount(HttpRoutes routes) {
    routes.exact("/health", x -> x.respond(HttpReply.json(200, "{\"status\":\"ok\"}")))
        .exact("/ready", this::ready)
        .exact("/metrics", this::metrics);
  }

  private void ready(HttpExchange x) {
    Readiness.Status status = readiness.status();
    if (status.ready()) {
      x.respond(HttpReply.json(200, "{\"status\":\"ready\"}"));
    } else {
      x.respond(HttpReply.json(503,
          "{\"status\":\"not ready\",\"reason\":\""
              + jsonEscape(internal ? status.reason() : status.publicReason()) + "\"}"));
    }
  }

  private void metrics(HttpExchange x) {
    if (!x.method().equals("GET")) {
      x.respond(HttpReply.text(405, "use GET\n"));
      return;
    }
    x.reply(metrics.scrape().handle((text, error) -> {
      if (text != null) {
        return new HttpReply(200, MetricsEndpoint.CONTENT_TYPE, text, Map.of());
      }
      log.warn("metrics scrape failed", error);
      return HttpReply.text(500, "scrape failed\n");
    }),
        HttpReply.text(500, "scrape failed\n"));
  }

  static String jsonEscape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
