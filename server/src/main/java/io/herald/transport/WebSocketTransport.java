package io.herald.transport;

import io.herald.config.WebSocketConfig;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.Handshake;
import io.herald.transport.WebSocketWire.CompressedFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;

/**
 * A WebSocket connection as a session {@link io.herald.node.protocol.Transport}. Shared frames
 * (publications, pings) go out as one pre-framed buffer per frame, duplicated per connection
 * ({@link WebSocketWire}); writes, flushes and the outbound bound are {@link ChannelTransport}'s.
 * A connection that {@link #coalesce coalesces} sends the messages of one loop pass as JSON arrays
 * ({@link FrameBatch}), never held past the pass's flush. A close sends a close frame with the
 * disconnect's code and reason.
 */
final class WebSocketTransport extends ChannelTransport {

  private final WebSocketConfig compression;
  /** Null unless the client asked for coalesced messages; see {@link Coalescing}. */
  private Coalescing coalescing;
  /** Where frames already framed enter the pipeline, once looked up; see {@link #out}. */
  private ChannelOutboundInvoker framed;

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
    if (coalescing != null) {
      return coalesced(frame);
    }
    return queue(message(frame));
  }

  /** The message that carries {@code frame} on its own. */
  private Object message(Frame frame) {
    if (compression != null && frame.size() >= compression.compressionMinSize()) {
      int level = compression.compressionLevel();
      return frame.isShared()
          ? frame.wire(CompressedFrame.class, b -> WebSocketWire.compressedTextFrame(b, level))
              .buffer().duplicate()
          : WebSocketWire.compressedTextFrame(frame.bytes(), level).buffer();
    }
    return frame.isShared()
        ? frame.wire(ByteBuf.class, WebSocketWire::textFrame).duplicate()
        : new TextWebSocketFrame(Unpooled.wrappedBuffer(frame.bytes()));
  }

  /** Never with compression: a compressed array would be compressed once per connection. */
  @Override
  public boolean coalesce(int maxMessages, int maxBytes) {
    if (compression != null || closing()) {
      return false;
    }
    coalescing = Coalescing.Bounds.of(maxMessages, maxBytes);
    return true;
  }

  /** Adds {@code frame} to this pass's array, writing out first what it does not fit beside. */
  private boolean coalesced(Frame frame) {
    Coalescing.Bounds bounds = coalescing.bounds();
    if (coalescing instanceof FrameBatch batch && !batch.fits(frame)) {
      writeHeld();
    }
    if (FrameBatch.alone(frame, bounds)) {
      writeHeld();
      return queue(message(frame));
    }
    FrameBatch batch;
    if (coalescing instanceof FrameBatch waiting) {
      batch = waiting;
    } else {
      batch = new FrameBatch(bounds);
      coalescing = batch;
    }
    batch.add(frame);
    scheduleFlush();
    return underBound();
  }

  @Override
  void writeHeld() {
    if (coalescing instanceof FrameBatch batch) {
      coalescing = batch.bounds();
      Object message = batch.size() == 1 ? message(batch.only()) : batch.arrayFrame(channel.alloc());
      out(message).write(message, channel.voidPromise());
    }
  }

  /**
   * Frames this transport framed itself ({@link WebSocketWire}'s buffers, coalesced arrays) and the
   * pass's flush enter at the WebSocket frame encoder, skipping it and every handler behind it
   * (extension encoders, the session handler): none of them acts on a buffer or holds writes back,
   * and a fan-out so does not walk them once per subscriber. The session handler's guard against
   * writes after a close frame is not needed here: this transport writes nothing after its own
   * close ({@link #closing}). Frames still to be encoded go through the channel. Without a frame
   * encoder in the pipeline, everything goes through the channel.
   */
  @Override
  ChannelOutboundInvoker out(Object message) {
    if (message != null && !(message instanceof ByteBuf)) {
      return channel;
    }
    if (framed == null) {
      ChannelHandlerContext encoder = channel.pipeline().context(WebSocketFrameEncoder.class);
      framed = encoder != null ? encoder : channel;
    }
    return framed;
  }

  @Override
  long heldBytes() {
    return coalescing instanceof FrameBatch batch ? batch.wireBytes() : 0;
  }

  @Override
  public void close(Disconnect disconnect) {
    closeWith(() -> new CloseWebSocketFrame(disconnect.code(), disconnect.reason()));
  }
}
