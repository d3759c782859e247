package io.herald.transport;

import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.Handshake;
import io.herald.node.protocol.SessionLoop;
import io.herald.node.protocol.Transport;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.TimeUnit;

/**
 * A streamed HTTP answer ({@code 200}, chunked, kept open) as a session {@link Transport}: each
 * frame's bytes go out as one chunk, as they are; the protocol adapter that writes them decides
 * their format (an event stream, newline-delimited JSON). Made by {@link HttpExchange#stream},
 * which writes the head. Writes are coalesced into one flush per loop iteration; the outbound
 * queue is bounded by the channel's high write water mark ({@code client.queueMaxSize}), and
 * {@link #write} says false beyond it. {@link #close} ends the answer (the last chunk) and closes
 * the connection. Used on the connection's loop only.
 */
public final class HttpStream implements Transport {

  private final Channel channel;
  private final SessionLoop loop;
  private final String name;
  private final Handshake handshake;
  private final Runnable flush = this::flushNow;
  private boolean flushScheduled;
  private boolean closing;

  HttpStream(Channel channel, SessionLoop loop, String name, Handshake handshake) {
    this.channel = channel;
    this.loop = loop;
    this.name = name;
    this.handshake = handshake;
  }

  /** Writes the head and drops the handlers only requests need (the stream is quiet at times). */
  void start(String contentType, String origin) {
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-transform");
    head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    head.headers().set("X-Accel-Buffering", "no");
    head.headers().set("X-Content-Type-Options", "nosniff");
    Cors.allow(head.headers(), origin);
    HeraldChannelInitializer.dropHttpHandlers(channel.pipeline());
    channel.writeAndFlush(head);
  }

  /** Runs {@code task} on the loop once the connection is gone (peer closed, network error). */
  public void onClosed(Runnable task) {
    channel.closeFuture().addListener(f -> loop.execute(task));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SessionLoop loop() {
    return loop;
  }

  @Override
  public Handshake handshake() {
    return handshake;
  }

  @Override
  public boolean write(Frame frame) {
    if (closing) {
      return true;
    }
    channel.write(new DefaultHttpContent(Unpooled.wrappedBuffer(frame.bytes())),
        channel.voidPromise());
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
  public long queuedBytes() {
    ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
    return buffer == null ? 0 : buffer.totalPendingWriteBytes();
  }

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

  /** Ends the answer and closes the connection; the code has no place in an HTTP answer. */
  @Override
  public void close(Disconnect disconnect) {
    if (closing) {
      return;
    }
    closing = true;
    channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
        .addListener(ChannelFutureListener.CLOSE);
    // A peer that does not read never lets the last chunk leave: drop it after a short wait.
    channel.eventLoop().schedule(() -> {
      channel.close();
    }, WebSocketTransport.CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
  }
}
