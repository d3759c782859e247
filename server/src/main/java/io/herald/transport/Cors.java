package io.herald.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * CORS for the fallback endpoints. {@link OriginCheckHandler} has already refused (403) every
 * {@code Origin} outside {@code allowedOrigins}, so a request that gets here with an {@code
 * Origin} may have it: it is echoed (never {@code *}, which browsers refuse with credentials)
 * with {@code Access-Control-Allow-Credentials: true}, so cookies (the token cookie, a proxy's
 * session cookie) go along with {@code EventSource(url, {withCredentials: true})} and {@code
 * fetch(..., {credentials: "include"})}.
 */
final class Cors {

  /** How long a browser may cache a preflight answer, in seconds. */
  static final int MAX_AGE_SECONDS = 600;

  private Cors() {}

  /** Adds the CORS headers for a request from {@code origin}; nothing when it is null. */
  static void allow(HttpHeaders out, String origin) {
    if (origin == null) {
      return;
    }
    out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    out.add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
  }

  /** Answers a preflight {@code OPTIONS} with 204 and what the fallback endpoints accept. */
  static void preflight(ChannelHandlerContext ctx, FullHttpRequest request) {
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    String asked = request.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
    HttpResponses.send(ctx, request, 204, "text/plain", new byte[0], h -> {
      allow(h, origin);
      h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
      h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
          asked == null ? "Content-Type, Last-Event-ID" : asked);
      h.setInt(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
    });
  }

  /** The request's {@code Origin}, or null. */
  static String origin(FullHttpRequest request) {
    return request.headers().get(HttpHeaderNames.ORIGIN);
  }
}
