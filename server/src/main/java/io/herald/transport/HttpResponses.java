package io.herald.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Writes complete HTTP responses, keeping the connection alive when the request allows it. */
final class HttpResponses {

  private HttpResponses() {}

  static void send(
      ChannelHandlerContext ctx, FullHttpRequest request, int status, String type, byte[] body) {
    send(ctx, request, status, type, body, headers -> {});
  }

  /** Like {@link #send}, letting {@code extra} add headers (cookies, caching, Retry-After). */
  static void send(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      int status,
      String type,
      byte[] body,
      java.util.function.Consumer<io.netty.handler.codec.http.HttpHeaders> extra) {
    send(ctx, HttpUtil.isKeepAlive(request), status, type, body, extra);
  }

  /**
   * Like {@link #send}, for a request already released: {@code keepAlive} is what it asked for.
   * Safe from any thread.
   */
  static void send(
      ChannelHandlerContext ctx,
      boolean keepAlive,
      int status,
      String type,
      byte[] body,
      java.util.function.Consumer<io.netty.handler.codec.http.HttpHeaders> extra) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
    extra.accept(response.headers());
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    response.headers().set("X-Content-Type-Options", "nosniff");
    if (keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** A plain-text response after which the connection is closed (the request could not be read). */
  static void textAndClose(ChannelHandlerContext ctx, int status, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(bytes));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  static void json(ChannelHandlerContext ctx, FullHttpRequest request, int status, byte[] body) {
    send(ctx, request, status, "application/json", body);
  }

  static void text(ChannelHandlerContext ctx, FullHttpRequest request, int status, String body) {
    send(ctx, request, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }
}
