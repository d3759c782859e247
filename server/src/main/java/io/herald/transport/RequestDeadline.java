package io.herald.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A deadline on every HTTP request: from the moment a connection is accepted (for its first
 * request) or the first byte of a later request arrives, the whole request, line, headers and
 * body, must be in within {@code client.connectTimeout}, else the connection is closed. Unlike
 * an idle timeout, a client cannot hold the socket by sending a byte every few seconds
 * (slowloris), neither in the headers nor in the body. The first request of a connection is also
 * counted against {@link PendingHandshakes}, until it completes.
 *
 * <p>Between requests, once the connection's first request is complete, {@link HttpIdleTimeout}
 * (the same timeout, counted from the last byte read) closes a keep-alive connection that stays
 * silent. It is added only then, in front of the codec, and only to a connection that stays plain
 * HTTP: a WebSocket handshake that completes as its request is handled never carries one (about
 * a handler, its context, a scheduled task and its cancellation less per connection in a connect
 * storm); a handshake refused or still pending when its request has been handled gets one. A
 * request on any other path gets it before the request is handled, so that an answer that holds
 * the connection (a long poll) can take it off again.
 *
 * <p>Two handlers share one instance's state: {@link #start} sits in front of the HTTP codec (it
 * sees raw bytes and arms the deadline), {@link #end} after the body aggregator (it sees
 * complete requests and disarms it). Both are removed with the other HTTP handlers once the
 * connection becomes a WebSocket or an SSE stream. One instance per connection; event loop only.
 */
final class RequestDeadline {

  private final Duration timeout;
  private final long timeoutNanos;
  private final PendingHandshakes pending;
  private final Predicate<String> upgradesOn;
  private ScheduledFuture<?> timer;
  private SocketAddress counted;
  private final ChannelInboundHandlerAdapter start = new Start();
  private final ChannelInboundHandlerAdapter end = new End();

  /**
   * @param timeout {@code client.connectTimeout}: the deadline of a request, and the idle timeout
   *     between requests
   * @param upgradesOn true for the paths a mounted WebSocket endpoint upgrades
   */
  RequestDeadline(Duration timeout, PendingHandshakes pending, Predicate<String> upgradesOn) {
    this.timeout = timeout;
    this.timeoutNanos = timeout.toNanos();
    this.pending = pending;
    this.upgradesOn = upgradesOn;
  }

  /** The handler in front of the codec. */
  ChannelInboundHandlerAdapter start() {
    return start;
  }

  /** The handler after the body aggregator. */
  ChannelInboundHandlerAdapter end() {
    return end;
  }

  private void arm(ChannelHandlerContext ctx) {
    if (timer == null) {
      timer = ctx.executor().schedule(() -> {
        timer = null;
        ctx.close();
      }, timeoutNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void disarm() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void uncount() {
    if (counted != null) {
      pending.release(counted);
      counted = null;
    }
  }

  private final class Start extends ChannelInboundHandlerAdapter {
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      SocketAddress remote = ctx.channel().remoteAddress();
      if (!pending.admit(remote)) {
        ctx.close();
        return;
      }
      counted = remote;
      arm(ctx);
      ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      arm(ctx);
      ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      disarm();
      uncount();
      ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
      disarm();
      uncount();
    }
  }

  /** Puts the idle timeout between requests in front of the codec, unless it is there. */
  private void watchIdle(ChannelPipeline p) {
    if (p.get("idle") == null && p.get("http") != null) {
      p.addBefore("http", "idle", new HttpIdleTimeout(timeout));
    }
  }

  private final class End extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof FullHttpRequest request)) {
        ctx.fireChannelRead(msg);
        return;
      }
      disarm();
      uncount();
      boolean upgrade = upgradesOn.test(HttpRouter.path(request.uri()));
      if (!upgrade) {
        watchIdle(ctx.pipeline());
      }
      ctx.fireChannelRead(msg);
      if (upgrade && !ctx.isRemoved()) {
        // Not a WebSocket yet: refused, or its handshake still being written.
        watchIdle(ctx.pipeline());
      }
    }
  }
}
