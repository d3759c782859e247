package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.ProxyConfig;
import io.herald.server.HeraldServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code connect} without a JWT, decided by {@code proxy.connect} from the handshake's cookie:
 * accepted with the backend's identity, refused with its error, closed with its code; a backend
 * that is down leaves the connection open for another try.
 */
class ProxyConnectSocketTest extends ProxyTestBase {

  private WsClient open(HeraldServer server, String cookie) {
    return track(WsClient.join(
        WsClient.openAsync(http, wsUri(server),
            Map.of("Cookie", cookie, "X-Request-Id", "req-7", "X-Other", "not forwarded")),
        "handshake"));
  }

  private void cookieBackend() {
    backend.connect = body -> {
      String cookie = body.path("headers").path("Cookie").asText();
      if (cookie.contains("session=good")) {
        long exp = Instant.now().getEpochSecond() + 3600;
        return TestBackend.Answer.json("{\"result\":{\"user\":\"u-42\",\"info\":{\"name\":\"Ann\"},"
            + "\"channels\":[\"chat:u42\"],\"expireAt\":" + exp + "}}");
      }
      if (cookie.contains("session=banned")) {
        return TestBackend.Answer.json(
            "{\"disconnect\":{\"code\":4501,\"reason\":\"banned\"}}");
      }
      return TestBackend.Answer.json(
          "{\"error\":{\"code\":4010,\"message\":\"session expired, sign in again\"}}");
    };
  }

  @Test
  void sessionCookieIsAcceptedAsTheBackendsUser() {
    cookieBackend();
    HeraldServer server = start(TestConfig.create().proxy(proxy(Duration.ofSeconds(5))));
    WsClient client = open(server, "theme=dark; session=good");
    JsonNode result = client.ok("connect", "{\"name\":\"web\",\"data\":{\"tab\":3}}");
    assertThat(result.get("user").asText()).isEqualTo("u-42");
    assertThat(result.get("expires").asBoolean()).isTrue();
    assertThat(result.get("subs").has("chat:u42")).isTrue();

    TestBackend.Call call = backend.nextCall();
    assertThat(call.path()).isEqualTo("/connect");
    assertThat(call.headers().get("cookie")).isEqualTo("theme=dark; session=good");
    assertThat(call.headers().get("x-request-id")).isEqualTo("req-7");
    assertThat(call.headers()).doesNotContainKey("x-other");
    assertThat(call.body().get("headers").get("X-Request-Id").asText()).isEqualTo("req-7");
    assertThat(call.body().has("X-Other")).isFalse();
    assertThat(call.body().get("transport").asText()).isEqualTo("websocket");
    assertThat(call.body().get("client").asText()).isEqualTo(result.get("client").asText());
    assertThat(call.body().get("data").get("tab").asInt()).isEqualTo(3);
    assertThat(call.body().get("name").asText()).isEqualTo("web");

    // The connection's info reaches the rpc proxy.
    client.ok("rpc", "{\"method\":\"echo\"}");
    assertThat(backend.nextCall().body().get("info").get("name").asText()).isEqualTo("Ann");
  }

  @Test
  void backendErrorRefusesAndCloses() {
    cookieBackend();
    HeraldServer server = start(TestConfig.create().proxy(proxy(Duration.ofSeconds(5))));
    WsClient client = open(server, "session=old");
    JsonNode response = client.call("connect", "{}");
    assertThat(errorCode(response)).isEqualTo(4010);
    assertThat(response.get("error").get("message").asText())
        .isEqualTo("session expired, sign in again");
    assertThat(client.awaitClose().code()).isEqualTo(3500);
  }

  @Test
  void backendDisconnectClosesWithItsCode() {
    cookieBackend();
    HeraldServer server = start(TestConfig.create().proxy(proxy(Duration.ofSeconds(5))));
    WsClient client = open(server, "session=banned");
    client.call("connect", "{}");
    WsClient.Closed closed = client.awaitClose();
    assertThat(closed.code()).isEqualTo(4501);
    assertThat(closed.reason()).isEqualTo("banned");
  }

  @Test
  void tokensStillWorkAndSkipTheProxyUnlessEveryClientIsProxied() {
    HeraldServer server = start(TestConfig.create().proxy(proxy(Duration.ofSeconds(5))));
    WsClient client = connected(server, "jwt-user");
    client.ok("rpc", "{\"method\":\"echo\"}");
    assertThat(backend.nextCall().path()).isEqualTo("/rpc");

    ProxyConfig p = proxy(Duration.ofSeconds(5));
    p = new ProxyConfig(p.connect(), p.rpc(), p.publish(), p.subscribe(), true,
        p.maxResponseSize(), p.maxStreams());
    HeraldServer every = start(TestConfig.create().proxy(p));
    WsClient proxied = ws(every);
    JsonNode result = proxied.ok("connect", json("token", "opaque-session-token"));
    assertThat(result.get("user").asText()).isEqualTo("backend-user");
    assertThat(backend.nextCall().body().get("token").asText()).isEqualTo("opaque-session-token");
  }

  @Test
  void backendDownOrBrokenKeepsTheConnectionOpenForAnotherTry() {
    backend.connect = body -> new TestBackend.Answer(502, "text/plain", "bad gateway");
    HeraldServer server = start(TestConfig.create().proxy(proxy(Duration.ofSeconds(5))));
    WsClient client = open(server, "session=good");
    assertThat(errorCode(client.call("connect", "{}"))).isEqualTo(115);
    backend.connect = body -> TestBackend.Answer.json("[1,2]");
    assertThat(errorCode(client.call("connect", "{}"))).isEqualTo(116);
    backend.connect = body -> TestBackend.Answer.json("{\"result\":{\"user\":7}}");
    assertThat(errorCode(client.call("connect", "{}"))).isEqualTo(116);
    assertThat(client.isOpen()).isTrue();
    cookieBackend();
    assertThat(client.ok("connect", "{}").get("user").asText()).isEqualTo("u-42");
  }

  @Test
  void slowBackendTimesOut() {
    backend.connect = body -> {
      WsClient.sleep(Duration.ofMillis(1500));
      return TestBackend.Answer.json("{\"result\":{\"user\":\"late\"}}");
    };
    HeraldServer server = start(TestConfig.create().proxy(proxy(Duration.ofMillis(300))));
    WsClient client = open(server, "session=good");
    long start = System.nanoTime();
    assertThat(errorCode(client.call("connect", "{}"))).isEqualTo(114);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1200);
    assertThat(client.isOpen()).isTrue();
  }
}
