package io.herald.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that is still plain HTTP (no WebSocket yet) and has sent nothing for {@code
 * client.connectTimeout}: a socket that never sends a request, or an idle keep-alive API
 * connection, does not hold a file descriptor forever. Removed from the pipeline once the
 * WebSocket handshake completes; from then on the session's own timers apply.
 */
final class HttpIdleTimeout extends IdleStateHandler {

  HttpIdleTimeout(Duration timeout) {
    super(timeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
    ctx.close();
  }
}
