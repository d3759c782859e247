package io.herald.pusher;

import io.herald.transport.HttpExchange;
import io.herald.transport.HttpReply;
import io.herald.transport.HttpRoutes;
import io.herald.config.HeraldConfig;
import io.herald.node.Node;
import io.herald.webhooks.Webhooks;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

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

  /**
   * The Pusher protocol of a node: its apps (reloaded with the config through {@code onReload}),
   * HTTP API and WebSocket endpoint.
   *
   * @param webhooks the node's webhooks, or null when none is configured
   * @param onReload registers what runs with the merged config after each reload
   */
  public static PusherRoutes create(Node node, HeraldConfig config, Clock clock,
      Webhooks webhooks, Consumer<Consumer<HeraldConfig>> onReload) {
    PusherApps.Live apps = new PusherApps.Live(new PusherApps(config.pusher()));
    onReload.accept(reloaded -> apps.reload(reloaded.pusher()));
    return new PusherRoutes(new PusherApi(node, apps, clock),
        new PusherEndpoint(node, apps, config.client().channelLimit(),
            new PusherWebhooks(webhooks)), config.api().maxBodySize());
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
