package io.herald.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a keep-alive connection that is still plain HTTP (no WebSocket, no SSE stream) and has
 * sent nothing for {@code client.connectTimeout} since its last request: an idle API connection
 * does not hold a file descriptor forever. Added by {@link RequestDeadline} once the connection's
 * first request is complete (until then that request's deadline applies, which also closes a
 * socket that never sends a request), and removed once the connection becomes a WebSocket or an
 * SSE stream; from then on the session's own timers apply.
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
