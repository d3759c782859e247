package io.herald.transport;

import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.Handshake;
import io.herald.node.protocol.SessionLoop;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * A streamed HTTP answer ({@code 200}, chunked, kept open) as a session {@link
 * io.herald.node.protocol.Transport}: each frame's bytes go out as one chunk, as they are; the
 * protocol adapter that writes them decides their format (an event stream, newline-delimited
 * JSON). Made by {@link HttpExchange#stream}, which writes the head. Writes, flushes and the
 * outbound bound are {@link ChannelTransport}'s ({@link #write} says false beyond the bound).
 * {@link #close} ends the answer (the last chunk) and closes the connection. Used on the
 * connection's loop only.
 */
public final class HttpStream extends ChannelTransport {

  private final String name;

  HttpStream(Channel channel, SessionLoop loop, String name, Handshake handshake) {
    super(channel, loop, handshake);
    this.name = name;
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
    channel.closeFuture().addListener(f -> loop().execute(task));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean write(Frame frame) {
    if (closing()) {
      return true;
    }
    return queue(new DefaultHttpContent(Unpooled.wrappedBuffer(frame.bytes())));
  }

  /** Ends the answer and closes the connection; the code has no place in an HTTP answer. */
  @Override
  public void close(Disconnect disconnect) {
    closeWith(() -> LastHttpContent.EMPTY_LAST_CONTENT);
  }
}
