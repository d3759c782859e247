package io.herald.transport;

import io.herald.node.TokenBucket;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Admits or refuses client connections at the WebSocket handshake or the SSE request, before any
 * session exists: 503 when the node already holds {@code client.connectionLimit} client
 * connections, or when the remote address opens new ones faster than {@code
 * client.connectionRatePerAddress} (beyond a burst of {@code client.connectionBurstPerAddress}).
 * One instance per node, shared by every connection; thread-safe. Idle per-address buckets are
 * dropped, so the map stays as large as the set of addresses that connected within the last few
 * seconds.
 */
@ChannelHandler.Sharable
final class ConnectionGuard extends ChannelInboundHandlerAdapter {

  /** Addresses tracked before idle buckets are swept. */
  static final int SWEEP_AT = 10_000;

  private final int connectionLimit;
  private final int ratePerAddress;
  private final int burstPerAddress;
  private final LongSupplier nanoTime;
  private final java.util.function.Predicate<String> webSocketPaths;
  private final java.util.function.Predicate<String> sessionPaths;
  private final AtomicInteger open = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, TokenBucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param connectionLimit most client connections; 0 for no limit
   * @param ratePerAddress new connections per second per address; 0 for no limit
   * @param burstPerAddress new connections one address may open at once
   * @param nanoTime a monotonic clock
   * @param webSocketPaths true for the paths a mounted WebSocket endpoint upgrades
   */
  ConnectionGuard(
      int connectionLimit, int ratePerAddress, int burstPerAddress, LongSupplier nanoTime,
      java.util.function.Predicate<String> webSocketPaths) {
    this(connectionLimit, ratePerAddress, burstPerAddress, nanoTime, webSocketPaths, p -> false);
  }

  /**
   * @param sessionPaths true for the paths whose answer holds the connection for a session
   *     ({@link HttpRoutes#session}): guarded like handshakes
   */
  ConnectionGuard(
      int connectionLimit, int ratePerAddress, int burstPerAddress, LongSupplier nanoTime,
      java.util.function.Predicate<String> webSocketPaths,
      java.util.function.Predicate<String> sessionPaths) {
    this.webSocketPaths = webSocketPaths;
    this.sessionPaths = sessionPaths;
    this.connectionLimit = connectionLimit;
    this.ratePerAddress = ratePerAddress;
    this.burstPerAddress = burstPerAddress;
    this.nanoTime = nanoTime;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof FullHttpRequest request && guarded(HttpRouter.path(request.uri()))) {
      String refused = admit(ctx);
      if (refused != null) {
        try {
          HttpResponses.text(ctx, request, 503, refused + "\n");
        } finally {
          ReferenceCountUtil.release(request);
        }
        return;
      }
    }
    ctx.fireChannelRead(msg);
  }

  /**
   * WebSocket handshakes, SSE streams and other session routes: the requests that hold a
   * connection for a session.
   */
  boolean guarded(String path) {
    return upgradesOn(path) || path.equals(FallbackRouter.SSE_PATH) || sessionPaths.test(path);
  }

  /** True for every path a mounted WebSocket endpoint upgrades (its path and what is under it). */
  boolean upgradesOn(String path) {
    return webSocketPaths.test(path);
  }

  /** Null when admitted (and then counted until the channel closes), else why not. */
  private String admit(ChannelHandlerContext ctx) {
    String refused = admit(ctx.channel().remoteAddress());
    if (refused == null && connectionLimit > 0) {
      ctx.channel().closeFuture().addListener(f -> release());
    }
    return refused;
  }

  /**
   * Admits a session from {@code remote} that holds no connection of its own (long-poll): the same
   * rate per address, and counted as a connection until {@link #release}. Thread-safe.
   *
   * @return null when admitted, else why not (answer 503 with it)
   */
  String admit(SocketAddress remote) {
    if (ratePerAddress > 0 && remote instanceof InetSocketAddress inet
        && !take(inet.getAddress())) {
      return "too many new connections from this address";
    }
    if (connectionLimit > 0 && open.incrementAndGet() > connectionLimit) {
      open.decrementAndGet();
      return "connection limit reached";
    }
    return null;
  }

  /** One admitted connection or session is gone. */
  void release() {
    if (connectionLimit > 0) {
      open.decrementAndGet();
    }
  }

  private boolean take(InetAddress address) {
    long now = nanoTime.getAsLong();
    if (buckets.size() >= SWEEP_AT) {
      buckets.values().removeIf(b -> {
        synchronized (b) {
          return b.fullAt(now);
        }
      });
    }
    TokenBucket bucket = buckets.computeIfAbsent(
        address, a -> new TokenBucket(ratePerAddress, burstPerAddress, now));
    synchronized (bucket) {
      return bucket.tryTake(now);
    }
  }

  /** Client connections counted now (for tests). */
  int open() {
    return open.get();
  }
}
