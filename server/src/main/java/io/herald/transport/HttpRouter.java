package io.herald.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain HTTP requests (those that are not a WebSocket handshake): the transport's own fallback
 * endpoints ({@link FallbackRouter}) when the port serves them, then the routes features mounted
 * in the port's {@link RouteTable}. A path without a route is 404, a path whose routes do not
 * take the method 405, a handler that throws 500. Holds only what the port serves, so one
 * instance serves every connection of the port.
 */
@io.netty.channel.ChannelHandler.Sharable
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger log = LoggerFactory.getLogger(HttpRouter.class);

  private final RouteTable routes;
  private final FallbackRouter fallback;

  /** A router for {@code routes} alone (no fallback endpoints). */
  HttpRouter(RouteTable routes) {
    this(routes, null);
  }

  /**
   * @param fallback the SSE and long-poll endpoints, or null when this port does not serve them
   */
  HttpRouter(RouteTable routes, FallbackRouter fallback) {
    this.routes = routes;
    this.fallback = fallback;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String path = path(request.uri());
    if (fallback != null && fallback.handle(ctx, request, path)) {
      return;
    }
    RouteTable.Found found = routes.find(request.method().name(), path);
    if (found.handler() == null) {
      HttpResponses.text(ctx, request, found.pathKnown() ? 405 : 404,
          found.pathKnown() ? "method not allowed\n" : "not found\n");
      return;
    }
    try {
      found.handler().handle(new HttpExchange(ctx, request, path));
    } catch (RuntimeException e) {
      log.warn("HTTP handler for {} {} failed", request.method(), path, e);
      HttpResponses.text(ctx, request, 500, "internal server error\n");
    }
  }

  /** The path of a request URI, without query. */
  static String path(String uri) {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }
}
