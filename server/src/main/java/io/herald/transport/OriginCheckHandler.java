package io.herald.transport;

import io.herald.config.HeraldConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.ReferenceCountUtil;

/**
 * Refuses a WebSocket handshake, or a request to a fallback endpoint ({@link FallbackRouter#PATHS},
 * CORS preflight included), with 403 when its {@code Origin} is not in {@code
 * allowedOrigins} and is not this server itself (same host and port as the {@code Host} header,
 * i.e. a page Herald served: the admin UI); other requests pass untouched. Requests without {@code Origin} (non-browser
 * clients) pass: the token, not the origin, authenticates them.
 *
 * <p>An origin that passes only because {@code allowedOrigins} holds {@code "*"} is not trusted
 * with credentials: the request's {@code Cookie} header is removed (so neither the token cookie
 * nor a cookie forwarded to the connect proxy can authenticate a page of any site that a user
 * happens to visit), and {@link Cors} answers it with {@code Access-Control-Allow-Origin: *} and
 * no {@code Access-Control-Allow-Credentials}. Only origins listed explicitly, and this server's
 * own pages, get credentials.
 *
 * <p>Holds only configuration: one instance serves every connection of a port.
 */
@io.netty.channel.ChannelHandler.Sharable
final class OriginCheckHandler extends ChannelInboundHandlerAdapter {

  private final HeraldConfig config;
  private final java.util.function.Predicate<String> webSocketPaths;

  /**
   * @param webSocketPaths true for the paths a mounted WebSocket endpoint upgrades
   */
  OriginCheckHandler(HeraldConfig config, java.util.function.Predicate<String> webSocketPaths) {
    this.config = config;
    this.webSocketPaths = webSocketPaths;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof FullHttpRequest request && checked(HttpRouter.path(request.uri()))) {
      String origin = request.headers().get(HttpHeaderNames.ORIGIN);
      boolean same = sameOrigin(origin, request.headers().get(HttpHeaderNames.HOST));
      if (!config.originAllowed(origin) && !same) {
        try {
          HttpResponses.text(ctx, request, 403, "origin not allowed: " + origin + "\n");
        } finally {
          ReferenceCountUtil.release(request);
        }
        return;
      }
      request.headers().remove(Cors.WILDCARD_MARK);
      if (origin != null && !same && !config.allowedOrigins().contains(origin)) {
        request.headers().remove(HttpHeaderNames.COOKIE);
        request.headers().set(Cors.WILDCARD_MARK, "1");
      }
    }
    ctx.fireChannelRead(msg);
  }

  /**
   * True when the page that opens the WebSocket was served by this same host and port (the admin
   * UI, the dev page): {@code Origin} without its scheme equals {@code Host}.
   */
  static boolean sameOrigin(String origin, String host) {
    if (origin == null || host == null) {
      return false;
    }
    int scheme = origin.indexOf("://");
    return scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
  }

  /** True for the paths whose requests must come from an allowed origin. */
  boolean checked(String path) {
    return webSocketPaths.test(path) || FallbackRouter.PATHS.contains(path);
  }
}
