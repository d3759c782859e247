package io.herald.transport;

import io.herald.config.WebSocketConfig;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
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
 *
 * <p>Once the handshake completed, Netty's protocol handler ({@code "websocket"}) leaves the
 * pipeline (about 100 bytes per idle connection) and this handler does what it did after the
 * handshake: a ping is answered with a pong of the same payload, pongs are dropped, no write
 * passing through here leaves after a close frame did (it fails with
 * {@link ClosedChannelException}), and an error raised in front of this handler closes the
 * connection once it was answered.
 */
final class WebSocketSessionHandler extends ChannelDuplexHandler {

  private static final Logger log = LoggerFactory.getLogger(WebSocketSessionHandler.class);

  /** The name of Netty's protocol handler in the pipeline ({@link WebSocketUpgrades}). */
  static final String PROTOCOL_HANDLER = "websocket";

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
  /** True once a close frame was written: later writes through this handler fail. */
  private boolean closeSent;

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
      // Netty's protocol handler in front: the handshake is over, this handler does the rest.
      if (ctx.pipeline().get(PROTOCOL_HANDLER) != null) {
        ctx.pipeline().remove(PROTOCOL_HANDLER);
      }
      ctx.channel().attr(HANDSHAKER).getAndRemove();
      WebSocketConfig agreed = compression != null && extensionAgreed(ctx) ? compression : null;
      session = endpoint.open(new WebSocketConnection(
          ctx.channel(), handshake.requestUri(), handshake.requestHeaders(), agreed));
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof WebSocketFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      frame(ctx, frame);
    } finally {
      ReferenceCountUtil.release(frame);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (closeSent) {
      ReferenceCountUtil.release(msg);
      promise.setFailure(new ClosedChannelException());
      return;
    }
    if (msg instanceof CloseWebSocketFrame) {
      closeSent = true;
    }
    ctx.write(msg, promise);
  }

  private void frame(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof PingWebSocketFrame) {
      ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
      readIfNeeded(ctx);
      return;
    }
    if (frame instanceof PongWebSocketFrame) {
      readIfNeeded(ctx);
      return;
    }
    if (frame instanceof CloseWebSocketFrame close) {
      // The closing handshake (RFC 6455 5.5.1): the peer's close frame echoed, then closed.
      writeClose(ctx, close.retain());
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
      closeWith(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too big");
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

  /**
   * A codec error (the frame decoder already sent its close frame when it raised one: it closes on
   * protocol violations) is answered with a close frame, then the connection is closed without
   * waiting for that frame to leave; any other error closes it at once.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException || inflatedTooFar(cause)) {
      closeWith(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too big");
    } else if (cause instanceof CorruptedWebSocketFrameException
        || cause instanceof DecompressionException) {
      closeWith(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "protocol error");
    } else {
      log.debug("websocket connection failed", cause);
    }
    ctx.close();
  }

  /** With autoRead off, asks for the next read: a control frame consumed here passes nothing on. */
  private static void readIfNeeded(ChannelHandlerContext ctx) {
    if (!ctx.channel().config().isAutoRead()) {
      ctx.read();
    }
  }

  private void closeWith(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
    if (session != null) {
      session.closed();
    }
    writeClose(ctx, new CloseWebSocketFrame(status, reason));
  }

  /**
   * Sends a close frame, then closes; after an earlier close frame nothing more is written and the
   * connection is closed at once.
   */
  private void writeClose(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
    if (closeSent) {
      close.release();
      ctx.close();
      return;
    }
    closeSent = true;
    ctx.writeAndFlush(close).addListener(ChannelFutureListener.CLOSE);
  }

  /** For tests: the endpoint's session, once the handshake completed. */
  WebSocketEndpoint.Session session() {
    return session;
  }
}
