package io.herald.transport;

import io.herald.api.ApiService;
import io.herald.ingest.DaprEndpoint;
import io.herald.config.HeraldConfig;
import io.herald.node.Node;
import io.herald.protocol.JsonRpcDecoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilter;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;

/**
 * The only place that knows the handler order of a client connection: idle timeout, HTTP codec,
 * body aggregation, origin check, WebSocket upgrade on {@value #WEBSOCKET_PATH}, message aggregation,
 * session, and the plain-HTTP router for everything that is not a handshake (the API, the SSE and
 * long-poll fallbacks, static files).
 */
public final class HeraldChannelInitializer extends ChannelInitializer<SocketChannel> {

  /** Where clients open WebSockets. */
  public static final String WEBSOCKET_PATH = "/connection/websocket";

  private final HeraldConfig config;
  private final Node node;
  private final ApiService api;
  private final JsonRpcDecoder decoder;
  private final WebAssets assets;
  private final WebSocketServerProtocolConfig wsConfig;
  private final WriteBufferWaterMark waterMark;
  private final OpsRouter ops;
  private final boolean health;
  private final ConnectionGuard guard;
  private final TlsContexts tls;
  private final DaprEndpoint dapr;
  private final FallbackRouter fallback;

  /** A pipeline whose only page is {@code page} at {@code /}. */
  public HeraldChannelInitializer(HeraldConfig config, Node node, ApiService api, byte[] page) {
    this(config, node, api, WebAssets.page(page));
  }

  /** A pipeline serving {@code assets} on plain HTTP {@code GET}, and {@code /health}. */
  public HeraldChannelInitializer(
      HeraldConfig config, Node node, ApiService api, WebAssets assets) {
    this(config, node, api, assets, null, true);
  }

  /**
   * A pipeline serving {@code assets} on plain HTTP {@code GET}.
   *
   * @param ops the operations endpoints this port serves ({@code /metrics}, {@code /health},
   *     {@code /ready}, {@code /admin}), or null when they are on another port
   * @param health whether to answer {@code /health} when {@code ops} is null
   */
  public HeraldChannelInitializer(
      HeraldConfig config,
      Node node,
      ApiService api,
      WebAssets assets,
      OpsRouter ops,
      boolean health) {
    this(config, node, api, assets, ops, health, null);
  }

  /**
   * A pipeline serving {@code assets} on plain HTTP {@code GET}, over TLS when {@code tls} is set.
   *
   * @param ops the operations endpoints this port serves ({@code /metrics}, {@code /health},
   *     {@code /ready}, {@code /admin}), or null when they are on another port
   * @param health whether to answer {@code /health} when {@code ops} is null
   * @param tls the TLS context to wrap every connection in, or null for plain HTTP
   */
  public HeraldChannelInitializer(
      HeraldConfig config,
      Node node,
      ApiService api,
      WebAssets assets,
      OpsRouter ops,
      boolean health,
      TlsContexts tls) {
    this(config, node, api, assets, ops, health, tls, null,
        config.fallback().enabled() ? new FallbackSessions(node, config) : null);
  }

  /**
   * A pipeline as above that also serves Dapr's subscription list and routes, and whose fallback
   * endpoints (SSE, long-poll, emulation) use {@code fallback}.
   *
   * @param dapr the Dapr ingestion routes, or null for none
   * @param fallback the node's one registry of fallback sessions; null serves no fallback
   *     endpoints (a second port of the same node, the internal one, passes null)
   */
  public HeraldChannelInitializer(
      HeraldConfig config,
      Node node,
      ApiService api,
      WebAssets assets,
      OpsRouter ops,
      boolean health,
      TlsContexts tls,
      DaprEndpoint dapr,
      FallbackSessions fallback) {
    this.dapr = dapr;
    this.tls = tls;
    this.ops = ops;
    this.health = health;
    this.config = config;
    this.node = node;
    this.api = api;
    this.assets = assets;
    this.decoder = FallbackSessions.decoder(config);
    this.guard = new ConnectionGuard(config.client().connectionLimit(),
        config.client().connectionRatePerAddress(), config.client().connectionBurstPerAddress(),
        System::nanoTime);
    // One router for every connection: it holds an ObjectMapper, far too heavy to build per
    // connection.
    this.fallback = fallback == null ? null : new FallbackRouter(config, fallback, guard);
    int maxMessage = config.client().maxMessageSize();
    this.wsConfig =
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(WEBSOCKET_PATH)
            .checkStartsWith(true)
            .handshakeTimeoutMillis(10_000)
            .sendCloseFrame(null)
            .decoderConfig(
                WebSocketDecoderConfig.newBuilder()
                    .maxFramePayloadLength(maxMessage)
                    .allowExtensions(config.websocket().compression())
                    .closeOnProtocolViolation(true)
                    .build())
            .build();
    int queue = config.client().queueMaxSize();
    this.waterMark = new WriteBufferWaterMark(queue / 2, queue);
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
   * Removes the handlers only HTTP requests need (idle timeout, bad-request answers, origin
   * check, connection guard, router) once {@code p}'s connection became a WebSocket or an SSE
   * stream: each costs every idle connection a context and often an object (about 400 bytes
   * together). The guard still counts the connection: it listens on the close future.
   */
  static void dropHttpHandlers(ChannelPipeline p) {
    for (String name : new String[] {"idle", "badRequest", "origin", "guard", "router"}) {
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
    p.addLast("idle", new HttpIdleTimeout(config.client().connectTimeout()));
    p.addLast("http", new HttpServerCodec(
        config.client().maxRequestLineLength(), config.client().maxRequestHeaderSize(), 8192));
    p.addLast("badRequest", new BadRequestHandler());
    p.addLast("body", new HttpObjectAggregator(
        Math.max(config.api().maxBodySize(), config.fallback().maxRequestSize() + 1)));
    p.addLast("origin", new OriginCheckHandler(config));
    p.addLast("guard", guard);
    if (config.websocket().compression()) {
      p.addLast("extensions", new WebSocketServerExtensionHandler(deflate()));
    }
    p.addLast("websocket", new WebSocketServerProtocolHandler(wsConfig));
    p.addLast("messages", new WebSocketFrameAggregator(config.client().maxMessageSize()));
    p.addLast("session", new WebSocketSessionHandler(
        node, decoder, config.websocket().compression() ? config.websocket() : null));
    p.addLast("router", new HttpRouter(api, assets, ops, health, dapr,
        fallback,
        config.api().maxBodySize()));
  }
}
