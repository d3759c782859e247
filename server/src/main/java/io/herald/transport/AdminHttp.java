package io.herald.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.admin.AdminSessions;
import io.herald.admin.AdminStats;
import io.herald.admin.AdminStatsPublisher;
import io.herald.api.ApiService;
import io.herald.auth.TokenMinter;
import io.herald.node.ChannelName;
import io.herald.node.Node;
import io.herald.node.RpcException;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The admin UI's HTTP side, under {@value #PREFIX}: the page and its script and style (built into
 * the jar), login and logout (a session cookie: HttpOnly, SameSite=Strict, path {@code /admin}),
 * the session's WebSocket token, node stats, live-tail subscriptions, and the server API methods
 * behind the login ({@code POST /admin/api/<method>}, no API key needed).
 *
 * <p>Every POST must carry {@value #CSRF_HEADER}: a browser cannot add it to a cross-site request
 * without a CORS preflight, which Herald never grants, so a logged-in admin's cookie cannot be
 * used by another site.
 */
public final class AdminHttp {

  /** Where the admin UI lives. */
  public static final String PREFIX = "/admin";

  /** Header every admin POST must carry (any value). */
  static final String CSRF_HEADER = "X-Herald-Admin";

  /** The session cookie's name. */
  static final String COOKIE = "herald_admin";

  private static final Set<String> ASSETS = Set.of("admin.js", "admin.css");

  private final AdminSessions sessions;
  private final AdminStats stats;
  private final ApiService api;
  private final Node node;
  private final TokenMinter minter;
  private final ObjectMapper mapper;
  private final AdminAssets assets = new AdminAssets();

  /**
   * @param minter mints the admin page's connection tokens; null when the config has no HMAC
   *     secret (the page then polls {@code /admin/stats} instead of using a WebSocket)
   */
  public AdminHttp(
      AdminSessions sessions,
      AdminStats stats,
      ApiService api,
      Node node,
      TokenMinter minter,
      ObjectMapper mapper) {
    this.sessions = sessions;
    this.stats = stats;
    this.api = api;
    this.node = node;
    this.minter = minter;
    this.mapper = mapper;
  }

  void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    String rest = path.length() <= PREFIX.length() ? "" : path.substring(PREFIX.length() + 1);
    boolean get = request.method().equals(HttpMethod.GET);
    boolean post = request.method().equals(HttpMethod.POST);
    if (get && rest.isEmpty()) {
      HttpResponses.send(ctx, request, 200, "text/html; charset=utf-8", assets.get("index.html"),
          h -> h.set(HttpHeaderNames.CACHE_CONTROL, "no-store")
              .set("Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:")
              .set("X-Frame-Options", "DENY"));
      return;
    }
    if (get && ASSETS.contains(rest)) {
      String type = rest.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css";
      HttpResponses.send(ctx, request, 200, type, assets.get(rest));
      return;
    }
    if (post && request.headers().get(CSRF_HEADER) == null) {
      error(ctx, request, 403, "missing " + CSRF_HEADER + " header");
      return;
    }
    if (post && rest.equals("login")) {
      login(ctx, request);
      return;
    }
    AdminSessions.Session session = sessions.find(cookie(request));
    if (session == null) {
      error(ctx, request, 401, "not logged in");
      return;
    }
    if (post && rest.equals("logout")) {
      sessions.logout(session.id());
      HttpResponses.send(ctx, request, 200, "application/json", bytes("{}"),
          h -> h.set(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.STRICT.encode(cookieOf("", 0))));
    } else if (get && rest.equals("session")) {
      session(ctx, request, session);
    } else if (get && rest.equals("stats")) {
      HttpResponses.json(ctx, request, 200, write(stats.snapshot()));
    } else if (post && (rest.equals("tail") || rest.equals("untail"))) {
      tail(ctx, request, session, rest.equals("tail"));
    } else if (post && rest.startsWith("api/")) {
      apiCall(ctx, request, rest.substring("api/".length()));
    } else {
      error(ctx, request, 404, "not found");
    }
  }

  private void login(ChannelHandlerContext ctx, FullHttpRequest request) {
    JsonNode body = body(request);
    String password = body == null ? null : body.path("password").textValue();
    AdminSessions.Login result = sessions.login(password, address(ctx));
    if (result.throttled()) {
      long seconds = Math.max(1, result.retryAfter().toSeconds());
      HttpResponses.send(ctx, request, 429, "application/json",
          bytes("{\"error\":\"too many failed logins; try again in " + seconds + "s\"}"),
          h -> h.set(HttpHeaderNames.RETRY_AFTER, Long.toString(seconds)));
    } else if (!result.ok()) {
      error(ctx, request, 401, "wrong password");
    } else {
      Cookie cookie = cookieOf(result.sessionId(), sessions.ttl().toSeconds());
      HttpResponses.send(ctx, request, 200, "application/json", bytes("{}"),
          h -> h.set(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.STRICT.encode(cookie)));
    }
  }

  private void session(
      ChannelHandlerContext ctx, FullHttpRequest request, AdminSessions.Session session) {
    ObjectNode out = mapper.createObjectNode();
    out.put("user", session.user());
    out.put("channel", AdminStatsPublisher.CHANNEL);
    out.put("websocket", HeraldChannelInitializer.WEBSOCKET_PATH);
    if (minter != null) {
      out.put("token", minter.connectionToken(
          session.user(), sessions.ttl(), null, List.of(AdminStatsPublisher.CHANNEL)));
    } else {
      out.putNull("token");
    }
    HttpResponses.json(ctx, request, 200, write(out));
  }

  /** Subscribes (or unsubscribes) the admin's own connections to a channel, for a live tail. */
  private void tail(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      AdminSessions.Session session,
      boolean on) {
    JsonNode body = body(request);
    String channel = body == null ? null : body.path("channel").textValue();
    try {
      ChannelName.parse(channel);
      if (on) {
        node.subscribeUser(session.user(), channel);
      } else {
        node.unsubscribeUser(session.user(), channel);
      }
      HttpResponses.json(ctx, request, 200, bytes("{}"));
    } catch (RpcException e) {
      error(ctx, request, 400, e.error().message());
    }
  }

  private void apiCall(ChannelHandlerContext ctx, FullHttpRequest request, String method) {
    byte[] body = ByteBufUtil.getBytes(request.content());
    FullHttpRequest retained = request.retainedDuplicate();
    api.handleTrusted(method, body).whenComplete((reply, error) -> ctx.executor().execute(() -> {
      try {
        if (reply != null) {
          HttpResponses.json(ctx, retained, reply.status(), reply.body());
        } else {
          error(ctx, retained, 500, "internal server error");
        }
      } finally {
        retained.release();
      }
    }));
  }

  private static Cookie cookieOf(String value, long maxAgeSeconds) {
    DefaultCookie c = new DefaultCookie(COOKIE, value);
    c.setHttpOnly(true);
    c.setPath(PREFIX);
    c.setSameSite(CookieHeaderNames.SameSite.Strict);
    c.setMaxAge(maxAgeSeconds);
    return c;
  }

  private static String cookie(FullHttpRequest request) {
    String header = request.headers().get(HttpHeaderNames.COOKIE);
    if (header == null) {
      return null;
    }
    for (Cookie c : ServerCookieDecoder.STRICT.decode(header)) {
      if (c.name().equals(COOKIE)) {
        return c.value();
      }
    }
    return null;
  }

  private JsonNode body(FullHttpRequest request) {
    try {
      JsonNode n = mapper.readTree(ByteBufUtil.getBytes(request.content()));
      return n != null && n.isObject() ? n : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static String address(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress a
        ? a.getAddress().getHostAddress()
        : "unknown";
  }

  private void error(ChannelHandlerContext ctx, FullHttpRequest request, int status, String msg) {
    ObjectNode out = mapper.createObjectNode();
    out.put("error", msg);
    HttpResponses.json(ctx, request, status, write(out));
  }

  private byte[] write(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

}
