package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.AdminConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.InternalConfig;
import io.herald.config.ShutdownConfig;
import io.herald.server.HeraldServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admin UI's HTTP side over real sockets: login with its cookie and throttle, the CSRF header,
 * the session's WebSocket token, server API methods behind the login, and where operations
 * endpoints answer with and without an internal port.
 */
class AdminHttpSocketTest extends SocketTestBase {

  private static final String PASSWORD = "admin-password-0123";

  private HeraldServer server(int maxFailedLogins, int internalPort) {
    return server(new AdminConfig(PASSWORD, Duration.ofHours(1), maxFailedLogins,
        Duration.ofMinutes(1)), internalPort);
  }

  private HeraldServer server(AdminConfig admin, int internalPort) {
    HeraldConfig config = TestConfig.create().build().withOperations(
        new InternalConfig(internalPort, null), admin, ShutdownConfig.defaults());
    return start(config);
  }

  private HttpResponse<String> request(
      int port, String method, String path, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(WsClient.TIMEOUT)
        .method(method, body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> login(int port, String password) throws Exception {
    return request(port, "POST", "/admin/login", "{\"password\":\"" + password + "\"}",
        Map.of("X-Herald-Admin", "1"));
  }

  private static String cookie(HttpResponse<String> login) {
    String setCookie = login.headers().firstValue("set-cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  @Test
  void loginGivesACookieThatOpensTheSessionTheApiAndLogout() throws Exception {
    HeraldServer server = server(5, InternalConfig.OFF);
    int port = server.port();
    assertThat(request(port, "GET", "/admin", null, Map.of()).body()).contains("admin.js");
    assertThat(request(port, "GET", "/admin/session", null, Map.of()).statusCode())
        .isEqualTo(401);
    assertThat(request(port, "POST", "/admin/login", "{\"password\":\"" + PASSWORD + "\"}",
        Map.of()).statusCode()).as("a POST without the CSRF header").isEqualTo(403);
    assertThat(login(port, "wrong-password-0000").statusCode()).isEqualTo(401);

    HttpResponse<String> ok = login(port, PASSWORD);
    assertThat(ok.statusCode()).isEqualTo(200);
    String setCookie = ok.headers().firstValue("set-cookie").orElseThrow();
    assertThat(setCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/admin");
    Map<String, String> auth = Map.of("Cookie", cookie(ok), "X-Herald-Admin", "1");

    JsonNode session = WsClient.JSON.readTree(
        request(port, "GET", "/admin/session", null, auth).body());
    assertThat(session.path("channel").asText()).isEqualTo("$herald-admin");
    WsClient admin = ws(server);
    JsonNode connected = admin.ok("connect", WsClient.json("token", session.path("token").asText()));
    assertThat(connected.path("subs").has("$herald-admin")).isTrue();
    JsonNode stats = admin.await(WsClient.isPublication("$herald-admin"), Duration.ofSeconds(5),
        "node stats").path("params").path("data");
    assertThat(stats.path("clients").asInt()).isEqualTo(1);
    assertThat(stats.path("ready").asBoolean()).isTrue();

    WsClient watcher = subscriber(server, "watcher", "chat:room1");
    HttpResponse<String> published = request(port, "POST", "/admin/api/publish",
        "{\"channel\":\"chat:room1\",\"data\":{\"from\":\"admin\"}}", auth);
    assertThat(published.statusCode()).isEqualTo(200);
    watcher.await(WsClient.isPublication("chat:room1"), WsClient.TIMEOUT, "admin publication");

    assertThat(request(port, "POST", "/admin/tail", "{\"channel\":\"chat:room1\"}", auth)
        .statusCode()).isEqualTo(200);
    admin.awaitMethod("subscribe");
    new ApiClient(http, port, TestConfig.API_KEY).publish("chat:room1", "{\"n\":1}");
    admin.await(WsClient.isPublication("chat:room1"), WsClient.TIMEOUT, "live tail");
    assertThat(request(port, "POST", "/admin/tail", "{\"channel\":\"bad channel\"}", auth)
        .statusCode()).isEqualTo(400);

    assertThat(request(port, "POST", "/admin/api/unsubscribe",
        "{\"user\":\"watcher\",\"channel\":\"chat:room1\"}", auth).statusCode()).isEqualTo(200);
    watcher.awaitMethod("unsubscribe");
    assertThat(request(port, "POST", "/admin/api/disconnect", "{\"user\":\"watcher\"}", auth)
        .statusCode()).isEqualTo(200);
    assertThat(watcher.awaitClose().code()).isEqualTo(3503);
    assertThat(request(port, "POST", "/admin/api/nope", "{}", auth).statusCode()).isEqualTo(404);

    assertThat(request(port, "POST", "/admin/logout", "{}", auth).statusCode()).isEqualTo(200);
    assertThat(request(port, "GET", "/admin/session", null, auth).statusCode()).isEqualTo(401);
    assertThat(request(port, "POST", "/admin/api/publish",
        "{\"channel\":\"chat:room1\",\"data\":{}}", auth).statusCode()).isEqualTo(401);
  }

  @Test
  void logoutClosesTheAdminsWebSocketAndRevokesItsToken() throws Exception {
    HeraldServer server = server(5, InternalConfig.OFF);
    int port = server.port();
    Map<String, String> auth = Map.of("Cookie", cookie(login(port, PASSWORD)),
        "X-Herald-Admin", "1");
    String token = WsClient.JSON.readTree(request(port, "GET", "/admin/session", null, auth)
        .body()).path("token").asText();
    WsClient admin = ws(server);
    admin.ok("connect", WsClient.json("token", token));

    assertThat(request(port, "POST", "/admin/logout", "{}", auth).statusCode()).isEqualTo(200);

    assertThat(admin.awaitClose().code()).isEqualTo(3503);
    WsClient replay = ws(server);
    assertThat(replay.errorCode("connect", WsClient.json("token", token))).isEqualTo(101);
    assertThat(replay.awaitClose().code()).isEqualTo(3500);
  }

  @Test
  void theCookieIsSecureWhenConfiguredBehindATlsProxy() throws Exception {
    HeraldServer plain = server(5, InternalConfig.OFF);
    assertThat(login(plain.port(), PASSWORD).headers().firstValue("set-cookie").orElseThrow())
        .doesNotContainIgnoringCase("Secure");
    HeraldServer proxied = server(new AdminConfig(PASSWORD, Duration.ofHours(1), 5,
        Duration.ofMinutes(1), 20, true), InternalConfig.OFF);
    HttpResponse<String> ok = login(proxied.port(), PASSWORD);
    assertThat(ok.headers().firstValue("set-cookie").orElseThrow()).containsIgnoringCase("Secure");
    Map<String, String> auth = Map.of("Cookie", cookie(ok), "X-Herald-Admin", "1");
    assertThat(request(proxied.port(), "POST", "/admin/logout", "{}", auth)
        .headers().firstValue("set-cookie").orElseThrow()).containsIgnoringCase("Secure");
  }

  @Test
  void failedLoginsAreThrottledPerAddressEvenWithTheRightPassword() throws Exception {
    HeraldServer server = server(2, InternalConfig.OFF);
    assertThat(login(server.port(), "wrong-password-0001").statusCode()).isEqualTo(401);
    assertThat(login(server.port(), "wrong-password-0002").statusCode()).isEqualTo(401);
    HttpResponse<String> throttled = login(server.port(), PASSWORD);
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(throttled.headers().firstValue("retry-after").orElseThrow()))
        .isBetween(1L, 60L);
  }

  @Test
  void anInternalPortTakesOperationsOffTheClientPort() throws Exception {
    HeraldServer server = server(5, 0);
    int client = server.port();
    int internal = server.internalPort();
    assertThat(internal).isPositive().isNotEqualTo(client);
    for (String path : new String[] {"/metrics", "/health", "/ready", "/admin"}) {
      assertThat(request(client, "GET", path, null, Map.of()).statusCode()).as(path).isEqualTo(404);
      assertThat(request(internal, "GET", path, null, Map.of()).statusCode()).as(path)
          .isEqualTo(200);
    }
    server.readiness().drain();
    HttpResponse<String> ready = request(internal, "GET", "/ready", null, Map.of());
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("draining");
    // The admin page is served by the internal port and opens its WebSocket there.
    WsClient sameOrigin = track(WsClient.openAsync(http,
        URI.create("ws://127.0.0.1:" + internal + WS_PATH),
        Map.of("Origin", "http://127.0.0.1:" + internal)).get());
    assertThat(sameOrigin.isOpen()).isTrue();
  }

  @Test
  void withoutAPasswordTheAdminUiIsOffAndOperationsStayOnTheClientPort() throws Exception {
    HeraldServer server = start(TestConfig.create());
    assertThat(request(server.port(), "GET", "/admin", null, Map.of()).statusCode())
        .isEqualTo(404);
    assertThat(request(server.port(), "GET", "/ready", null, Map.of()).statusCode())
        .isEqualTo(200);
    assertThat(request(server.port(), "GET", "/health", null, Map.of()).statusCode())
        .isEqualTo(200);
  }
}
