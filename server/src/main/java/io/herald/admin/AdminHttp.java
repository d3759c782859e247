package io.herald.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.api.ApiService;
import io.herald.auth.RevokedUsers;
import io.herald.auth.TokenMinter;
import io.herald.node.ChannelName;
import io.herald.node.Node;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.RpcException;
import io.herald.transport.HttpExchange;
import io.herald.transport.HttpReply;
import io.herald.transport.HttpRoutes;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.util.List;
import java.util.Set;

/**
 * The admin UI's HTTP side, under {@value #PREFIX}: the page and its script and style (built into
 * the jar), login and logout (a session cookie: HttpOnly, SameSite=Strict, path {@code /admin},
 * Secure over TLS or with {@code admin.secureCookie}), the session's WebSocket token (revoked at
 * logout: the session's connections are closed with 3503 and its tokens refused from then on), node stats, live-tail subscriptions, and the server API methods
 * behind the login ({@code POST /admin/api/<method>}, no API key needed). Mounted with {@link
 * #mount}.
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
  private final String webSocketPath;
  private final RevokedUsers revoked;
  private final boolean secureCookie;
  private final AdminAssets assets = new AdminAssets();

  /**
   * @param minter mints the admin page's connection tokens; null when the config has no HMAC
   *     secret (the page then polls {@code /admin/stats} instead of using a WebSocket)
   * @param webSocketPath where the page opens its JSON-RPC WebSocket
   * @param revoked where logout revokes the session's WebSocket user
   * @param secureCookie {@code admin.secureCookie}: mark the cookie Secure on plain HTTP too
   */
  public AdminHttp(
      AdminSessions sessions,
      AdminStats stats,
      ApiService api,
      Node node,
      TokenMinter minter,
      ObjectMapper mapper,
      String webSocketPath,
      RevokedUsers revoked,
      boolean secureCookie) {
    this.revoked = revoked;
    this.secureCookie = secureCookie;
    this.sessions = sessions;
    this.stats = stats;
    this.api = api;
    this.node = node;
    this.minter = minter;
    this.mapper = mapper;
    this.webSocketPath = webSocketPath;
  }

  /** Mounts {@value #PREFIX} and everything under it on {@code routes}. */
  public void mount(HttpRoutes routes) {
    routes.exact(PREFIX, this::handle).prefix(PREFIX + "/", this::handle);
  }

  /**
   * Mounts a {@value #PREFIX} that answers 404 with how to turn the admin UI on, for a node
   * without {@code admin.password}.
   */
  public static void mountOff(HttpRoutes routes) {
    HttpReply off = HttpReply.text(404, "the admin UI is off: set admin.password\n");
    routes.exact(PREFIX, x -> x.respond(off)).prefix(PREFIX + "/", x -> x.respond(off));
  }

  void handle(HttpExchange x) {
    String path = x.path();
    String rest = path.length() <= PREFIX.length() ? "" : path.substring(PREFIX.length() + 1);
    boolean get = x.method().equals("GET");
    boolean post = x.method().equals("POST");
    if (get && rest.isEmpty()) {
      x.respond(new HttpReply(200, "text/html; charset=utf-8", assets.get("index.html"),
          java.util.Map.of("Cache-Control", "no-store",
              "Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:",
              "X-Frame-Options", "DENY")));
      return;
    }
    if (get && ASSETS.contains(rest)) {
      String type = rest.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css";
      x.respond(new HttpReply(200, type, assets.get(rest), java.util.Map.of()));
      return;
    }
    if (post && x.header(CSRF_HEADER) == null) {
      error(x, 403, "missing " + CSRF_HEADER + " header");
      return;
    }
    if (post && rest.equals("login")) {
      login(x);
      return;
    }
    AdminSessions.Session session = sessions.find(cookie(x));
    if (session == null) {
      error(x, 401, "not logged in");
      return;
    }
    if (post && rest.equals("logout")) {
      sessions.logout(session.id());
      // Tokens minted for this session live at most sessionTtl: refuse them that long.
      revoked.revoke(session.user(), sessions.now().plus(sessions.ttl()));
      node.disconnectUser(session.user(), null, Disconnect.FORCE_NO_RECONNECT);
      x.respond(HttpReply.json(200, "{}").withHeader("Set-Cookie",
          ServerCookieEncoder.STRICT.encode(cookieOf("", 0, secure(x)))));
    } else if (get && rest.equals("session")) {
      session(x, session);
    } else if (get && rest.equals("stats")) {
      x.respond(HttpReply.json(200, write(stats.snapshot())));
    } else if (post && (rest.equals("tail") || rest.equals("untail"))) {
      tail(x, session, rest.equals("tail"));
    } else if (post && rest.startsWith("api/")) {
      x.reply(api.handleTrusted(rest.substring("api/".length()), x.body())
              .thenApply(reply -> HttpReply.json(reply.status(), reply.body())),
          errorReply(500, "internal server error"));
    } else {
      error(x, 404, "not found");
    }
  }

  private void login(HttpExchange x) {
    JsonNode body = body(x);
    String password = body == null ? null : body.path("password").textValue();
    AdminSessions.Login result = sessions.login(password, x.remoteAddress());
    if (result.throttled()) {
      long seconds = Math.max(1, result.retryAfter().toSeconds());
      x.respond(HttpReply.json(429,
              "{\"error\":\"too many failed logins; try again in " + seconds + "s\"}")
          .withHeader("Retry-After", Long.toString(seconds)));
    } else if (!result.ok()) {
      error(x, 401, "wrong password");
    } else {
      Cookie cookie = cookieOf(result.sessionId(), sessions.ttl().toSeconds(), secure(x));
      x.respond(HttpReply.json(200, "{}")
          .withHeader("Set-Cookie", ServerCookieEncoder.STRICT.encode(cookie)));
    }
  }

  private void session(HttpExchange x, AdminSessions.Session session) {
    ObjectNode out = mapper.createObjectNode();
    out.put("user", session.user());
    out.put("channel", AdminStatsPublisher.CHANNEL);
    out.put("websocket", webSocketPath);
    if (minter != null) {
      out.put("token", minter.connectionToken(
          session.user(), sessions.ttl(), null, List.of(AdminStatsPublisher.CHANNEL)));
    } else {
      out.putNull("token");
    }
    x.respond(HttpReply.json(200, write(out)));
  }

  /** Subscribes (or unsubscribes) the admin's own connections to a channel, for a live tail. */
  private void tail(HttpExchange x, AdminSessions.Session session, boolean on) {
    JsonNode body = body(x);
    String channel = body == null ? null : body.path("channel").textValue();
    try {
      ChannelName.parse(channel);
      if (on) {
        node.subscribeUser(session.user(), channel);
      } else {
        node.unsubscribeUser(session.user(), channel);
      }
      x.respond(HttpReply.json(200, "{}"));
    } catch (RpcException e) {
      error(x, 400, e.error().message());
    }
  }

  private boolean secure(HttpExchange x) {
    return secureCookie || x.secure();
  }

  private static Cookie cookieOf(String value, long maxAgeSeconds, boolean secure) {
    DefaultCookie c = new DefaultCookie(COOKIE, value);
    c.setHttpOnly(true);
    c.setSecure(secure);
    c.setPath(PREFIX);
    c.setSameSite(CookieHeaderNames.SameSite.Strict);
    c.setMaxAge(maxAgeSeconds);
    return c;
  }

  private static String cookie(HttpExchange x) {
    String header = x.header("Cookie");
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

  private JsonNode body(HttpExchange x) {
    try {
      JsonNode n = mapper.readTree(x.body());
      return n != null && n.isObject() ? n : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private void error(HttpExchange x, int status, String msg) {
    x.respond(errorReply(status, msg));
  }

  private HttpReply errorReply(int status, String msg) {
    ObjectNode out = mapper.createObjectNode();
    out.put("error", msg);
    return HttpReply.json(status, write(out));
  }

  private byte[] write(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
