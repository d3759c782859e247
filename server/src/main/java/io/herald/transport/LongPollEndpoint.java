package io.herald.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.node.ClientSession;
import io.herald.node.protocol.Handshake;
import io.herald.node.Node;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.time.Duration;

/**
 * {@code POST /connection/longpoll}: {@code {"connect": {...}}} opens a session (admitted by the
 * {@link ConnectionGuard} like a connection), {@code {"session", "cursor"}} polls one
 * (docs/transports.md). Runs on the request's connection loop.
 */
final class LongPollEndpoint {

  private final Node node;
  private final FallbackSessions sessions;
  private final FallbackRequests requests;
  private final ConnectionGuard guard;
  private final Duration httpIdleTimeout;

  /** @param httpIdleTimeout the plain-HTTP idle timeout a connection gets back after a poll */
  LongPollEndpoint(FallbackSessions sessions, FallbackRequests requests, ConnectionGuard guard,
      Duration httpIdleTimeout) {
    this.node = sessions.node();
    this.sessions = sessions;
    this.requests = requests;
    this.guard = guard;
    this.httpIdleTimeout = httpIdleTimeout;
  }

  void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
    JsonNode body = requests.body(ctx, request, true);
    if (body == null) {
      return;
    }
    if (body.has("session")) {
      poll(ctx, request, body);
    } else {
      open(ctx, request, body.path("connect"));
    }
  }

  private void open(ChannelHandlerContext ctx, FullHttpRequest request, JsonNode connect) {
    if (!connect.isMissingNode() && !connect.isObject()) {
      FallbackRequests.error(ctx, request, 400, "connect must be an object of connect params");
      return;
    }
    ObjectNode params =
        connect.isObject() ? (ObjectNode) connect : requests.mapper().createObjectNode();
    requests.withCookieToken(params, request);
    String refused = guard.admit(ctx.channel().remoteAddress());
    if (refused != null) {
      FallbackRequests.error(ctx, request, 503, refused);
      return;
    }
    EmulatedTransport transport = sessions.create(FallbackSessions.LONGPOLL, ctx.channel(),
        Handshake.of(request.headers(), node.handshakeHeaders()));
    transport.onFinish(guard::release);
    ClientSession session = node.open(transport);
    LongPoll poll = poll(ctx, request, transport, 0);
    transport.opened(session, ConnectReply.request(params));
    transport.poll(poll, 0);
  }

  private void poll(ChannelHandlerContext ctx, FullHttpRequest request, JsonNode body) {
    JsonNode cursor = body.path("cursor");
    if (!body.get("session").isTextual() || !cursor.canConvertToLong() || cursor.asLong() < 0) {
      FallbackRequests.error(ctx, request, 400,
          "a poll is {\"session\": \"<id>\", \"cursor\": <number >= 0>}");
      return;
    }
    EmulatedTransport transport = sessions.get(body.get("session").asText());
    if (transport == null) {
      FallbackRequests.error(ctx, request, 404, "unknown session");
      return;
    }
    LongPoll poll = poll(ctx, request, transport, cursor.asLong());
    transport.loop().execute(() -> transport.poll(poll, cursor.asLong()));
  }

  /** A poll of {@code transport} answered on this request, detached if the connection closes. */
  private LongPoll poll(ChannelHandlerContext ctx, FullHttpRequest request,
      EmulatedTransport transport, long cursor) {
    LongPoll poll = new LongPoll(ctx, HttpUtil.isKeepAlive(request), Cors.origin(request),
        transport.id(), cursor, httpIdleTimeout);
    poll.watch(() -> transport.loop().execute(() -> transport.detached(poll)));
    return poll;
  }
}
