package io.herald.transport;

import io.herald.config.FallbackConfig;
import io.herald.config.HeraldConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Set;

/**
 * The HTTP fallback endpoints (docs/transports.md): {@value #SSE_PATH} (GET, an event stream,
 * {@link SseEndpoint}), {@value #LONGPOLL_PATH} (POST, one poll per request, {@link
 * LongPollEndpoint}) and {@value #EMULATION_PATH} (POST, client messages for a fallback session,
 * {@link EmulationEndpoint}), each with CORS preflight. Bad requests are answered with an HTTP
 * status and {@code {"error": "..."}}: 400 bad body, 404 unknown session, 405 wrong method, 413
 * body over {@code fallback.maxRequestSize}. One per listener, shared by its connections (it
 * holds no per-connection state; thread-safe), on the node's {@link FallbackSessions}.
 */
final class FallbackRouter {

  static final String SSE_PATH = "/connection/sse";
  static final String LONGPOLL_PATH = "/connection/longpoll";
  static final String EMULATION_PATH = "/connection/emulation";
  static final Set<String> PATHS = Set.of(SSE_PATH, LONGPOLL_PATH, EMULATION_PATH);

  private final FallbackConfig config;
  private final SseEndpoint sse;
  private final LongPollEndpoint longPoll;
  private final EmulationEndpoint emulation;

  /**
   * @param guard counts long-poll sessions as connections (SSE streams and WebSockets it counts
   *     in the pipeline)
   */
  FallbackRouter(HeraldConfig config, FallbackSessions sessions, ConnectionGuard guard) {
    this.config = config.fallback();
    FallbackRequests requests = new FallbackRequests(config);
    this.sse = new SseEndpoint(sessions, requests, config.fallback());
    this.longPoll =
        new LongPollEndpoint(sessions, requests, guard, config.client().connectTimeout());
    this.emulation = new EmulationEndpoint(sessions, requests);
  }

  /** Answers {@code request} when {@code path} is a fallback endpoint; false otherwise. */
  boolean handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    if (!PATHS.contains(path)) {
      return false;
    }
    if (request.method().equals(HttpMethod.OPTIONS)) {
      Cors.preflight(ctx, request);
    } else if (path.equals(SSE_PATH)) {
      if (expect(ctx, request, HttpMethod.GET)) {
        sse.handle(ctx, request);
      }
    } else if (!expect(ctx, request, HttpMethod.POST)) {
      return true;
    } else if (request.content().readableBytes() > config.maxRequestSize()) {
      FallbackRequests.error(ctx, request, 413, "body larger than fallback.maxRequestSize ("
          + config.maxRequestSize() + " bytes)");
    } else if (path.equals(LONGPOLL_PATH)) {
      longPoll.handle(ctx, request);
    } else {
      emulation.handle(ctx, request);
    }
    return true;
  }

  private static boolean expect(
      ChannelHandlerContext ctx, FullHttpRequest request, HttpMethod method) {
    if (request.method().equals(method)) {
      return true;
    }
    FallbackRequests.error(ctx, request, 405, "use " + method.name());
    return false;
  }
}
