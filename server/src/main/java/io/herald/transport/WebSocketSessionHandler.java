package io.herald.transport;

import io.herald.config.WebSocketConfig;
import io.herald.node.ClientSession;
import io.herald.node.Handshake;
import io.herald.node.Node;
import io.herald.protocol.JsonRpcDecoder;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a WebSocket connection to its {@link ClientSession}: opens the session when the handshake
 * completes, decodes each text message into JSON-RPC calls for it, and tells it when the
 * connection is gone. Binary messages are refused with close code 1003, messages over {@code
 * client.maxMessageSize} with 1009.
 */
final class WebSocketSessionHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

  private static final Logger log = LoggerFactory.getLogger(WebSocketSessionHandler.class);

  private final Node node;
  private final JsonRpcDecoder decoder;
  private final WebSocketConfig compression;
  private ClientSession session;

  WebSocketSessionHandler(Node node, JsonRpcDecoder decoder) {
    this(node, decoder, null);
  }

  /**
   * @param compression the compression options when the port negotiates permessage-deflate, else
   *     null
   */
  WebSocketSessionHandler(Node node, JsonRpcDecoder decoder, WebSocketConfig compression) {
    this.node = node;
    this.decoder = decoder;
    this.compression = compression;
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
      Handshake kept = Handshake.of(handshake.requestHeaders(), node.handshakeHeaders());
      WebSocketConfig agreed = compression != null && extensionAgreed(ctx) ? compression : null;
      session = node.open(new WebSocketTransport(ctx.channel(), kept, agreed));
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (session == null) {
      return;
    }
    if (frame instanceof TextWebSocketFrame text) {
      node.metrics().received(session.transportName(), text.content().readableBytes());
      session.handle(decoder.decode(ByteBufUtil.getBytes(text.content())));
    } else if (frame instanceof BinaryWebSocketFrame) {
      closeWith(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "binary frames are not supported");
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (session != null) {
      session.transportClosed();
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
      session.transportClosed();
    }
    ctx.writeAndFlush(new CloseWebSocketFrame(status, reason))
        .addListener(ChannelFutureListener.CLOSE);
  }

  /** For tests: the session, once the handshake completed. */
  ClientSession session() {
    return session;
  }

}
