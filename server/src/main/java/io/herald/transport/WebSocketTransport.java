package io.herald.transport;

import io.herald.config.WebSocketConfig;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.Handshake;
import io.herald.transport.WebSocketWire.CompressedFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * A WebSocket connection as a session {@link io.herald.node.protocol.Transport}. Shared frames
 * (publications, pings) go out as one pre-framed buffer per frame, duplicated per connection
 * ({@link WebSocketWire}); writes, flushes and the outbound bound are {@link ChannelTransport}'s.
 * A close sends a close frame with the disconnect's code and reason.
 */
final class WebSocketTransport extends ChannelTransport {

  private final WebSocketConfig compression;

  WebSocketTransport(Channel channel) {
    this(channel, Handshake.NONE);
  }

  WebSocketTransport(Channel channel, Handshake handshake) {
    this(channel, handshake, null);
  }

  /**
   * @param compression the compression options when this connection agreed on
   *     permessage-deflate, else null
   */
  WebSocketTransport(Channel channel, Handshake handshake, WebSocketConfig compression) {
    super(channel, new NettySessionLoop(channel.eventLoop()), handshake);
    this.compression = compression;
  }

  @Override
  public String name() {
    return "websocket";
  }

  @Override
  public boolean write(Frame frame) {
    if (closing()) {
      return true;
    }
    Object message;
    if (compression != null && frame.size() >= compression.compressionMinSize()) {
      int level = compression.compressionLevel();
      message = frame.isShared()
          ? frame.wire(CompressedFrame.class, b -> WebSocketWire.compressedTextFrame(b, level))
              .buffer().duplicate()
          : WebSocketWire.compressedTextFrame(frame.bytes(), level).buffer();
    } else {
      message = frame.isShared()
          ? frame.wire(ByteBuf.class, WebSocketWire::textFrame).duplicate()
          : new TextWebSocketFrame(Unpooled.wrappedBuffer(frame.bytes()));
    }
    return queue(message);
  }

  @Override
  public void close(Disconnect disconnect) {
    closeWith(() -> new CloseWebSocketFrame(disconnect.code(), disconnect.reason()));
  }
}
