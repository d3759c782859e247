package io.herald.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * CORS for the fallback endpoints. {@link OriginCheckHandler} has already refused (403) every
 * {@code Origin} outside {@code allowedOrigins}, so a request that gets here with an {@code
 * Origin} may have it. An origin listed explicitly (or this server's own) is echoed with {@code
 * Access-Control-Allow-Credentials: true}, so cookies (the token cookie, a proxy's session cookie)
 * go along with {@code EventSource(url, {withCredentials: true})} and {@code fetch(...,
 * {credentials: "include"})}. An origin admitted only by {@code "*"} gets {@code
 * Access-Control-Allow-Origin: *} and no credentials: browsers then send no cookies, and the
 * origin check has removed any that came.
 */
final class Cors {

  /**
   * Request header {@link OriginCheckHandler} sets on a request whose origin passed only by
   * {@code "*"}; removed from every checked request first, so a client cannot set it itself.
   */
  static final String WILDCARD_MARK = "x-herald-origin-wildcard";

  /** How long a browser may cache a preflight answer, in seconds. */
  static final int MAX_AGE_SECONDS = 600;

  private Cors() {}

  /**
   * Adds the CORS headers for a request from {@code origin} (as {@link #origin} gives it):
   * nothing when it is null, {@code *} without credentials for {@code "*"}.
   */
  static void allow(HttpHeaders out, String origin) {
    if (origin == null) {
      return;
    }
    if (origin.equals("*")) {
      out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
      return;
    }
    out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    out.add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
  }

  /** Answers a preflight {@code OPTIONS} with 204 and what the fallback endpoints accept. */
  static void preflight(ChannelHandlerContext ctx, FullHttpRequest request) {
    String origin = origin(request);
    String asked = request.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
    HttpResponses.send(ctx, request, 204, "text/plain", new byte[0], h -> {
      allow(h, origin);
      h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
      h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
          asked == null ? "Content-Type, Last-Event-ID" : asked);
      h.setInt(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
    });
  }

  /**
   * The request's {@code Origin}; {@code "*"} when it was admitted only by {@code
   * allowedOrigins: ["*"]}; null when it has none.
   */
  static String origin(FullHttpRequest request) {
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    return origin != null && request.headers().contains(WILDCARD_MARK) ? "*" : origin;
  }
}
