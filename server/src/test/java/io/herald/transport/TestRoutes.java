package io.herald.transport;

import io.herald.api.ApiRoutes;
import io.herald.config.HeraldConfig;
import io.herald.node.Node;
import io.herald.protocol.jsonrpc.JsonRpcProtocol;

/** The routes a client port of a test node serves: JSON-RPC WebSocket, API, health, assets. */
final class TestRoutes {

  private TestRoutes() {}

  static RouteTable of(Node node, HeraldConfig config, WebAssets assets) {
    RouteTable routes = new RouteTable();
    routes.webSocket(JsonRpcProtocol.WEBSOCKET_PATH,
        new ProtocolWebSocket(node, new JsonRpcProtocol(config.client())));
    new ApiRoutes(TestNodes.api(node), config.api().maxBodySize()).mount(routes);
    routes.exact("/health", x -> x.respond(HttpReply.json(200, "{\"status\":\"ok\"}")));
    assets.mount(routes);
    return routes;
  }

  static RouteTable of(Node node, HeraldConfig config, byte[] page) {
    return of(node, config, WebAssets.page(page));
  }
}
