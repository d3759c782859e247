package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.server.HeraldServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every connection and request limit exceeded by a real client, over real sockets. */
class LimitsSocketTest extends SocketTestBase {

  @Test
  void aFloodingConnectionGets111ThenIsDisconnectedWith3013() {
    HeraldServer server = start(TestConfig.create()
        .client("rateLimit", 5).client("rateBurst", 5)
        .client("rateLimitGrace", Duration.ofSeconds(2)));
    WsClient polite = subscriber(server, "bob", "chat:x");
    WsClient flood = connected(server, "ann");
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 10; i++) {
      batch.append(i == 0 ? "" : ",").append(WsClient.request(100 + i, "publish",
          "{\"channel\":\"chat:x\",\"data\":" + i + "}"));
    }
    flood.sendText(batch.append("]").toString());
    JsonNode answers = flood.await(JsonNode::isArray, WsClient.TIMEOUT, "the batch's answers");
    int ok = 0;
    int refused = 0;
    for (JsonNode answer : answers) {
      if (answer.has("result")) {
        ok++;
      } else if (answer.at("/error/code").asInt() == 111) {
        refused++;
        assertThat(answer.at("/error/message").asText()).isEqualTo("too many requests");
      }
    }
    assertThat(ok).as("the burst is served").isBetween(3, 5);
    assertThat(refused).isEqualTo(10 - ok);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (flood.isOpen() && System.nanoTime() < deadline) {
      flood.notify("publish", "{\"channel\":\"chat:x\",\"data\":0}");
      sleep(20);
    }
    JsonNode disconnect = flood.awaitMethod("disconnect");
    assertThat(disconnect.at("/params/code").asInt()).isEqualTo(3013);
    assertThat(flood.awaitClose().code()).isEqualTo(3013);
    assertThat(polite.ok("publish", "{\"channel\":\"chat:x\",\"data\":\"still here\"}")).isNotNull();
  }

  @Test
  void pongIsNeverRateLimited() {
    HeraldServer server = start(TestConfig.create().client("rateLimit", 1).client("rateBurst", 1)
        .client("rateLimitGrace", Duration.ofMillis(200)));
    WsClient client = connected(server, "ann");
    for (int i = 0; i < 50; i++) {
      client.notify("pong", null);
    }
    client.assertNone(WsClient.isMethod("disconnect"), Duration.ofMillis(400), "a disconnect");
    assertThat(client.isOpen()).isTrue();
  }

  @Test
  void theConnectionOverTheUserLimitGets106AndClose3504() {
    HeraldServer server = start(TestConfig.create().client("userConnectionLimit", 2)
        .allowAnonymous(true));
    connected(server, "ann");
    connected(server, "ann");
    WsClient third = ws(server);
    JsonNode reply = third.call("connect", WsClient.json("token", token("ann")));
    assertThat(reply.at("/error/code").asInt()).isEqualTo(106);
    assertThat(third.awaitClose().code()).isEqualTo(3504);
    connected(server, "bob");
    for (int i = 0; i < 3; i++) {
      assertThat(ws(server).ok("connect", "{}").get("user").asText()).isEmpty();
    }
  }

  @Test
  void handshakesOverTheNodeLimitAreAnswered503() throws Exception {
    HeraldServer server = start(TestConfig.create().client("connectionLimit", 2));
    WsClient first = ws(server);
    ws(server);
    try (RawWebSocket third = RawWebSocket.open(server.port(), "/connection/websocket", Map.of(),
        0)) {
      assertThat(third.status()).isEqualTo(503);
      assertThat(third.body()).isEqualTo("connection limit reached\n");
    }
    first.closeGracefully(1000, "bye");
    first.awaitClose();
    awaitOpenable(server);
  }

  private void awaitOpenable(HeraldServer server) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
      try (RawWebSocket ws = RawWebSocket.open(server.port(), "/connection/websocket", Map.of(),
          0)) {
        return ws.status() == 101;
      }
    });
  }

  @Test
  void anAddressOpeningConnectionsTooFastGets503WhileOthersConnect() throws Exception {
    HeraldServer server = start(TestConfig.create()
        .client("connectionRatePerAddress", 1).client("connectionBurstPerAddress", 3));
    int refused = 0;
    for (int i = 0; i < 6; i++) {
      try (RawWebSocket ws = RawWebSocket.open("127.0.0.1", server.port(),
          "/connection/websocket", Map.of(), 0)) {
        if (ws.status() == 503) {
          refused++;
          assertThat(ws.body()).contains("too many new connections");
        }
      }
    }
    assertThat(refused).isGreaterThanOrEqualTo(2);
    try (RawWebSocket other = RawWebSocket.open("127.0.0.2", server.port(),
        "/connection/websocket", Map.of(), 0)) {
      assertThat(other.status()).isEqualTo(101);
    }
  }

  @Test
  void jsonStringAndTokenLimits() {
    HeraldServer server = start(TestConfig.create()
        .client("maxJsonStringLength", 1000).client("maxJsonTokens", 64));
    WsClient client = connected(server, "ann");
    client.sendText(WsClient.request(7, "publish",
        "{\"channel\":\"chat:x\",\"data\":\"" + "x".repeat(2000) + "\"}"));
    JsonNode tooLong = client.await(m -> m.has("error"), WsClient.TIMEOUT, "an error");
    assertThat(tooLong.at("/error/code").asInt()).isEqualTo(-32700);
    assertThat(tooLong.at("/error/message").asText()).contains("exceeds the maximum allowed");
    StringBuilder many = new StringBuilder("[0");
    for (int i = 1; i < 100; i++) {
      many.append(',').append(i);
    }
    client.sendText(WsClient.request(8, "publish",
        "{\"channel\":\"chat:x\",\"data\":" + many.append(']') + "}"));
    JsonNode tooMany = client.await(m -> m.has("error"), WsClient.TIMEOUT, "an error");
    assertThat(tooMany.at("/error/code").asInt()).isEqualTo(-32700);
    client.ok("subscribe", WsClient.json("channel", "chat:x"));
  }

  @Test
  void anOverlongRequestLineIs414AndOversizedHeadersAre431() throws Exception {
    HeraldServer server = start(TestConfig.create()
        .client("maxRequestLineLength", 512).client("maxRequestHeaderSize", 2048));
    assertThat(rawStatus(server, "GET /health?" + "a".repeat(1000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
        .isEqualTo(414);
    assertThat(rawStatus(server, "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: "
        + "b".repeat(4000) + "\r\n\r\n")).isEqualTo(431);
    assertThat(rawStatus(server, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo(200);
  }

  private static int rawStatus(HeraldServer server, String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
        line.append((char) b);
      }
      return Integer.parseInt(line.toString().split(" ")[1]);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
