package io.herald.transport;

import io.herald.api.ApiService;
import io.herald.ingest.DaprEndpoint;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * Plain HTTP requests (those that are not a WebSocket handshake): {@code GET /health}, {@code POST
 * /api/<method>}, the fallback transports ({@link FallbackRouter}), Dapr's routes when ingestion
 * from Dapr is on, and {@code GET} of the {@link WebAssets} (the page at {@code /}, its scripts,
 * the SDK bundle). Anything else is 404; an API path with the wrong method is 405.
 */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

  static final String API_PREFIX = "/api/";

  private final ApiService api;
  private final WebAssets assets;
  private final OpsRouter ops;
  private final boolean health;
  private final DaprEndpoint dapr;
  private final FallbackRouter fallback;
  private final int apiMaxBodySize;

  /**
   * @param page the HTML served at {@code /}
   */
  HttpRouter(ApiService api, byte[] page) {
    this(api, WebAssets.page(page));
  }

  /**
   * @param assets the static files served on {@code GET}
   */
  HttpRouter(ApiService api, WebAssets assets) {
    this(api, assets, null, true);
  }

  /**
   * @param assets the static files served on {@code GET}
   * @param ops the operations endpoints served on this port, or null for none
   * @param health whether to answer {@code /health} when {@code ops} is null (false when it moved
   *     to the internal port)
   */
  HttpRouter(ApiService api, WebAssets assets, OpsRouter ops, boolean health) {
    this(api, assets, ops, health, null);
  }

  /**
   * @param dapr Dapr's subscription list and ingestion routes, or null for none
   */
  HttpRouter(ApiService api, WebAssets assets, OpsRouter ops, boolean health, DaprEndpoint dapr) {
    this(api, assets, ops, health, dapr, null, Integer.MAX_VALUE);
  }

  /**
   * @param dapr Dapr's subscription list and ingestion routes, or null for none
   * @param fallback the SSE and long-poll endpoints, or null when this port does not serve them
   * @param apiMaxBodySize {@code api.maxBodySize}: larger API requests get 413 (the body
   *     aggregator may let larger ones through for the fallback endpoints)
   */
  HttpRouter(ApiService api, WebAssets assets, OpsRouter ops, boolean health, DaprEndpoint dapr,
      FallbackRouter fallback, int apiMaxBodySize) {
    this.dapr = dapr;
    this.api = api;
    this.assets = assets;
    this.ops = ops;
    this.health = health;
    this.fallback = fallback;
    this.apiMaxBodySize = apiMaxBodySize;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String path = path(request.uri());
    if (ops != null && ops.handle(ctx, request, path)) {
      return;
    }
    if (fallback != null && fallback.handle(ctx, request, path)) {
      return;
    }
    if (health && path.equals("/health")) {
      HttpResponses.json(ctx, request, 200, "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
    } else if (dapr != null && dapr.handles(path)) {
      dapr(ctx, request, path);
    } else if (path.startsWith(API_PREFIX)) {
      api(ctx, request, path.substring(API_PREFIX.length()));
    } else if (request.method().equals(HttpMethod.GET) && assets.get(path) != null) {
      WebAssets.Asset asset = assets.get(path);
      HttpResponses.send(ctx, request, 200, asset.contentType(), asset.body());
    } else {
      HttpResponses.text(ctx, request, 404, "not found\n");
    }
  }

  private void api(ChannelHandlerContext ctx, FullHttpRequest request, String method) {
    if (!request.method().equals(HttpMethod.POST)) {
      HttpResponses.json(ctx, request, 405,
          "{\"error\":{\"code\":107,\"message\":\"use POST\"}}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (request.content().readableBytes() > apiMaxBodySize) {
      HttpResponses.text(ctx, request, 413, "request body larger than api.maxBodySize\n");
      return;
    }
    byte[] body = ByteBufUtil.getBytes(request.content());
    String key = request.headers().get("X-API-Key");
    FullHttpRequest retained = request.retainedDuplicate();
    api.handle(method, key, body)
        .whenComplete(
            (reply, error) ->
                runOnLoop(ctx, () -> {
                  try {
                    if (reply != null) {
                      HttpResponses.json(ctx, retained, reply.status(), reply.body());
                    } else {
                      HttpResponses.json(ctx, retained, 500,
                          "{\"error\":{\"code\":100,\"message\":\"internal server error\"}}"
                              .getBytes(StandardCharsets.UTF_8));
                    }
                  } finally {
                    retained.release();
                  }
                }));
  }

  /** Dapr pub/sub: no server API key (Dapr's sidecar calls on localhost), see DaprEndpoint. */
  private void dapr(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    if (request.content().readableBytes() > apiMaxBodySize) {
      HttpResponses.text(ctx, request, 413, "request body larger than api.maxBodySize\n");
      return;
    }
    byte[] body = ByteBufUtil.getBytes(request.content());
    FullHttpRequest retained = request.retainedDuplicate();
    dapr.handle(request.method().name(), path, request.headers().get("dapr-api-token"), body)
        .whenComplete((reply, error) -> runOnLoop(ctx, () -> {
          try {
            if (reply != null) {
              HttpResponses.json(ctx, retained, reply.status(), reply.body());
            } else {
              HttpResponses.json(ctx, retained, 200,
                  "{\"status\":\"RETRY\"}".getBytes(StandardCharsets.UTF_8));
            }
          } finally {
            retained.release();
          }
        }));
  }

  /**
   * Runs {@code task} now when already on the connection's loop (the common case: the memory
   * engine answers synchronously), else hands it to the loop. Re-posting from the loop would put
   * the reply behind the fan-out tasks the request itself just queued.
   */
  private static void runOnLoop(ChannelHandlerContext ctx, Runnable task) {
    if (ctx.executor().inEventLoop()) {
      task.run();
    } else {
      ctx.executor().execute(task);
    }
  }

  /** The path of a request URI, without query. */
  static String path(String uri) {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }
}
