package io.herald.bench.client;

import io.herald.bench.protocol.Protocol;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/** Connects one channel's WebSocket events to its {@link Conn} and {@link Protocol}. */
final class ConnHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

  private final Conn conn;
  private final Protocol protocol;
  private String closeReason;

  ConnHandler(Conn conn, Protocol protocol) {
    this.conn = conn;
    this.protocol = protocol;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      protocol.opened(conn);
    } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      conn.fail("websocket handshake timed out");
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
      protocol.received(conn, frame.content());
    } else if (frame instanceof CloseWebSocketFrame close) {
      closeReason = "close " + close.statusCode() + " " + close.reasonText();
      ctx.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    conn.fail(closeReason != null ? closeReason : "connection closed");
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    conn.fail(cause.getClass().getSimpleName() + ": " + cause.getMessage());
    ctx.close();
  }
}
