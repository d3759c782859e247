package io.herald.transport;

import io.herald.config.WebSocketConfig;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.Handshake;
import io.herald.node.protocol.SessionLoop;
import io.herald.node.protocol.Transport;
import io.herald.transport.WebSocketWire.CompressedFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket connection as a session {@link Transport}. Shared frames (publications, pings) go
 * out as one pre-framed buffer per frame, duplicated per connection ({@link WebSocketWire}).
 * Frames are written without flushing and one flush per loop iteration sends everything queued
 * (a fan-out of 1,000 publications to one client costs one syscall, not 1,000). The outbound queue bound is the channel's high write
 * water mark ({@code client.queueMaxSize}).
 */
final class WebSocketTransport implements Transport {

  /** How long a close frame may take to leave before the connection is dropped anyway. */
  static final long CLOSE_WAIT_MILLIS = 1000;

  private final Channel channel;
  private final SessionLoop loop;
  private final Handshake handshake;
  private final WebSocketConfig compression;
  private final Runnable flush = this::flushNow;
  private boolean flushScheduled;
  private boolean closing;

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
    this.channel = channel;
    this.loop = new NettySessionLoop(channel.eventLoop());
    this.handshake = handshake;
    this.compression = compression;
  }

  @Override
  public Handshake handshake() {
    return handshake;
  }

  @Override
  public long queuedBytes() {
    ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
    return buffer == null ? 0 : buffer.totalPendingWriteBytes();
  }

  /**
   * An empty buffer written behind everything queued: its promise completes once all of that has
   * been written to the socket, or fails when the connection is gone; either way the task runs.
   */
  @Override
  public void whenFlushed(Runnable task) {
    if (closing || !channel.isActive()) {
      loop.execute(task);
      return;
    }
    channel.write(Unpooled.EMPTY_BUFFER).addListener(done -> task.run());
    if (!flushScheduled) {
      flushScheduled = true;
      loop.execute(flush);
    }
  }

  @Override
  public String name() {
    return "websocket";
  }

  @Override
  public SessionLoop loop() {
    return loop;
  }

  @Override
  public boolean write(Frame frame) {
    if (closing) {
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
    channel.write(message, channel.voidPromise());
    if (!flushScheduled) {
      flushScheduled = true;
      loop.execute(flush);
    }
    return channel.isWritable();
  }

  private void flushNow() {
    flushScheduled = false;
    channel.flush();
  }

  @Override
  public void close(Disconnect disconnect) {
    if (closing) {
      return;
    }
    closing = true;
    channel
        .writeAndFlush(new CloseWebSocketFrame(disconnect.code(), disconnect.reason()))
        .addListener(ChannelFutureListener.CLOSE);
    // A peer that does not read (a slow client, above all) never lets the close frame leave:
    // drop the connection after a short wait instead of holding its queue.
    channel.eventLoop().schedule(() -> {
      channel.close();
    }, CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
  }
}
