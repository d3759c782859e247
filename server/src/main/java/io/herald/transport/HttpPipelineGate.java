package io.herald.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * HTTP/1.1 pipelining, answered in order: one request of a connection is handled at a time, the
 * next only once the answer to the previous one is complete (its last content written), whether
 * that answer was immediate or asynchronous (a metrics scrape, an API call, a long poll).
 * Requests a client pipelines meanwhile wait here, and reading from the socket stops while any
 * wait, so the kernel's buffer pushes back on the client; more than {@code maxQueued} of them (a
 * client that sends without reading) close the connection. A request is not started while the
 * connection's outbound buffer is over its high-water mark either (a client that does not read
 * its answers), so unread answers and unhandled requests can never pile up in memory.
 *
 * <p>After a WebSocket upgrade only frames pass, and this handler lets them through untouched.
 * One instance per connection; used on its event loop only.
 */
final class HttpPipelineGate extends ChannelDuplexHandler {

  private final int maxQueued;
  /** Made on first use: most connections never pipeline. */
  private ArrayDeque<FullHttpRequest> queued;
  private boolean busy;

  /** @param maxQueued most requests waiting behind the one being answered */
  HttpPipelineGate(int maxQueued) {
    this.maxQueued = maxQueued;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (!busy && (queued == null || queued.isEmpty()) && ctx.channel().isWritable()) {
      busy = true;
      ctx.fireChannelRead(request);
      return;
    }
    if (queued == null) {
      queued = new ArrayDeque<>(4);
    }
    if (queued.size() >= maxQueued) {
      ReferenceCountUtil.release(request);
      releaseQueued();
      ctx.close();
      return;
    }
    queued.add(request);
    ctx.channel().config().setAutoRead(false);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    boolean last = msg instanceof LastHttpContent;
    ctx.write(msg, promise);
    if (last && busy) {
      busy = false;
      if (queued != null && !queued.isEmpty()) {
        // The next request runs after this write has been handed on, so its answer follows.
        // With none waiting there is nothing to run (reading was never paused): no task.
        ctx.executor().execute(() -> next(ctx));
      }
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      next(ctx);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseQueued();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releaseQueued();
  }

  private void next(ChannelHandlerContext ctx) {
    if (busy || ctx.isRemoved() || !ctx.channel().isWritable()) {
      return;
    }
    FullHttpRequest request = queued == null ? null : queued.poll();
    if (request == null) {
      ctx.channel().config().setAutoRead(true);
      return;
    }
    if (!ctx.channel().isActive()) {
      ReferenceCountUtil.release(request);
      releaseQueued();
      return;
    }
    busy = true;
    ctx.fireChannelRead(request);
    if (queued.isEmpty()) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  private void releaseQueued() {
    if (queued == null) {
      return;
    }
    FullHttpRequest r;
    while ((r = queued.poll()) != null) {
      ReferenceCountUtil.release(r);
    }
  }
}
