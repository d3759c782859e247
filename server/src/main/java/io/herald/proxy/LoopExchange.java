package io.herald.proxy;

import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.RpcException;
import io.herald.node.proxy.RpcCall;
import io.herald.node.proxy.RpcListener;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One call over a {@link LoopHttpClient} connection: an rpc (JSON or a stream), or a whole JSON
 * answer (connect, publish, subscribe). Everything runs on the connection's event
 * loop, which is the calling session's: the listener is called directly, chunk by chunk.
 *
 * <p>Flow control: {@link #pause} turns the connection's auto-read off, so the backend's data
 * stays in the socket and its writes stall; chunks already read wait in a small queue and are
 * handed over on {@link #resume}, which turns reading back on.
 */
final class LoopExchange implements RpcCall {

  private final LoopHttpClient client;
  private final boolean wholeJson;
  private final EventLoop loop;
  private final String host;
  private final String target;
  private final byte[] body;
  private final Map<String, String> headers;
  private final RpcListener listener;
  private final int maxResponse;
  private final ProxyObserver observer;
  private final long startNanos = System.nanoTime();
  private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
  private Channel channel;
  private int status;
  private boolean keepAlive;
  private ChunkSplitter splitter;
  private ByteArrayOutputStream whole;
  private int wholeMax;
  private boolean bodyEnded;
  private boolean paused;
  private boolean cancelled;
  private boolean finished;
  private boolean reported;

  LoopExchange(LoopHttpClient client, EventLoop loop, String host, String target, byte[] body,
      Map<String, String> headers, RpcListener listener, int maxResponse,
      ProxyObserver observer, boolean wholeJson) {
    this.wholeJson = wholeJson;
    this.client = client;
    this.loop = loop;
    this.host = host;
    this.target = target;
    this.body = body;
    this.headers = headers;
    this.listener = listener;
    this.maxResponse = maxResponse;
    this.observer = observer;
  }

  /** Sends the request on {@code ch} (connected, idle). */
  void start(Channel ch) {
    if (cancelled) {
      client.release(ch);
      return;
    }
    channel = ch;
    ch.pipeline().get(Handler.class).current = this;
    ch.config().setAutoRead(true);
    FullHttpRequest request = new DefaultFullHttpRequest(
        HttpVersion.HTTP_1_1, HttpMethod.POST, target, Unpooled.wrappedBuffer(body));
    request.headers()
        .set(HttpHeaderNames.HOST, host)
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .set(HttpHeaderNames.ACCEPT, Endpoint.ACCEPT)
        .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    headers.forEach((name, value) -> request.headers().set(name, value));
    ch.writeAndFlush(request).addListener(written -> {
      if (!written.isSuccess()) {
        lost();
      }
    });
  }

  void connectFailed(Throwable cause) {
    fail(Failures.of(cause instanceof IOException ? cause : new IOException(cause)));
  }

  private void onResponse(HttpResponse response) {
    status = response.status().code();
    keepAlive = HttpUtil.isKeepAlive(response);
    if (status / 100 == 2 && !wholeJson) {
      splitter = ChunkSplitter.forContentType(
          response.headers().get(HttpHeaderNames.CONTENT_TYPE), maxResponse);
    }
    if (splitter == null) {
      whole = new ByteArrayOutputStream();
      wholeMax = status / 100 == 2 ? maxResponse : 4096;
    }
  }

  private void onContent(HttpContent content) {
    ByteBuffer bytes = content.content().nioBuffer();
    if (whole != null) {
      if (whole.size() + bytes.remaining() > wholeMax) {
        if (status / 100 == 2) {
          abort(Failures.invalid("larger than " + wholeMax + " bytes").error());
          return;
        }
      } else {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        whole.writeBytes(copy);
      }
    } else {
      List<byte[]> chunks = new ArrayList<>();
      RpcError error = splitter.feed(bytes, chunks);
      ready.addAll(chunks);
      if (error != null) {
        drain();
        abort(error);
        return;
      }
      if (splitter instanceof SseSplitter sse && sse.ended()) {
        drain();
        endStream(false);
        return;
      }
    }
    if (content instanceof LastHttpContent) {
      bodyEnded = true;
    }
    drain();
  }

  /** Hands over the chunks read so far while not paused; ends the call once the body ended. */
  private void drain() {
    while (!ready.isEmpty() && !paused && !cancelled && !finished) {
      listener.chunk(ready.poll());
    }
    if (bodyEnded && ready.isEmpty() && !paused && !finished && !cancelled) {
      complete();
    }
  }

  private void complete() {
    if (status / 100 != 2) {
      releaseThen(() -> finishFailed(Failures.status(status).error()));
      return;
    }
    if (whole != null) {
      byte[] data;
      try {
        data = wholeJson ? whole.toByteArray() : Replies.data(whole.toByteArray());
      } catch (RpcException e) {
        releaseThen(() -> finishFailed(e.error()));
        return;
      }
      releaseThen(() -> {
        if (take("ok")) {
          listener.answer(data);
        }
      });
      return;
    }
    List<byte[]> last = new ArrayList<>();
    RpcError error = splitter.finish(last);
    for (byte[] chunk : last) {
      listener.chunk(chunk);
    }
    if (error != null) {
      releaseThen(() -> finishFailed(error));
    } else {
      endStream(true);
    }
  }

  private void endStream(boolean reusable) {
    Runnable end = () -> {
      if (take("ok")) {
        listener.end();
      }
    };
    if (reusable) {
      releaseThen(end);
    } else {
      channel.close();
      end.run();
    }
  }

  /** Returns the connection to the pool (or closes it), then runs {@code then}. */
  private void releaseThen(Runnable then) {
    Channel ch = channel;
    ch.pipeline().get(Handler.class).current = null;
    if (keepAlive) {
      client.release(ch);
    } else {
      ch.close();
    }
    then.run();
  }

  /** The connection closed or failed before the answer ended. */
  private void lost() {
    if (!finished && !cancelled) {
      fail(Failures.of(new IOException("the backend's connection closed mid-answer")));
    }
  }

  private void abort(RpcError error) {
    if (channel != null) {
      channel.pipeline().get(Handler.class).current = null;
      channel.close();
    }
    fail(error);
  }

  private void fail(RpcError error) {
    finishFailed(error);
  }

  private void finishFailed(RpcError error) {
    if (take(Failures.isProxyError(error) ? "failed" : "error")) {
      listener.failed(error);
    }
  }

  /** True the first time the call ends (not after a cancel). */
  private boolean take(String outcome) {
    if (finished || cancelled) {
      return false;
    }
    finished = true;
    report(outcome);
    return true;
  }

  private void report(String outcome) {
    if (!reported) {
      reported = true;
      observer.call("rpc", System.nanoTime() - startNanos, outcome);
    }
  }

  @Override
  public void pause() {
    onLoop(() -> {
      paused = true;
      if (channel != null) {
        channel.config().setAutoRead(false);
      }
    });
  }

  @Override
  public void resume() {
    onLoop(() -> {
      paused = false;
      drain();
      if (!paused && channel != null && !finished && !cancelled) {
        channel.config().setAutoRead(true);
        channel.read();
      }
    });
  }

  @Override
  public void timedOut() {
    onLoop(() -> {
      if (!finished && !cancelled) {
        report("failed");
      }
      cancelNow();
    });
  }

  @Override
  public void cancel() {
    onLoop(this::cancelNow);
  }

  private void cancelNow() {
    if (finished || cancelled) {
      return;
    }
    report("cancelled");
    cancelled = true;
    ready.clear();
    if (channel != null) {
      channel.pipeline().get(Handler.class).current = null;
      channel.close();
    }
  }

  private void onLoop(Runnable task) {
    if (loop.inEventLoop()) {
      task.run();
    } else {
      loop.execute(task);
    }
  }

  /** The connection's last handler: hands what the codec decoded to the current exchange. */
  static final class Handler extends ChannelInboundHandlerAdapter {
    LoopExchange current;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        LoopExchange exchange = current;
        if (exchange == null || exchange.finished || exchange.cancelled) {
          return;
        }
        if (msg instanceof HttpResponse response) {
          exchange.onResponse(response);
        }
        if (msg instanceof HttpContent content) {
          exchange.onContent(content);
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      LoopExchange exchange = current;
      current = null;
      if (exchange != null) {
        exchange.lost();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LoopExchange exchange = current;
      current = null;
      ctx.close();
      if (exchange != null) {
        exchange.lost();
      }
    }
  }
}
