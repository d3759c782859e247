package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.server.HeraldServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code allowedOrigins} on the fallback endpoints: CORS preflight and credentials for listed
 * origins, 403 for the others, nothing added for clients that send no {@code Origin}.
 */
class FallbackCorsSocketTest extends SocketTestBase {

  private static final String APP = "https://app.example.com";
  private static final String EVIL = "https://evil.example.net";

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private HttpResponse<String> preflight(HeraldServer server, String path, String origin) {
    return send(HttpRequest.newBuilder(base(server).resolve(path))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type")
        .build());
  }

  private static URI base(HeraldServer server) {
    return FallbackSessionSocketTest.base(server);
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  @Test
  void aListedOriginPassesPreflightWithCredentials() {
    HeraldServer server = start(TestConfig.create().allowedOrigins(APP));
    for (String path : new String[] {"/connection/emulation", LongPollClient.PATH}) {
      HttpResponse<String> ok = preflight(server, path, APP);
      assertThat(ok.statusCode()).isEqualTo(204);
      assertThat(header(ok, "Access-Control-Allow-Origin")).isEqualTo(APP);
      assertThat(header(ok, "Access-Control-Allow-Credentials")).isEqualTo("true");
      assertThat(header(ok, "Access-Control-Allow-Methods")).contains("POST");
      assertThat(header(ok, "Access-Control-Allow-Headers")).containsIgnoringCase("content-type");
      assertThat(header(ok, "Vary")).containsIgnoringCase("origin");
    }
  }

  @Test
  void anOriginNotListedIsRefusedWith403Everywhere() {
    HeraldServer server = start(TestConfig.create().allowedOrigins(APP));
    assertThat(preflight(server, "/connection/emulation", EVIL).statusCode()).isEqualTo(403);
    SseClient sse = track(SseClient.open(http, base(server),
        WsClient.json("token", token("ann")), Map.of("Origin", EVIL)));
    assertThat(sse.status()).isEqualTo(403);
    HttpResponse<String> poll = send(
        HttpRequest.newBuilder(base(server).resolve(LongPollClient.PATH))
        .header("Origin", EVIL)
        .POST(HttpRequest.BodyPublishers.ofString("{}"))
        .build());
    assertThat(poll.statusCode()).isEqualTo(403);
    assertThat(server.fallbackSessions()).isZero();
  }

  @Test
  void responsesToAListedOriginCarryCorsHeadersAndPlainClientsGetNone() {
    HeraldServer server = start(TestConfig.create().allowedOrigins(APP));
    SseClient browser = track(SseClient.open(http, base(server),
        WsClient.json("token", token("ann")), Map.of("Origin", APP)));
    assertThat(browser.status()).isEqualTo(200);
    assertThat(browser.response().headers().firstValue("Access-Control-Allow-Origin"))
        .contains(APP);
    assertThat(browser.response().headers().firstValue("Access-Control-Allow-Credentials"))
        .contains("true");
    browser.connectReply();
    HttpResponse<String> posted = browser.post("/connection/emulation", "{\"session\":\""
        + browser.session + "\",\"data\":" + WsClient.request(-1, "pong", null) + "}",
        Map.of("Origin", APP));
    assertThat(posted.statusCode()).isEqualTo(204);
    assertThat(header(posted, "Access-Control-Allow-Origin")).isEqualTo(APP);
    HttpResponse<String> unknown = browser.post("/connection/emulation",
        "{\"session\":\"x.y\",\"data\":{}}", Map.of("Origin", APP));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(header(unknown, "Access-Control-Allow-Origin")).isEqualTo(APP);

    SseClient plain = track(SseClient.open(http, base(server),
        WsClient.json("token", token("bob")), Map.of()));
    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.response().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }
}
