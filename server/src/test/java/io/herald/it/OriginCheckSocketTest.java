package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.server.HeraldServer;
import java.io.IOException;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** {@code allowedOrigins} on the WebSocket handshake, with the JDK client and by hand. */
class OriginCheckSocketTest extends SocketTestBase {

  private static final String APP = "https://app.example.com";
  private static final String EVIL = "https://evil.example";

  @Test
  void allowedOriginConnects() {
    HeraldServer server = start(TestConfig.create().allowedOrigins(APP));

    WsClient client = track(WsClient.openAsync(http, wsUri(server), Map.of("Origin", APP)).join());

    client.ok("connect", json("token", token("u1")));
  }

  @Test
  void otherOriginIsRefusedWith403() {
    HeraldServer server = start(TestConfig.create().allowedOrigins(APP));

    assertThatThrownBy(() -> WsClient.openAsync(http, wsUri(server), Map.of("Origin", EVIL)).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
    awaitClients(api(server), 0);
  }

  @Test
  void otherOriginIsRefusedWith403ByHand() throws IOException {
    HeraldServer server = start(TestConfig.create().allowedOrigins(APP));

    for (String origin : new String[] {EVIL, "null", "https://app.example.com:8443",
        "http://app.example.com", "https://app.example.com.evil.example"}) {
      try (RawWebSocket raw =
          RawWebSocket.open(server.port(), WS_PATH, Map.of("Origin", origin), 0)) {
        assertThat(raw.status()).as(origin).isEqualTo(403);
        assertThat(raw.body()).contains("origin not allowed");
      }
    }
    try (RawWebSocket raw = RawWebSocket.open(server.port(), WS_PATH + "?v=1",
        Map.of("Origin", EVIL), 0)) {
      assertThat(raw.status()).as("with a query string").isEqualTo(403);
    }
  }

  @Test
  void requestWithoutOriginConnects() throws IOException {
    HeraldServer server = start(TestConfig.create().allowedOrigins(APP));

    ws(server).ok("connect", json("token", token("u1")));
    try (RawWebSocket raw = RawWebSocket.open(server.port(), WS_PATH, Map.of(), 0)) {
      assertThat(raw.status()).isEqualTo(101);
      raw.sendText(WsClient.request(1, "connect", json("token", token("u2"))));
      assertThat(WsClient.JSON.readTree(raw.readText()).get("result").get("user").asText())
          .isEqualTo("u2");
    }
  }

  @Test
  void wildcardAllowsEveryOrigin() {
    HeraldServer server = start(TestConfig.create().allowedOrigins("*"));

    track(WsClient.openAsync(http, wsUri(server), Map.of("Origin", EVIL)).join())
        .ok("connect", json("token", token("u1")));
  }

  @Test
  void emptyListRefusesEveryBrowserOrigin() throws IOException {
    HeraldServer server = start(TestConfig.create());

    try (RawWebSocket raw = RawWebSocket.open(server.port(), WS_PATH, Map.of("Origin", APP), 0)) {
      assertThat(raw.status()).isEqualTo(403);
    }
  }

  @Test
  void originIsCheckedOnEveryPathThatUpgrades() throws IOException {
    HeraldServer server = start(TestConfig.create().allowedOrigins(APP));

    // Netty's handshaker (checkStartsWith) also upgrades sub-paths of the WebSocket path.
    for (String path : new String[] {WS_PATH + "/", WS_PATH + "/x", WS_PATH + "/x?y=1"}) {
      try (RawWebSocket raw = RawWebSocket.open(server.port(), path, Map.of("Origin", EVIL), 0)) {
        assertThat(raw.status()).as("handshake on %s from %s", path, EVIL).isEqualTo(403);
      }
    }
  }
}
