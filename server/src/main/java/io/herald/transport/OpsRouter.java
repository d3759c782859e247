package io.herald.transport;

import io.herald.metrics.MetricsEndpoint;
import io.herald.ops.Readiness;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;

/**
 * The operations endpoints: {@code GET /metrics} (Prometheus text format), {@code /health}
 * (liveness: 200 while the process serves HTTP), {@code /ready} (readiness: 200, or 503 with the
 * reason while draining or while an engine is unreachable) and the admin UI under {@code /admin}.
 * Mounted on the client port, or on the internal port when {@code internal.port} is set.
 */
public final class OpsRouter {

  private final MetricsEndpoint metrics;
  private final Readiness readiness;
  private final AdminHttp admin;

  /**
   * @param admin the admin UI, or null when it is off ({@code /admin} is then 404)
   */
  public OpsRouter(MetricsEndpoint metrics, Readiness readiness, AdminHttp admin) {
    this.metrics = metrics;
    this.readiness = readiness;
    this.admin = admin;
  }

  /** Answers {@code request} when {@code path} is an operations path; false otherwise. */
  boolean handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    switch (path) {
      case "/health" -> HttpResponses.json(ctx, request, 200, bytes("{\"status\":\"ok\"}"));
      case "/ready" -> ready(ctx, request);
      case "/metrics" -> metrics(ctx, request);
      default -> {
        if (path.equals(AdminHttp.PREFIX) || path.startsWith(AdminHttp.PREFIX + "/")) {
          if (admin == null) {
            HttpResponses.text(ctx, request, 404, "the admin UI is off: set admin.password\n");
          } else {
            admin.handle(ctx, request, path);
          }
          return true;
        }
        return false;
      }
    }
    return true;
  }

  private void ready(ChannelHandlerContext ctx, FullHttpRequest request) {
    Readiness.Status status = readiness.status();
    if (status.ready()) {
      HttpResponses.json(ctx, request, 200, bytes("{\"status\":\"ready\"}"));
    } else {
      HttpResponses.json(ctx, request, 503, bytes(
          "{\"status\":\"not ready\",\"reason\":\"" + jsonEscape(status.reason()) + "\"}"));
    }
  }

  private void metrics(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (!request.method().equals(HttpMethod.GET)) {
      HttpResponses.text(ctx, request, 405, "use GET\n");
      return;
    }
    FullHttpRequest retained = request.retainedDuplicate();
    metrics.scrape().whenComplete((text, error) -> ctx.executor().execute(() -> {
      try {
        if (text != null) {
          HttpResponses.send(ctx, retained, 200, MetricsEndpoint.CONTENT_TYPE, text);
        } else {
          HttpResponses.text(ctx, retained, 500, "scrape failed: " + error + "\n");
        }
      } finally {
        retained.release();
      }
    }));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
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
