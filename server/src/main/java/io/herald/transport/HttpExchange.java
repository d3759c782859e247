package io.herald.transport;

import io.herald.node.protocol.Handshake;
import io.herald.node.protocol.SessionLoop;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One plain HTTP request handed to an {@link HttpHandler}, and the way to answer it. The request
 * body is fully read (at most the port's aggregation limit). Answer exactly once: {@link #respond}
 * on the event loop, or {@link #reply} with a stage that may complete on any thread. Not
 * thread-safe; the accessors are valid until the answer is given.
 *
 * <p>{@link #context()} and {@link #request()} expose the Netty objects for handlers that stream
 * (an event stream keeps the connection); most handlers need neither.
 */
public final class HttpExchange {

  private final ChannelHandlerContext ctx;
  private final FullHttpRequest request;
  private final String path;
  private Map<String, List<String>> query;

  HttpExchange(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    this.ctx = ctx;
    this.request = request;
    this.path = path;
  }

  /** The method, upper case ({@code GET}, {@code POST}, ...). */
  public String method() {
    return request.method().name();
  }

  /** The path, without query string. */
  public String path() {
    return path;
  }

  /** The request target as sent (path and query). */
  public String uri() {
    return request.uri();
  }

  /** The decoded query parameters by name (empty when there is none). */
  public Map<String, List<String>> query() {
    if (query == null) {
      query = new QueryStringDecoder(request.uri()).parameters();
    }
    return query;
  }

  /** The first value of query parameter {@code name}, or null. */
  public String query(String name) {
    List<String> values = query().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The value of request header {@code name} (any case), or null. */
  public String header(String name) {
    return request.headers().get(name);
  }

  /** Every request header as name and value pairs. */
  public Iterable<Map.Entry<String, String>> headers() {
    return request.headers();
  }

  /** Size of the body in bytes. */
  public int bodySize() {
    return request.content().readableBytes();
  }

  /** A copy of the body. */
  public byte[] body() {
    return ByteBufUtil.getBytes(request.content());
  }

  /** True when the request came over TLS (this port has {@code tls.*}). */
  public boolean secure() {
    return ctx.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null;
  }

  /** The peer's IP address, or {@code "unknown"}. */
  public String remoteAddress() {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
        ? a.getAddress().getHostAddress()
        : "unknown";
  }

  /** Answers now; call on the event loop (where the handler runs). */
  public void respond(HttpReply reply) {
    HttpResponses.send(ctx, request, reply.status(), reply.contentType(), reply.body(),
        h -> reply.headers().forEach(h::set));
  }

  /**
   * Answers once {@code reply} completes, on the connection's loop (at once when it completes
   * there, so the answer is not queued behind fan-out tasks the request itself started).
   *
   * @param onFailure the answer when {@code reply} fails or yields null
   */
  public void reply(CompletionStage<HttpReply> reply, HttpReply onFailure) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    reply.whenComplete((r, error) -> runOnLoop(() -> {
      HttpReply answer = r != null ? r : onFailure;
      HttpResponses.send(ctx, keepAlive, answer.status(), answer.contentType(), answer.body(),
          h -> answer.headers().forEach(h::set));
    }));
  }

  private void runOnLoop(Runnable task) {
    if (ctx.executor().inEventLoop()) {
      task.run();
    } else {
      ctx.executor().execute(task);
    }
  }

  /** The connection's event loop, where handlers run and sessions of this connection live. */
  public SessionLoop loop() {
    return new NettySessionLoop(ctx.channel().eventLoop());
  }

  /**
   * Answers with a stream: writes the head now ({@code 200}, {@code contentType}, chunked, no
   * caching or buffering by proxies, the request origin's CORS headers) and returns the stream as
   * a session transport; this connection carries nothing else from now on. Call on the loop,
   * instead of {@link #respond}.
   *
   * @param transportName the transport's name for metrics and logs, e.g. {@code uni_sse}
   * @param kept what of the request the session keeps for backend proxies
   */
  public HttpStream stream(String transportName, String contentType, Handshake kept) {
    HttpStream stream = new HttpStream(ctx.channel(), loop(), transportName, kept);
    stream.start(contentType, Cors.origin(request));
    return stream;
  }

  /** The Netty context, for handlers that stream their answer. */
  public ChannelHandlerContext context() {
    return ctx;
  }

  /** The Netty request (owned by the router: retain it to keep it past the handler). */
  public FullHttpRequest request() {
    return request;
  }
}
