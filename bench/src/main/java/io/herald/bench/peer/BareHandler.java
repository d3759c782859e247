package io.herald.bench.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.CharsetUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * One bare-broadcaster connection: WebSocket text messages {@code sub <channel>} and {@code pub
 * <channel> <payload>}, or plain HTTP {@code POST /publish/<channel>}.
 */
final class BareHandler extends SimpleChannelInboundHandler<Object> {

  private static final String PUBLISH_PREFIX = "/publish/";

  private final Topics topics;
  private final List<String> subscribed = new ArrayList<>(1);

  BareHandler(Topics topics) {
    this.topics = topics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof TextWebSocketFrame frame) {
      message(ctx, frame.content());
    } else if (msg instanceof FullHttpRequest req) {
      http(ctx, req);
    }
  }

  private void message(ChannelHandlerContext ctx, ByteBuf text) {
    int start = text.readerIndex();
    int end = text.writerIndex();
    int space = text.indexOf(start, end, (byte) ' ');
    if (space < 0) {
      ctx.writeAndFlush(new TextWebSocketFrame("err no command"));
      return;
    }
    String command = text.toString(start, space - start, CharsetUtil.US_ASCII);
    if (command.equals("sub")) {
      String topic = text.toString(space + 1, end - space - 1, CharsetUtil.US_ASCII);
      topics.subscribe(topic, ctx.channel());
      subscribed.add(topic);
      ctx.writeAndFlush(new TextWebSocketFrame("ok"));
    } else if (command.equals("pub")) {
      int second = text.indexOf(space + 1, end, (byte) ' ');
      if (second < 0) {
        ctx.writeAndFlush(new TextWebSocketFrame("err no payload"));
        return;
      }
      String topic = text.toString(space + 1, second - space - 1, CharsetUtil.US_ASCII);
      topics.publish(topic, text.slice(second + 1, end - second - 1));
    } else {
      ctx.writeAndFlush(new TextWebSocketFrame("err unknown command " + command));
    }
  }

  private void http(ChannelHandlerContext ctx, FullHttpRequest req) {
    HttpResponseStatus status;
    if (req.method() == HttpMethod.POST && req.uri().startsWith(PUBLISH_PREFIX)) {
      topics.publish(req.uri().substring(PUBLISH_PREFIX.length()), req.content());
      status = HttpResponseStatus.OK;
    } else if (req.uri().equals("/health")) {
      status = HttpResponseStatus.OK;
    } else {
      status = HttpResponseStatus.NOT_FOUND;
    }
    ByteBuf body =
        Unpooled.copiedBuffer(status == HttpResponseStatus.OK ? "ok" : "not found", CharsetUtil.US_ASCII);
    FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    HttpUtil.setKeepAlive(res, keepAlive);
    var f = ctx.writeAndFlush(res);
    if (!keepAlive) {
      f.addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    for (String topic : subscribed) {
      topics.unsubscribe(topic, ctx.channel());
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
