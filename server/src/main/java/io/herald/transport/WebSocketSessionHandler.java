package io.herald.transport;

import io.herald.config.WebSocketConfig;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a WebSocket connection to its endpoint's session: opens it when the handshake completes,
 * hands it each text message, and tells it when the connection is gone. Binary messages are
 * refused with close code 1003, messages over {@code client.maxMessageSize} with 1009, text
 * messages that are not well-formed UTF-8 with 1007 ({@code bytes are not UTF-8}): checked here
 * once per whole message rather than by a validator per connection in front of the aggregation,
 * which each idle connection would carry. A close frame from the peer is echoed and the
 * connection closed. Fragmented messages are put together here ({@link WebSocketFragments}),
 * not by an aggregating handler per connection.
 */
final class WebSocketSessionHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

  private static final Logger log = LoggerFactory.getLogger(WebSocketSessionHandler.class);

  /**
   * Where Netty's handshake keeps the connection's handshaker: only its close-frame handling reads
   * it, which this handler does instead ({@link WebSocketUpgrades} turns Netty's off), so the
   * attribute is removed once the handshake completed (about 150 bytes per idle connection).
   */
  private static final AttributeKey<WebSocketServerHandshaker> HANDSHAKER =
      AttributeKey.valueOf(WebSocketServerHandshaker.class, "HANDSHAKER");

  private final WebSocketEndpoint endpoint;
  private final WebSocketConfig compression;
  private final int maxMessageSize;
  private WebSocketEndpoint.Session session;
  /** The message arriving in fragments, else null. */
  private WebSocketFragments fragments;

  /**
   * @param compression the compression options when the port negotiates permessage-deflate, else
   *     null
   * @param maxMessageSize the longest message in bytes ({@code client.maxMessageSize}); a
   *     fragmented message growing past it closes with 1009
   */
  WebSocketSessionHandler(
      WebSocketEndpoint endpoint, WebSocketConfig compression, int maxMessageSize) {
    this.endpoint = endpoint;
    this.compression = compression;
    this.maxMessageSize = maxMessageSize;
  }

  /** True when this connection's handshake agreed on an extension (permessage-deflate). */
  private static boolean extensionAgreed(ChannelHandlerContext ctx) {
    for (Map.Entry<String, ChannelHandler> handler : ctx.pipeline()) {
      if (handler.getValue() instanceof WebSocketExtensionEncoder) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake) {
      HeraldChannelInitializer.dropHttpHandlers(ctx.pipeline());
      ctx.channel().attr(HANDSHAKER).getAndRemove();
      WebSocketConfig agreed = compression != null && extensionAgreed(ctx) ? compression : null;
      session = endpoint.open(new WebSocketConnection(
          ctx.channel(), handshake.requestUri(), handshake.requestHeaders(), agreed));
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof CloseWebSocketFrame close) {
      // The closing handshake (RFC 6455 5.5.1): the peer's close frame echoed, then closed. The
      // protocol handler in front marks the close as sent, so nothing else is written after it.
      ctx.writeAndFlush(close.retain()).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    if (session == null) {
      return;
    }
    // Fragments arrive in order: the frame decoder closes with 1002 on a continuation outside a
    // message and on a new data frame inside one.
    if (frame instanceof ContinuationWebSocketFrame part) {
      continued(ctx, part);
    } else if (frame.isFinalFragment()) {
      message(ctx, frame);
    } else {
      dropFragments();
      fragments = new WebSocketFragments(ctx.alloc(), frame);
    }
  }

  /** One more fragment of the message in {@link #fragments}. */
  private void continued(ChannelHandlerContext ctx, ContinuationWebSocketFrame part) {
    if (fragments == null) {
      return;
    }
    if (!fragments.append(part.content(), maxMessageSize)) {
      dropFragments();
      exceptionCaught(ctx, new TooLongFrameException(
          "content length exceeded " + maxMessageSize + " bytes."));
      return;
    }
    if (part.isFinalFragment()) {
      WebSocketFrame whole = fragments.message();
      fragments = null;
      try {
        message(ctx, whole);
      } finally {
        whole.release();
      }
    }
  }

  private void dropFragments() {
    if (fragments != null) {
      fragments.release();
      fragments = null;
    }
  }

  /** One whole message. */
  private void message(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof TextWebSocketFrame text) {
      if (!ByteBufUtil.isText(text.content(), StandardCharsets.UTF_8)) {
        closeWith(ctx, WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "bytes are not UTF-8");
        return;
      }
      session.text(ByteBufUtil.getBytes(text.content()));
    } else if (frame instanceof BinaryWebSocketFrame) {
      closeWith(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "binary frames are not supported");
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    dropFragments();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    dropFragments();
    if (session != null) {
      session.closed();
    }
    super.channelInactive(ctx);
  }

  /** A compressed message that would inflate past {@code client.maxMessageSize}. */
  private static boolean inflatedTooFar(Throwable cause) {
    return cause instanceof DecompressionException
        && String.valueOf(cause.getMessage()).contains("maximum size");
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException || inflatedTooFar(cause)) {
      closeWith(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too big");
    } else if (cause instanceof CorruptedWebSocketFrameException
        || cause instanceof DecompressionException) {
      closeWith(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "protocol error");
    } else {
      log.debug("websocket connection failed", cause);
      ctx.close();
    }
  }

  private void closeWith(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
    if (session != null) {
      session.closed();
    }
    ctx.writeAndFlush(new CloseWebSocketFrame(status, reason))
        .addListener(ChannelFutureListener.CLOSE);
  }

  /** For tests: the endpoint's session, once the handshake completed. */
  WebSocketEndpoint.Session session() {
    return session;
  }
}
