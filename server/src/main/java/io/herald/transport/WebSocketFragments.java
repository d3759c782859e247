package io.herald.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * One WebSocket message arriving in fragments (a text or binary frame that is not final, then
 * continuation frames up to a final one), put together the way Netty's {@code
 * WebSocketFrameAggregator} does: the parts are kept, not copied, in one composite buffer. Exists
 * only while such a message is arriving, so an idle connection carries no aggregator. Used on the
 * connection's loop only; holds references to the parts until {@link #message} or {@link
 * #release}.
 */
final class WebSocketFragments {

  /** Parts a message may have before they are merged into one buffer (Netty's default). */
  private static final int MAX_COMPONENTS = 1024;

  private final CompositeByteBuf content;
  private final boolean binary;

  /** Starts with {@code first}, a text or binary frame that is not final; retains its content. */
  WebSocketFragments(ByteBufAllocator alloc, WebSocketFrame first) {
    this.content = alloc.compositeBuffer(MAX_COMPONENTS);
    this.binary = first instanceof BinaryWebSocketFrame;
    content.addComponent(true, first.content().retain());
  }

  /**
   * Appends {@code part} (retained) unless the message would then be longer than {@code maxSize}
   * bytes.
   *
   * @return false, appending nothing, when the message would be too long
   */
  boolean append(ByteBuf part, int maxSize) {
    if (content.readableBytes() > maxSize - part.readableBytes()) {
      return false;
    }
    content.addComponent(true, part.retain());
    return true;
  }

  /** The whole message as one final frame of the first fragment's type; the caller releases it. */
  WebSocketFrame message() {
    return binary ? new BinaryWebSocketFrame(true, 0, content)
        : new TextWebSocketFrame(true, 0, content);
  }

  /** Drops the parts received so far. */
  void release() {
    content.release();
  }
}
