package io.herald.transport;

import io.herald.config.HeraldConfig;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilter;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import java.util.Objects;

/**
 * The only place that knows the handler order of a client connection: TLS, request deadline (and,
 * between requests, the idle timeout), HTTP codec, body aggregation, origin check, connection
 * guard, WebSocket upgrade on the paths endpoints mounted ({@link WebSocketUpgrades}), and the
 * plain-HTTP router for everything that is not a handshake (the routes features mounted, the SSE
 * and long-poll fallbacks). It knows no feature: what a port serves is its {@link RouteTable},
 * filled by the composition root. Build one per listening port with {@link #builder}.
 */
public final class HeraldChannelInitializer extends ChannelInitializer<SocketChannel> {

  private final HeraldConfig config;
  private final RouteTable routes;
  private final WriteBufferWaterMark waterMark;
  private final ConnectionGuard guard;
  private final TlsContexts tls;
  private final FallbackRouter fallback;
  private final WebSocketUpgrades upgrades;
  private final PendingHandshakes pending;
  private final OriginCheckHandler origin;
  private final HttpRouter router;

  private HeraldChannelInitializer(Builder b) {
    this.config = b.config;
    this.routes = b.routes;
    this.tls = b.tls;
    routes.freeze();
    this.guard = new ConnectionGuard(config.client().connectionLimit(),
        config.client().connectionRatePerAddress(), config.client().connectionBurstPerAddress(),
        System::nanoTime, path -> routes.webSocketMount(path) != null, routes::holdsSession);
    // One router for every connection: it holds an ObjectMapper, far too heavy to build per
    // connection.
    this.fallback = b.fallback == null ? null : new FallbackRouter(config, b.fallback, guard);
    this.upgrades = new WebSocketUpgrades(routes, config.client().maxMessageSize(),
        config.websocket().compression(),
        config.websocket().compression() ? config.websocket() : null);
    this.pending = new PendingHandshakes(config.client().maxPendingHandshakes(),
        config.client().maxPendingHandshakesPerAddress());
    // Both hold only configuration: shared by every connection instead of built for each.
    this.origin = new OriginCheckHandler(config, guard::upgradesOn);
    this.router = new HttpRouter(routes, fallback);
    int queue = config.client().queueMaxSize();
    this.waterMark = new WriteBufferWaterMark(queue / 2, queue);
  }

  /** A port of a node with {@code config} serving {@code routes}. */
  public static Builder builder(HeraldConfig config, RouteTable routes) {
    return new Builder(config, routes);
  }

  /** What one listening port serves besides its routes. */
  public static final class Builder {
    private final HeraldConfig config;
    private final RouteTable routes;
    private TlsContexts tls;
    private FallbackSessions fallback;

    private Builder(HeraldConfig config, RouteTable routes) {
      this.config = Objects.requireNonNull(config);
      this.routes = Objects.requireNonNull(routes);
    }

    /** Wraps every connection in TLS from {@code contexts} (default: plain HTTP). */
    public Builder tls(TlsContexts contexts) {
      this.tls = contexts;
      return this;
    }

    /**
     * Serves the SSE, long-poll and emulation endpoints on the node's one registry of fallback
     * sessions (default: none; the internal port never serves them).
     */
    public Builder fallback(FallbackSessions sessions) {
      this.fallback = sessions;
      return this;
    }

    /** The initializer; freezes the routes. */
    public HeraldChannelInitializer build() {
      return new HeraldChannelInitializer(this);
    }
  }

  /**
   * permessage-deflate as Herald offers it: no context takeover asked of either side, Netty's
   * per-connection encoder switched off (the transport sends frames compressed once per message,
   * see {@link WebSocketWire#compressedTextFrame}), its decoder on for compressed client messages,
   * inflating at most {@code client.maxMessageSize} bytes per message.
   */
  private PerMessageDeflateServerExtensionHandshaker deflate() {
    WebSocketExtensionFilterProvider filters = new WebSocketExtensionFilterProvider() {
      @Override
      public WebSocketExtensionFilter encoderFilter() {
        return WebSocketExtensionFilter.ALWAYS_SKIP;
      }

      @Override
      public WebSocketExtensionFilter decoderFilter() {
        return WebSocketExtensionFilter.NEVER_SKIP;
      }
    };
    return new PerMessageDeflateServerExtensionHandshaker(
        config.websocket().compressionLevel(), false, 15, true, true, filters,
        config.client().maxMessageSize());
  }

  /**
   * Removes the handlers only HTTP requests need (idle timeout, request deadline, bad-request
   * answers, pipelining, origin check, connection guard, upgrade dispatch, router) once {@code p}'s connection became a
   * WebSocket or an SSE stream: each costs every idle connection a context and often an object
   * (about 400 bytes together). The guard still counts the connection: it listens on the close
   * future.
   */
  static void dropHttpHandlers(ChannelPipeline p) {
    for (String name : new String[] {"idle", "deadline", "deadlineEnd", "badRequest",
        "pipelining", "origin", "guard", "upgrades", "router"}) {
      if (p.get(name) != null) {
        p.remove(name);
      }
    }
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.config().setWriteBufferWaterMark(waterMark);
    ChannelPipeline p = ch.pipeline();
    if (tls != null) {
      p.addLast("tls", tls.current().newHandler(ch.alloc()));
    }
    RequestDeadline deadline =
        new RequestDeadline(config.client().connectTimeout(), pending, guard::upgradesOn);
    p.addLast("deadline", deadline.start());
    // "idle" (HttpIdleTimeout) joins in front of "http" after the first request, see RequestDeadline.
    p.addLast("http", new HttpServerCodec(
        config.client().maxRequestLineLength(), config.client().maxRequestHeaderSize(), 8192));
    p.addLast("badRequest", new BadRequestHandler());
    p.addLast("body", new HttpObjectAggregator(
        Math.max(config.api().maxBodySize(), config.fallback().maxRequestSize() + 1)));
    p.addLast("deadlineEnd", deadline.end());
    p.addLast("pipelining", new HttpPipelineGate(config.client().maxPipelinedRequests()));
    p.addLast("origin", origin);
    p.addLast("guard", guard);
    if (config.websocket().compression()) {
      p.addLast("extensions", new WebSocketServerExtensionHandler(deflate()));
    }
    p.addLast("upgrades", upgrades);
    p.addLast("router", router);
  }
}
