package io.herald.bench.client;

import io.herald.bench.protocol.Protocol;
import io.herald.bench.protocol.Protocol.HttpPublish;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import org.HdrHistogram.Histogram;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes over HTTP/1.1 keep-alive connections, the way a backend calls a server API: a pool
 * of {@code connections} sockets, one request in flight on each (no pipelining), requests that
 * find every socket busy wait in a queue of at most {@code maxQueued}. All pool state lives on
 * one event loop. A socket the server closes (an idle timeout, say) is replaced.
 *
 * <p>A response counts as refused when its status is not 2xx or its body holds {@code "error"}.
 */
public final class HttpPublisher implements Publisher {

  private static final AttributeKey<Long> SENT_AT = AttributeKey.valueOf("bench.sentAt");

  private final LoadClient client;
  private final InetSocketAddress server;
  private final Protocol protocol;
  private final int connections;
  private final int maxQueued;
  private final EventLoop loop;
  private final ArrayDeque<Channel> idle = new ArrayDeque<>();
  private final ArrayDeque<FullHttpRequest> queued = new ArrayDeque<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong acked = new AtomicLong();
  private final Histogram roundTripMicros = new Histogram(3_600_000_000L, 3); // loop-confined
  private volatile boolean closed;
  private volatile String lastError;

  public HttpPublisher(
      LoadClient client, InetSocketAddress server, Protocol protocol, int connections, int maxQueued) {
    this.client = client;
    this.server = server;
    this.protocol = protocol;
    this.connections = connections;
    this.maxQueued = maxQueued;
    this.loop = client.group().next();
  }

  @Override
  public void start(Duration timeout) throws Exception {
    CountDownLatch up = new CountDownLatch(connections);
    for (int i = 0; i < connections; i++) {
      connect(up);
    }
    if (!up.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("publisher: could not connect to " + server);
    }
    int n = loop.submit(idle::size).get(); // the pool is the loop's: read it there
    if (n == 0) {
      throw new IllegalStateException("publisher: no HTTP connection to " + server + ": " + lastError);
    }
  }

  private void connect(CountDownLatch up) {
    Bootstrap b =
        client.bootstrap(
                loop,
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(1 << 20))
                        .addLast(new ResponseHandler());
                  }
                });
    b.connect(server)
        .addListener(
            f -> {
              if (f.isSuccess()) {
                idle.add(((io.netty.channel.ChannelFuture) f).channel());
              } else {
                lastError = f.cause().toString();
              }
              if (up != null) {
                up.countDown();
              }
            });
  }

  @Override
  public void publish(String channel, byte[] payload) {
    HttpPublish p = protocol.httpPublish(channel, payload);
    FullHttpRequest req =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.POST, p.path(), Unpooled.wrappedBuffer(p.body()));
    req.headers()
        .set(HttpHeaderNames.HOST, server.getHostString() + ":" + server.getPort())
        .setInt(HttpHeaderNames.CONTENT_LENGTH, p.body().length);
    for (Map.Entry<String, String> h : p.headers().entrySet()) {
      req.headers().set(h.getKey(), h.getValue());
    }
    loop.execute(() -> dispatch(req));
  }

  private void dispatch(FullHttpRequest req) {
    Channel ch = idle.poll();
    while (ch != null && !ch.isActive()) {
      ch = idle.poll();
    }
    if (ch == null) {
      if (queued.size() >= maxQueued) {
        req.release();
        errors.incrementAndGet();
        lastError = "generator queue full (" + maxQueued + " publishes waiting for a connection)";
      } else {
        queued.add(req);
      }
      return;
    }
    send(ch, req);
  }

  private void send(Channel ch, FullHttpRequest req) {
    ch.attr(SENT_AT).set(System.nanoTime());
    sent.incrementAndGet();
    ch.writeAndFlush(req, ch.voidPromise());
  }

  private void done(Channel ch) {
    Long sentAt = ch.attr(SENT_AT).getAndSet(null);
    if (sentAt != null) {
      roundTripMicros.recordValue(Math.min(3_600_000_000L, (System.nanoTime() - sentAt) / 1000));
    }
    FullHttpRequest next = queued.poll();
    if (next != null) {
      send(ch, next);
    } else {
      idle.add(ch);
    }
  }

  @Override
  public long sent() {
    return sent.get();
  }

  @Override
  public long errors() {
    return errors.get();
  }

  /** Publishes the server accepted. */
  public long acked() {
    return acked.get();
  }

  /**
   * A copy of the request round-trip times so far (request written to response read, in
   * microseconds): how long the server took to answer a publish, without the generator's queue.
   */
  public Histogram roundTrips() throws Exception {
    return loop.submit(roundTripMicros::copy).get();
  }

  /** The most recent failure, or null. */
  public String lastError() {
    return lastError;
  }

  @Override
  public String path() {
    return "api";
  }

  @Override
  public void close() {
    closed = true;
    loop.execute(
        () -> {
          idle.forEach(Channel::close);
          idle.clear();
          queued.forEach(FullHttpRequest::release);
          queued.clear();
        });
  }

  private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
      int status = res.status().code();
      String body = res.content().toString(StandardCharsets.UTF_8);
      if (status / 100 != 2 || body.contains("\"error\"")) {
        errors.incrementAndGet();
        lastError = "HTTP " + status + " " + (body.length() > 200 ? body.substring(0, 200) : body);
      } else {
        acked.incrementAndGet();
      }
      if (closed) {
        ctx.close();
      } else {
        done(ctx.channel());
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      idle.remove(ctx.channel());
      if (ctx.channel().attr(SENT_AT).get() != null) {
        errors.incrementAndGet();
        lastError = "publish connection closed with a request in flight";
      }
      if (!closed) {
        connect(null);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      lastError = cause.toString();
      ctx.close();
    }
  }
}
