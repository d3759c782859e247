package io.herald.transport;

import io.herald.config.WebSocketConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends a request on a WebSocket endpoint's path into a WebSocket pipeline: adds the handshake
 * and frame handlers of that endpoint behind itself (Netty's protocol handler, then the
 * endpoint's session, which also puts fragmented messages together and takes over from the
 * protocol handler once the handshake completed) and passes the request on to the handshake;
 * other requests pass untouched. Plain HTTP connections so never carry WebSocket handlers.
 * Shared by the port's connections: it holds only configuration.
 */
@io.netty.channel.ChannelHandler.Sharable
final class WebSocketUpgrades extends ChannelInboundHandlerAdapter {

  private final RouteTable routes;
  private final Map<String, WebSocketServerProtocolConfig> configs = new HashMap<>();
  private final int maxMessageSize;
  private final WebSocketConfig compression;

  /**
   * @param compression the compression options when the port negotiates permessage-deflate,
   *     else null
   */
  WebSocketUpgrades(
      RouteTable routes, int maxMessageSize, boolean allowExtensions, WebSocketConfig compression) {
    this.routes = routes;
    this.maxMessageSize = maxMessageSize;
    this.compression = compression;
    for (String mount : routes.webSockets().keySet()) {
      configs.put(mount, WebSocketServerProtocolConfig.newBuilder()
          .websocketPath(mount)
          .checkStartsWith(true)
          .handshakeTimeoutMillis(10_000)
          .sendCloseFrame(null)
          // Close frames are answered by WebSocketSessionHandler, which so drops the handshaker
          // Netty keeps per connection for answering them.
          .handleCloseFrames(false)
          .decoderConfig(WebSocketDecoderConfig.newBuilder()
              .maxFramePayloadLength(maxMessageSize)
              .allowExtensions(allowExtensions)
              .closeOnProtocolViolation(true)
              // UTF-8 is checked once per whole message by WebSocketSessionHandler.
              .withUTF8Validator(false)
              .build())
          .build());
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof FullHttpRequest request) {
      String mount = routes.webSocketMount(HttpRouter.path(request.uri()));
      if (mount != null && ctx.pipeline().get(WebSocketSessionHandler.PROTOCOL_HANDLER) == null) {
        ChannelPipeline p = ctx.pipeline();
        p.addAfter(ctx.name(), WebSocketSessionHandler.PROTOCOL_HANDLER,
            new WebSocketServerProtocolHandler(configs.get(mount)));
        p.addAfter(WebSocketSessionHandler.PROTOCOL_HANDLER, "session",
            new WebSocketSessionHandler(routes.webSocketAt(mount), compression, maxMessageSize));
      }
    }
    ctx.fireChannelRead(msg);
  }
}
