package io.herald.transport;

/**
 * Where features mount their HTTP surface at start-up. The front door ({@link HttpRouter}, {@link
 * HeraldChannelInitializer}) knows no feature: the server API ({@code /api/}), the admin UI
 * ({@code /admin}), the operations endpoints ({@code /metrics}, {@code /health}, {@code /ready}),
 * Dapr's routes, the static files, and any later surface (a protocol's HTTP API such as {@code
 * /apps/{id}/events}, {@code /api/openapi.yaml}, {@code /connection/uni/*}) are added through this
 * interface by the composition root ({@code io.herald.server}), once per listening port: the
 * client port and, when {@code internal.port} is set, the internal one each get their own table.
 *
 * <p>Matching, per request: an exact path first, then the longest matching prefix. Among the
 * routes of the matched path the one for the request's method wins, then one registered for any
 * method ({@code method == null}); a path with routes but none for the method gets 405, a path
 * with no route 404. Query strings are not part of the path.
 *
 * <p>WebSocket endpoints: {@link #webSocket} makes a path (and everything under it, {@code
 * /app/} covers {@code /app/{key}}) a WebSocket endpoint: an upgrade request there is handshaken
 * (origin check, connection limits, {@code client.maxMessageSize}, permessage-deflate as
 * configured) and the connection is handed to the endpoint (a protocol adapter), which owns the
 * session from then on. A request to such a path that is not a valid upgrade is answered by the
 * handshake (400/426) as the WebSocket spec says.
 *
 * <p>Threading: register before the port accepts connections (the table is read without locks
 * afterwards; registering later throws). Handlers run on the connection's event loop and must not
 * block it.
 */
public interface HttpRoutes {

  /** Serves {@code path} exactly, for any method. */
  default HttpRoutes exact(String path, HttpHandler handler) {
    return exact(null, path, handler);
  }

  /**
   * Serves {@code path} exactly.
   *
   * @param method the HTTP method (upper case, e.g. {@code GET}), or null for any
   */
  HttpRoutes exact(String method, String path, HttpHandler handler);

  /**
   * Serves every path starting with {@code prefix}, for any method. A prefix ending in {@code /}
   * covers what is under it; {@code "/"} covers everything no other route takes.
   */
  default HttpRoutes prefix(String prefix, HttpHandler handler) {
    return prefix(null, prefix, handler);
  }

  /** Serves every path starting with {@code prefix} for {@code method} (null: any). */
  HttpRoutes prefix(String method, String prefix, HttpHandler handler);

  /**
   * Serves {@code path} exactly for {@code method} with an answer that holds the connection for a
   * session (an event stream, {@link HttpExchange#stream}): as {@link #exact}, and the request is
   * first admitted like a WebSocket handshake, by {@code client.connectionLimit} and {@code
   * client.connectionRatePerAddress} (503 beyond them), and counted until its connection closes.
   * Default: a plain {@link #exact} route.
   */
  default HttpRoutes session(String method, String path, HttpHandler handler) {
    return exact(method, path, handler);
  }

  /**
   * Makes {@code path} and every path under it ({@code path + "/..."}) a WebSocket endpoint
   * handled by {@code endpoint}. {@code path} must not end with {@code /}.
   */
  HttpRoutes webSocket(String path, WebSocketEndpoint endpoint);
}
