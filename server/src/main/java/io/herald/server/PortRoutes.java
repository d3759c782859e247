package io.herald.server;

import io.herald.admin.AdminHttp;
import io.herald.api.ApiRoutes;
import io.herald.config.HeraldConfig;
import io.herald.ingest.DaprEndpoint;
import io.herald.ops.OpsRoutes;
import io.herald.pusher.PusherRoutes;
import io.herald.protocol.uni.UniRoutes;
import io.herald.transport.RouteTable;
import io.herald.transport.WebAssets;
import io.herald.transport.WebSocketEndpoint;
import java.util.Map;

/**
 * What each listening port serves: the one place that mounts every feature's routes. The client
 * port serves the WebSocket endpoints, the server API, Dapr's routes, the static files, and the
 * operations endpoints and admin UI unless {@code internal.port} moves them to the internal port
 * (which then also serves the WebSocket endpoints, the API and the static files, for the admin
 * page).
 *
 * @param webSockets the WebSocket endpoints (protocol adapters) by mount path
 * @param api the server API's routes
 * @param dapr Dapr's routes, or null when no {@code dapr} source is configured
 * @param assets the static files
 * @param ops the operations endpoints
 * @param admin the admin UI, or null when it is off
 * @param pusher Pusher's HTTP API ({@code /apps/})
 * @param uni the unidirectional endpoints ({@code /connection/uni/*})
 */
record PortRoutes(
    HeraldConfig config,
    Map<String, WebSocketEndpoint> webSockets,
    ApiRoutes api,
    DaprEndpoint dapr,
    WebAssets assets,
    OpsRoutes ops,
    AdminHttp admin,
    PusherRoutes pusher,
    UniRoutes uni) {

  /** The client port's routes. */
  RouteTable client() {
    RouteTable routes = common();
    if (dapr != null) {
      dapr.mount(routes, config.api().maxBodySize());
    }
    if (!config.internal().enabled()) {
      mountOps(routes);
    }
    return routes;
  }

  /** The internal port's routes ({@code internal.port}). */
  RouteTable internal() {
    RouteTable routes = common();
    mountOps(routes);
    return routes;
  }

  private RouteTable common() {
    RouteTable routes = new RouteTable();
    webSockets.forEach(routes::webSocket);
    api.mount(routes);
    pusher.mount(routes);
    uni.mount(routes);
    assets.mount(routes);
    return routes;
  }

  private void mountOps(RouteTable routes) {
    ops.mount(routes);
    if (admin != null) {
      admin.mount(routes);
    } else {
      AdminHttp.mountOff(routes);
    }
  }
}
