package io.herald.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deadline on every HTTP request: from the moment a connection is accepted (for its first
 * request) or the first byte of a later request arrives, the whole request, line, headers and
 * body, must be in within {@code client.connectTimeout}, else the connection is closed. Unlike
 * an idle timeout, a client cannot hold the socket by sending a byte every few seconds
 * (slowloris), neither in the headers nor in the body. The first request of a connection is also
 * counted against {@link PendingHandshakes}, until it completes.
 *
 * <p>Two handlers share one instance's state: {@link #start} sits in front of the HTTP codec (it
 * sees raw bytes and arms the deadline), {@link #end} after the body aggregator (it sees
 * complete requests and disarms it). Both are removed with the other HTTP handlers once the
 * connection becomes a WebSocket or an SSE stream. One instance per connection; event loop only.
 */
final class RequestDeadline {

  private final long timeoutNanos;
  private final PendingHandshakes pending;
  private ScheduledFuture<?> timer;
  private SocketAddress counted;
  private final ChannelInboundHandlerAdapter start = new Start();
  private final ChannelInboundHandlerAdapter end = new End();

  RequestDeadline(Duration timeout, PendingHandshakes pending) {
    this.timeoutNanos = timeout.toNanos();
    this.pending = pending;
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

  private final class End extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof FullHttpRequest) {
        disarm();
        uncount();
      }
      ctx.fireChannelRead(msg);
    }
  }
}
