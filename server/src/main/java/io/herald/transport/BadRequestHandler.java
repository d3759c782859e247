package io.herald.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

/**
 * Answers an HTTP request the codec could not read, then closes the connection: 414 when the
 * request line is over {@code client.maxRequestLineLength}, 431 when the headers are over {@code
 * client.maxRequestHeaderSize}, 400 for anything else malformed. The codec reads nothing more from
 * such a connection, so it cannot be kept.
 */
final class BadRequestHandler extends ChannelInboundHandlerAdapter {

  private boolean answered;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
      ReferenceCountUtil.release(msg);
      if (!answered) {
        answered = true;
        answer(ctx, http.decoderResult());
      }
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private static void answer(ChannelHandlerContext ctx, DecoderResult result) {
    Throwable cause = result.cause();
    if (cause instanceof TooLongHttpLineException) {
      HttpResponses.textAndClose(ctx, 414, "request line too long\n");
    } else if (cause instanceof TooLongHttpHeaderException) {
      HttpResponses.textAndClose(ctx, 431, "request headers too large\n");
    } else if (cause instanceof TooLongFrameException) {
      HttpResponses.textAndClose(ctx, 413, "request too large\n");
    } else {
      HttpResponses.textAndClose(ctx, 400, "bad request\n");
    }
  }
}
