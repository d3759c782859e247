package io.herald.proxy;

import io.herald.config.ProxyEndpoint;
import io.herald.node.proxy.RpcCall;
import io.herald.node.proxy.RpcListener;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.AddressResolverGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP client of one backend endpoint, over Netty, on the calling session's own event loop:
 * the backend's socket and the client's WebSocket are served by the same thread, so an answer (or
 * a stream's chunk) goes from one to the other in one pass of the loop, with no hand-off between
 * threads. HTTP/1.1 with keep-alive: each event loop keeps its own idle connections (at most
 * {@value #MAX_IDLE_PER_LOOP}), reused by the next call on that loop. {@code https://} endpoints
 * get TLS (with host name verification); host names are resolved asynchronously on the loop by
 * Netty's DNS resolver. Thread-safe; each connection is only touched on its loop.
 */
final class LoopHttpClient {

  /** Idle keep-alive connections kept per event loop; more are closed when released. */
  static final int MAX_IDLE_PER_LOOP = 128;

  private final String host;
  private final int port;
  private final String hostHeader;
  private final String target;
  private final ProxyEndpoint config;
  private final int maxResponse;
  private final ProxyObserver observer;
  private final SslContext tls;
  private final AddressResolverGroup<InetSocketAddress> resolver;
  private final Map<EventLoop, ArrayDeque<Channel>> idle = new ConcurrentHashMap<>();

  /**
   * A client of {@code config}'s URL.
   *
   * @param tls the client TLS context, used when the URL is {@code https://}
   * @param resolver resolves the URL's host name on the calling loop
   */
  LoopHttpClient(ProxyEndpoint config, int maxResponse, ProxyObserver observer, SslContext tls,
      AddressResolverGroup<InetSocketAddress> resolver) {
    URI uri = URI.create(config.endpoint());
    boolean https = uri.getScheme().toLowerCase(Locale.ROOT).equals("https");
    int defaultPort = https ? 443 : 80;
    this.host = uri.getHost();
    this.port = uri.getPort() > 0 ? uri.getPort() : defaultPort;
    this.hostHeader = uri.getRawAuthority().contains("@")
        ? uri.getRawAuthority().substring(uri.getRawAuthority().lastIndexOf('@') + 1)
        : uri.getRawAuthority();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    this.target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    this.config = config;
    this.maxResponse = maxResponse;
    this.observer = observer;
    this.tls = https ? tls : null;
    this.resolver = resolver;
  }

  /**
   * Starts a call on {@code loop}; the listener is called on that loop.
   *
   * @param whole true for a JSON answer handed over whole (connect, publish, subscribe: the
   *     listener gets it raw in {@link RpcListener#answer}); false for an rpc, whose answer may
   *     be a stream and whose JSON answer is unwrapped to its {@code data}
   */
  RpcCall call(EventLoop loop, byte[] body, Map<String, String> headers, RpcListener listener,
      boolean whole) {
    LoopExchange exchange = new LoopExchange(this, loop, hostHeader, target, body, headers,
        listener, maxResponse, whole ? ProxyObserver.NONE : observer, whole);
    loop.execute(() -> acquire(loop, exchange));
    return exchange;
  }

  private void acquire(EventLoop loop, LoopExchange exchange) {
    ArrayDeque<Channel> free = idle.get(loop);
    while (free != null && !free.isEmpty()) {
      Channel ch = free.pollLast();
      if (ch.isActive()) {
        exchange.start(ch);
        return;
      }
    }
    connect(loop, exchange);
  }

  private void connect(EventLoop loop, LoopExchange exchange) {
    ChannelFuture connecting = new Bootstrap()
        .group(loop)
        .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
        .resolver(resolver)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
            config.timeout().toMillis()))
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (tls != null) {
              ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), host, port));
            }
            ch.pipeline().addLast("http", new HttpClientCodec());
            ch.pipeline().addLast("exchange", new LoopExchange.Handler());
          }
        })
        .connect(InetSocketAddress.createUnresolved(host, port));
    connecting.addListener(done -> {
      if (!done.isSuccess()) {
        exchange.connectFailed(done.cause());
        return;
      }
      Channel ch = connecting.channel();
      ch.closeFuture().addListener(closed -> {
        ArrayDeque<Channel> pool = idle.get(loop);
        if (pool != null) {
          pool.remove(ch);
        }
      });
      SslHandler handler = ch.pipeline().get(SslHandler.class);
      if (handler == null) {
        exchange.start(ch);
        return;
      }
      handler.handshakeFuture().addListener(shaken -> {
        if (shaken.isSuccess()) {
          exchange.start(ch);
        } else {
          ch.close();
          exchange.connectFailed(shaken.cause());
        }
      });
    });
  }

  /** A connection whose answer was read to its end and may carry the next call on its loop. */
  void release(Channel ch) {
    ArrayDeque<Channel> free = idle.computeIfAbsent(ch.eventLoop(), l -> new ArrayDeque<>());
    if (free.size() >= MAX_IDLE_PER_LOOP || !ch.isActive()) {
      ch.close();
      return;
    }
    free.addLast(ch);
  }

  /** Closes every idle connection. */
  void close() {
    idle.forEach((loop, free) -> loop.execute(() -> {
      for (Channel ch : free) {
        ch.close();
      }
      free.clear();
    }));
  }
}
