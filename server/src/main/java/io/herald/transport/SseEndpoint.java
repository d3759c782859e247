package io.herald.transport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.config.FallbackConfig;
import io.herald.node.ClientSession;
import io.herald.node.protocol.Handshake;
import io.herald.node.Node;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * {@code GET /connection/sse}: opens a session whose messages go out as an event stream, or,
 * with a {@code Last-Event-ID} of a session this node still holds, resumes that one from the
 * event after it (docs/transports.md). Runs on the request's connection loop.
 */
final class SseEndpoint {

  private final Node node;
  private final FallbackSessions sessions;
  private final FallbackRequests requests;
  private final FallbackConfig config;

  SseEndpoint(FallbackSessions sessions, FallbackRequests requests, FallbackConfig config) {
    this.node = sessions.node();
    this.sessions = sessions;
    this.requests = requests;
    this.config = config;
  }

  void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
    ObjectNode params = requests.connectParams(
        ctx, request, FallbackRequests.queryParam(request, "connect"));
    if (params == null) {
      return;
    }
    String origin = Cors.origin(request);
    Handshake handshake = Handshake.of(request.headers(), node.handshakeHeaders());
    String lastEventId = request.headers().get("Last-Event-ID");
    EmulatedTransport resumed = lastEventId == null ? null : sessions.get(sessionOf(lastEventId));
    if (resumed == null || !resumed.name().equals(FallbackSessions.SSE)) {
      open(ctx, origin, handshake, params);
      return;
    }
    long seq = seqOf(lastEventId);
    resumed.loop().execute(() -> {
      SseStream stream = new SseStream(ctx.channel(), resumed.id());
      if (seq >= 0 && resumed.resumable(seq)) {
        start(ctx, stream, origin);
        resumed.stream(stream, seq);
        watch(ctx, resumed, stream);
      } else {
        ctx.executor().execute(() -> open(ctx, origin, handshake, params));
      }
    });
  }

  private void open(
      ChannelHandlerContext ctx, String origin, Handshake handshake, ObjectNode params) {
    EmulatedTransport transport = sessions.create(FallbackSessions.SSE, ctx.channel(), handshake);
    SseStream stream = new SseStream(ctx.channel(), transport.id());
    start(ctx, stream, origin);
    ClientSession session = node.open(transport);
    transport.stream(stream, 0);
    watch(ctx, transport, stream);
    transport.opened(session, ConnectReply.request(params));
  }

  /**
   * Starts {@code stream} on this connection, which from now on carries nothing else: the
   * handlers only requests need go, as on a WebSocket (the idle timeout among them: the stream
   * is quiet between heartbeats).
   */
  private void start(ChannelHandlerContext ctx, SseStream stream, String origin) {
    HeraldChannelInitializer.dropHttpHandlers(ctx.pipeline());
    stream.start(origin, config.heartbeatInterval());
  }

  private static void watch(
      ChannelHandlerContext ctx, EmulatedTransport transport, EmulatedTransport.Sink sink) {
    ctx.channel().closeFuture()
        .addListener(f -> transport.loop().execute(() -> transport.detached(sink)));
  }

  /** The session part of an SSE event id {@code <session>/<seq>}, or null. */
  static String sessionOf(String eventId) {
    int slash = eventId.lastIndexOf('/');
    return slash < 0 ? null : eventId.substring(0, slash);
  }

  /** The sequence part of an SSE event id, or -1 when it is not a number. */
  static long seqOf(String eventId) {
    int slash = eventId.lastIndexOf('/');
    try {
      return Long.parseLong(eventId.substring(slash + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
