package io.herald.proxy;

import io.herald.config.ProxyEndpoint;
import io.herald.node.proxy.RpcCall;
import io.herald.node.proxy.RpcListener;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * rpc calls to a plain-HTTP backend over Netty, on the calling session's own event loop: the
 * backend's socket and the client's WebSocket are served by the same thread, so a chunk goes from
 * one to the other in one pass of the loop, with no hand-off between threads. HTTP/1.1 with
 * keep-alive: each event loop keeps its own idle connections (at most {@value #MAX_IDLE_PER_LOOP}),
 * reused by the next call on that loop. Thread-safe; each connection is only touched on its loop.
 */
final class LoopRpcClient {

  /** Idle keep-alive connections kept per event loop; more are closed when released. */
  static final int MAX_IDLE_PER_LOOP = 128;

  /**
   * Where backend host names are resolved: two daemon threads, never an event loop (an IP
   * literal needs no lookup). A connection is opened on the loop once its address is known.
   */
  private static final ExecutorService RESOLVER = Executors.newFixedThreadPool(2, task -> {
    Thread thread = new Thread(task, "herald-dns");
    thread.setDaemon(true);
    return thread;
  });

  private final String host;
  private final int port;
  private final String target;
  private final ProxyEndpoint config;
  private final int maxResponse;
  private final ProxyObserver observer;
  private final Map<EventLoop, ArrayDeque<Channel>> idle = new ConcurrentHashMap<>();

  LoopRpcClient(ProxyEndpoint config, int maxResponse, ProxyObserver observer) {
    URI uri = URI.create(config.endpoint());
    this.host = uri.getHost();
    this.port = uri.getPort() > 0 ? uri.getPort() : 80;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    this.target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    this.config = config;
    this.maxResponse = maxResponse;
    this.observer = observer;
  }

  /** True when this client can serve {@code endpoint}: plain HTTP (TLS goes to the JDK client). */
  static boolean serves(ProxyEndpoint endpoint) {
    return URI.create(endpoint.endpoint()).getScheme().equalsIgnoreCase("http");
  }

  /** Starts a call on {@code loop}; the listener is called on that loop. */
  RpcCall call(EventLoop loop, byte[] body, Map<String, String> headers, RpcListener listener) {
    LoopExchange exchange =
        new LoopExchange(this, loop, host + (port == 80 ? "" : ":" + port), target, body, headers,
            listener, maxResponse, observer);
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
    InetAddress literal = literal(host);
    if (literal != null) {
      connect(loop, exchange, new InetSocketAddress(literal, port));
      return;
    }
    // Never resolve a name on the event loop: Netty's default resolver would block it.
    CompletableFuture.supplyAsync(() -> {
      try {
        return InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        throw new CompletionException(e);
      }
    }, RESOLVER).whenComplete((address, error) -> loop.execute(() -> {
      if (error != null) {
        exchange.connectFailed(error instanceof CompletionException c && c.getCause() != null
            ? c.getCause() : error);
      } else {
        connect(loop, exchange, new InetSocketAddress(address, port));
      }
    }));
  }

  /** {@code host} as an address when it is an IP literal (no lookup needed), else null. */
  private static InetAddress literal(String host) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
    try {
      return bytes == null ? null : InetAddress.getByAddress(host, bytes);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private void connect(EventLoop loop, LoopExchange exchange, InetSocketAddress address) {
    ChannelFuture connecting = new Bootstrap()
        .group(loop)
        .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
            config.timeout().toMillis()))
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast("http", new HttpClientCodec());
            ch.pipeline().addLast("exchange", new LoopExchange.Handler());
          }
        })
        .connect(address);
    connecting.addListener(done -> {
      if (done.isSuccess()) {
        Channel ch = connecting.channel();
        ch.closeFuture().addListener(closed -> {
          ArrayDeque<Channel> pool = idle.get(loop);
          if (pool != null) {
            pool.remove(ch);
          }
        });
        exchange.start(ch);
      } else {
        exchange.connectFailed(done.cause());
      }
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
