package io.herald.transport;

import io.herald.node.protocol.Disconnect;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code text/event-stream} response carrying a fallback session's messages: each is one
 * event, {@code id: <session>/<seq>} and its JSON as {@code data}; a comment line every {@code
 * fallback.heartbeatInterval} keeps proxies from closing a quiet stream. The response ends (and
 * the connection closes) when the session is over or another stream took over. Safe from any
 * thread: Netty queues writes from other threads to the channel's loop in order.
 */
final class SseStream implements EmulatedTransport.Sink {

  private static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NEWLINE_DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);

  /**
   * Sent before the end of a stream closed with a code that says "do not reconnect": an
   * EventSource reconnects on its own whenever a stream ends, and a day between tries stops a
   * client that ignores the {@code disconnect} event from hammering the server (one whose token
   * is refused, say). Clients that follow the protocol close their EventSource first.
   */
  static final long NO_RECONNECT_RETRY_MILLIS = 86_400_000;

  private final Channel channel;
  private final String session;
  private ScheduledFuture<?> heartbeat;
  private volatile long retryMillis;

  SseStream(Channel channel, String session) {
    this.channel = channel;
    this.session = session;
  }

  /**
   * Writes the response head (with {@code origin}'s CORS headers) and starts the heartbeat; call
   * on the channel's loop.
   */
  void start(String origin, Duration heartbeatInterval) {
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-transform");
    head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    head.headers().set("X-Accel-Buffering", "no");
    head.headers().set("X-Content-Type-Options", "nosniff");
    Cors.allow(head.headers(), origin);
    channel.write(head);
    // A first comment, so that proxies and the browser see the stream start at once.
    channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(HEARTBEAT)));
    long every = heartbeatInterval.toMillis();
    heartbeat = channel.eventLoop().scheduleAtFixedRate(
        () -> channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(HEARTBEAT))),
        every, every, TimeUnit.MILLISECONDS);
    channel.closeFuture().addListener(f -> heartbeat.cancel(false));
  }

  @Override
  public void closing(Disconnect why) {
    if (why != null && !why.reconnect()) {
      retryMillis = NO_RECONNECT_RETRY_MILLIS;
    }
  }

  @Override
  public boolean deliver(List<OutboundLog.Entry> entries, boolean closed) {
    for (OutboundLog.Entry e : entries) {
      channel.write(new DefaultHttpContent(event(session, e)));
    }
    if (closed && retryMillis > 0) {
      channel.write(new DefaultHttpContent(Unpooled.wrappedBuffer(
          ("retry: " + retryMillis + "\n\n").getBytes(StandardCharsets.US_ASCII))));
    }
    if (closed) {
      end();
      return false;
    }
    channel.flush();
    return true;
  }

  @Override
  public void end() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
    channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
        .addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * False only while the stream's connection is open and holds more than its write bound. A
   * connection that is already gone is not a slow reader: until the session hears of the close
   * and detaches this stream, what is written here stays in the session's log for the client's
   * resume (bounded by {@code fallback.bufferSize}), and the session is not dropped as
   * too slow.
   */
  @Override
  public boolean writable() {
    return channel.isWritable() || !channel.isActive();
  }

  /**
   * One event: {@code id: <session>/<seq>}, then the message as {@code data} lines. Messages are
   * compact JSON, but publication data is passed through as the publisher wrote it and may hold
   * line breaks (whitespace between tokens): each line gets its own {@code data:} prefix, which
   * the browser joins back with {@code \n}, the same JSON.
   */
  static ByteBuf event(String session, OutboundLog.Entry entry) {
    byte[] json = entry.frame().bytes();
    byte[] id = ("id: " + session + "/" + entry.seq() + "\n").getBytes(StandardCharsets.UTF_8);
    if (!hasLineBreak(json)) {
      return Unpooled.wrappedBuffer(id, DATA, json, END);
    }
    ByteBuf out = Unpooled.buffer(id.length + json.length + 32);
    out.writeBytes(id).writeBytes(DATA);
    for (int i = 0; i < json.length; i++) {
      byte b = json[i];
      if (b == '\r' || b == '\n') {
        if (b == '\r' && i + 1 < json.length && json[i + 1] == '\n') {
          i++;
        }
        out.writeBytes(NEWLINE_DATA);
      } else {
        out.writeByte(b);
      }
    }
    return out.writeBytes(END);
  }

  private static boolean hasLineBreak(byte[] json) {
    for (byte b : json) {
      if (b == '\n' || b == '\r') {
        return true;
      }
    }
    return false;
  }
}
