package io.herald.transport;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.config.FallbackConfig;
import io.herald.config.HeraldConfig;
import io.herald.node.ClientSession;
import io.herald.node.Handshake;
import io.herald.node.Node;
import io.herald.protocol.Json;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The HTTP fallback endpoints (docs/transports.md): {@value #SSE_PATH} (GET, an event stream),
 * {@value #LONGPOLL_PATH} (POST, one poll per request) and {@value #EMULATION_PATH} (POST, client
 * messages for a fallback session), each with CORS preflight. Bad requests are answered with an
 * HTTP status and {@code {"error": "..."}}: 400 bad body, 404 unknown session, 405 wrong method,
 * 413 body over {@code fallback.maxRequestSize}. Runs on the request's connection loop; one per
 * connection, sharing the node's {@link FallbackSessions}.
 */
final class FallbackRouter {

  static final String SSE_PATH = "/connection/sse";
  static final String LONGPOLL_PATH = "/connection/longpoll";
  static final String EMULATION_PATH = "/connection/emulation";
  static final Set<String> PATHS = Set.of(SSE_PATH, LONGPOLL_PATH, EMULATION_PATH);

  private final Node node;
  private final FallbackSessions sessions;
  private final FallbackConfig config;
  private final Duration httpIdleTimeout;
  private final ObjectMapper mapper;
  private final ConnectionGuard guard;

  /**
   * @param guard counts long-poll sessions as connections (SSE streams and WebSockets it counts
   *     in the pipeline)
   */
  FallbackRouter(HeraldConfig config, FallbackSessions sessions, ConnectionGuard guard) {
    this.guard = guard;
    this.node = sessions.node();
    this.sessions = sessions;
    this.config = config.fallback();
    this.httpIdleTimeout = config.client().connectTimeout();
    this.mapper = Json.mapper(config.client().maxJsonDepth(),
        config.client().maxJsonStringLength(), config.client().maxJsonTokens());
  }

  /** Answers {@code request} when {@code path} is a fallback endpoint; false otherwise. */
  boolean handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    if (!PATHS.contains(path)) {
      return false;
    }
    HttpMethod method = request.method();
    if (method.equals(HttpMethod.OPTIONS)) {
      Cors.preflight(ctx, request);
    } else if (path.equals(SSE_PATH)) {
      if (expect(ctx, request, HttpMethod.GET)) {
        sse(ctx, request);
      }
    } else if (!expect(ctx, request, HttpMethod.POST)) {
      return true;
    } else if (request.content().readableBytes() > config.maxRequestSize()) {
      error(ctx, request, 413, "body larger than fallback.maxRequestSize ("
          + config.maxRequestSize() + " bytes)");
    } else if (path.equals(LONGPOLL_PATH)) {
      longPoll(ctx, request);
    } else {
      emulation(ctx, request);
    }
    return true;
  }

  private boolean expect(ChannelHandlerContext ctx, FullHttpRequest request, HttpMethod method) {
    if (request.method().equals(method)) {
      return true;
    }
    error(ctx, request, 405, "use " + method.name());
    return false;
  }

  private void sse(ChannelHandlerContext ctx, FullHttpRequest request) {
    ObjectNode params = connectParams(ctx, request, queryParam(request, "connect"));
    if (params == null) {
      return;
    }
    String origin = Cors.origin(request);
    Handshake handshake = Handshake.of(request.headers(), node.handshakeHeaders());
    String lastEventId = request.headers().get("Last-Event-ID");
    EmulatedTransport resumed = lastEventId == null ? null : sessions.get(sessionOf(lastEventId));
    if (resumed == null || !resumed.name().equals("sse")) {
      openSse(ctx, origin, handshake, params);
      return;
    }
    long seq = seqOf(lastEventId);
    resumed.loop().execute(() -> {
      SseStream stream = new SseStream(ctx.channel(), resumed.id());
      if (seq >= 0 && resumed.resumable(seq)) {
        startStream(ctx, stream, origin);
        resumed.stream(stream, seq);
        watch(ctx, resumed, stream);
      } else {
        ctx.executor().execute(() -> openSse(ctx, origin, handshake, params));
      }
    });
  }

  private void openSse(
      ChannelHandlerContext ctx, String origin, Handshake handshake, ObjectNode params) {
    EmulatedTransport transport = transport("sse", ctx, handshake);
    SseStream stream = new SseStream(ctx.channel(), transport.id());
    startStream(ctx, stream, origin);
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
  private void startStream(ChannelHandlerContext ctx, SseStream stream, String origin) {
    HeraldChannelInitializer.dropHttpHandlers(ctx.pipeline());
    stream.start(origin, config.heartbeatInterval());
  }

  private static void watch(
      ChannelHandlerContext ctx, EmulatedTransport transport, EmulatedTransport.Sink sink) {
    ctx.channel().closeFuture()
        .addListener(f -> transport.loop().execute(() -> transport.detached(sink)));
  }

  private EmulatedTransport transport(String kind, ChannelHandlerContext ctx, Handshake hs) {
    EmulatedTransport transport = new EmulatedTransport(kind, sessions.newId(),
        new NettySessionLoop(ctx.channel().eventLoop()), hs, config, sessions,
        sessions.decoder());
    sessions.add(transport);
    return transport;
  }

  private void longPoll(ChannelHandlerContext ctx, FullHttpRequest request) {
    JsonNode body = body(ctx, request, true);
    if (body == null) {
      return;
    }
    String origin = Cors.origin(request);
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (!body.has("session")) {
      JsonNode connect = body.path("connect");
      if (!connect.isMissingNode() && !connect.isObject()) {
        error(ctx, request, 400, "connect must be an object of connect params");
        return;
      }
      ObjectNode params = connect.isObject() ? (ObjectNode) connect : mapper.createObjectNode();
      withCookieToken(params, request);
      String refused = guard.admit(ctx.channel().remoteAddress());
      if (refused != null) {
        error(ctx, request, 503, refused);
        return;
      }
      EmulatedTransport transport =
          transport("longpoll", ctx, Handshake.of(request.headers(), node.handshakeHeaders()));
      transport.onFinish(guard::release);
      ClientSession session = node.open(transport);
      LongPoll poll = new LongPoll(ctx, keepAlive, origin, transport.id(), 0, httpIdleTimeout);
      poll.watch(() -> transport.loop().execute(() -> transport.detached(poll)));
      transport.opened(session, ConnectReply.request(params));
      transport.poll(poll, 0);
      return;
    }
    JsonNode cursor = body.path("cursor");
    if (!body.get("session").isTextual() || !cursor.canConvertToLong() || cursor.asLong() < 0) {
      error(ctx, request, 400, "a poll is {\"session\": \"<id>\", \"cursor\": <number >= 0>}");
      return;
    }
    EmulatedTransport transport = sessions.get(body.get("session").asText());
    if (transport == null) {
      error(ctx, request, 404, "unknown session");
      return;
    }
    LongPoll poll =
        new LongPoll(ctx, keepAlive, origin, transport.id(), cursor.asLong(), httpIdleTimeout);
    poll.watch(() -> transport.loop().execute(() -> transport.detached(poll)));
    transport.loop().execute(() -> transport.poll(poll, cursor.asLong()));
  }

  private void emulation(ChannelHandlerContext ctx, FullHttpRequest request) {
    JsonNode body = body(ctx, request, false);
    if (body == null) {
      return;
    }
    JsonNode session = body.path("session");
    JsonNode data = body.path("data");
    if (!session.isTextual() || !(data.isObject() || data.isArray())) {
      error(ctx, request, 400,
          "the body is {\"session\": \"<id>\", \"data\": <a JSON-RPC object or batch>}");
      return;
    }
    byte[] bytes;
    try {
      bytes = mapper.writeValueAsBytes(data);
    } catch (IOException e) {
      error(ctx, request, 400, "data cannot be encoded");
      return;
    }
    String origin = Cors.origin(request);
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    sessions.route(session.asText(), bytes).whenComplete((routed, failure) -> {
      if (failure != null) {
        error(ctx, keepAlive, origin, 503, "the cluster could not take the message");
      } else if (routed == FallbackSessions.Routed.UNKNOWN) {
        error(ctx, keepAlive, origin, 404, "unknown session");
      } else {
        int status = routed == FallbackSessions.Routed.HERE ? 204 : 202;
        HttpResponses.send(ctx, keepAlive, status, "text/plain", new byte[0],
            h -> Cors.allow(h, origin));
      }
    });
  }

  /** The body as a JSON object; null after answering 400. An empty body is {} when allowed. */
  private JsonNode body(ChannelHandlerContext ctx, FullHttpRequest request, boolean emptyOk) {
    byte[] bytes = ByteBufUtil.getBytes(request.content());
    if (bytes.length == 0 && emptyOk) {
      return mapper.createObjectNode();
    }
    try {
      JsonNode node = mapper.readTree(bytes);
      if (node != null && node.isObject()) {
        return node;
      }
      error(ctx, request, 400, "the body must be a JSON object");
    } catch (JacksonException e) {
      error(ctx, request, 400, "the body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      error(ctx, request, 400, "the body cannot be read");
    }
    return null;
  }

  /** The connect params from {@code json} (none: {}), with the cookie token; null after 400. */
  private ObjectNode connectParams(
      ChannelHandlerContext ctx, FullHttpRequest request, String json) {
    ObjectNode params;
    if (json == null) {
      params = mapper.createObjectNode();
    } else {
      try {
        JsonNode parsed = mapper.readTree(json);
        if (!(parsed instanceof ObjectNode object)) {
          error(ctx, request, 400, "connect must be a JSON object of connect params");
          return null;
        }
        params = object;
      } catch (IOException e) {
        error(ctx, request, 400, "connect is not JSON");
        return null;
      }
    }
    withCookieToken(params, request);
    return params;
  }

  /** Takes the connection token from {@code fallback.tokenCookie} when the params have none. */
  private void withCookieToken(ObjectNode params, FullHttpRequest request) {
    String name = config.tokenCookie();
    String header = request.headers().get(HttpHeaderNames.COOKIE);
    if (name.isEmpty() || header == null || params.hasNonNull("token")) {
      return;
    }
    for (Cookie cookie : ServerCookieDecoder.LAX.decode(header)) {
      if (cookie.name().equals(name)) {
        params.put("token", cookie.value());
        return;
      }
    }
  }

  private static String queryParam(FullHttpRequest request, String name) {
    List<String> values = new QueryStringDecoder(request.uri()).parameters().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The session part of an SSE event id {@code <session>/<seq>}. */
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

  private static void error(
      ChannelHandlerContext ctx, FullHttpRequest request, int status, String message) {
    error(ctx, HttpUtil.isKeepAlive(request), Cors.origin(request), status, message);
  }

  private static void error(
      ChannelHandlerContext ctx, boolean keepAlive, String origin, int status, String message) {
    byte[] body = ("{\"error\":" + quote(message) + "}").getBytes(StandardCharsets.UTF_8);
    HttpResponses.send(ctx, keepAlive, status, "application/json", body,
        h -> Cors.allow(h, origin));
  }

  private static String quote(String text) {
    return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
  }
}
