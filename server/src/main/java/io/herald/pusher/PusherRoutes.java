package io.herald.pusher;

import io.herald.transport.HttpExchange;
import io.herald.transport.HttpReply;
import io.herald.transport.HttpRoutes;
import java.util.Map;

/**
 * Mounts the Pusher protocol on a port's routes: the WebSocket endpoint {@code /app/<key>}
 * ({@link PusherEndpoint}) and the HTTP API {@code /apps/<id>/...} ({@link PusherApi}), where a
 * body over {@code api.maxBodySize} is answered 413 before anything else.
 */
public final class PusherRoutes {

  private static final HttpReply INTERNAL = HttpReply.text(500, "Internal server error\n");

  private final PusherApi api;
  private final PusherEndpoint endpoint;
  private final int maxBodySize;

  /**
   * @param maxBodySize {@code api.maxBodySize}: larger requests get 413
   */
  public PusherRoutes(PusherApi api, PusherEndpoint endpoint, int maxBodySize) {
    this.api = api;
    this.endpoint = endpoint;
    this.maxBodySize = maxBodySize;
  }

  /** Mounts {@value PusherEndpoint#PATH} and {@value PusherApi#PREFIX} on {@code routes}. */
  public void mount(HttpRoutes routes) {
    routes.webSocket(PusherEndpoint.PATH, endpoint);
    routes.prefix(PusherApi.PREFIX, this::handle);
  }

  private void handle(HttpExchange x) {
    if (x.bodySize() > maxBodySize) {
      x.respond(HttpReply.text(413, "Request Entity Too Large: the body is larger than "
          + "api.maxBodySize\n"));
      return;
    }
    String uri = x.uri();
    int q = uri.indexOf('?');
    String rawQuery = q < 0 ? "" : uri.substring(q + 1);
    x.reply(api.handle(x.method(), x.path(), rawQuery, x.body())
        .thenApply(r -> new HttpReply(r.status(), r.contentType(), r.body(), Map.of())), INTERNAL);
  }
}
