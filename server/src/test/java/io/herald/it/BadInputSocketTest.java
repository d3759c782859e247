package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.server.HeraldServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile or broken input over real sockets: oversized and binary messages, deep nesting, invalid
 * JSON and UTF-8, a flood of commands. Each must be contained to its own connection, and the
 * server must leak nothing.
 */
class BadInputSocketTest extends SocketTestBase {

  private static final int MAX_MESSAGE = 1024;
  private static final int MAX_DEPTH = 16;

  private HeraldServer server;
  private ApiClient api;

  @BeforeEach
  void startServer() {
    // The command rate limit is off here: these floods test parsing and isolation, and
    // LimitsSocketTest covers the rate limit.
    server = start(TestConfig.create().maxMessageSize(MAX_MESSAGE).maxJsonDepth(MAX_DEPTH)
        .client("rateLimit", 0));
    api = api(server);
  }

  @Test
  void textMessageOverMaxMessageSizeClosesWith1009() {
    WsClient client = connected(server, "u1");

    client.sendText(WsClient.request(1, "publish", json("channel", "news", "data",
        "x".repeat(MAX_MESSAGE))));

    assertThat(client.awaitClose().code()).isEqualTo(1009);
    assertNoLeak(0, 0);
  }

  @Test
  void fragmentedMessageOverMaxMessageSizeClosesWith1009() {
    WsClient client = connected(server, "u1");
    String message = WsClient.request(1, "publish", json("channel", "news", "data",
        "x".repeat(MAX_MESSAGE)));

    // Each fragment is under the limit; together they are over it.
    client.sendPart(message.substring(0, 600), false);
    client.sendPart(message.substring(600), true);

    assertThat(client.awaitClose().code()).isEqualTo(1009);
    assertNoLeak(0, 0);
  }

  @Test
  void fragmentedMessageUnderTheLimitIsReassembled() {
    WsClient client = subscriber(server, "u1", "news");
    String message = WsClient.request(7, "publish", json("channel", "news", "data",
        "y".repeat(MAX_MESSAGE - 200)));

    client.sendPart(message.substring(0, 300), false);
    client.sendPart(message.substring(300, 600), false);
    client.sendPart(message.substring(600), true);

    assertThat(client.awaitResponse(7).has("result")).isTrue();
    assertThat(client.awaitMethod("publication").get("params").get("data").asText())
        .hasSize(MAX_MESSAGE - 200);
  }

  @Test
  void binaryMessageClosesWith1003() {
    WsClient client = connected(server, "u1");

    client.sendBinary("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"pong\"}".getBytes());

    WsClient.Closed closed = client.awaitClose();
    assertThat(closed.code()).isEqualTo(1003);
    assertThat(client.snapshot()).isEmpty();
    assertNoLeak(0, 0);
  }

  @Test
  void nestingDeeperThanMaxJsonDepthIsMinus32700AndTheConnectionStays() {
    WsClient client = subscriber(server, "u1", "news");
    String deep = "[".repeat(MAX_DEPTH * 3) + "]".repeat(MAX_DEPTH * 3);
    String shallow = "[".repeat(MAX_DEPTH - 4) + "]".repeat(MAX_DEPTH - 4);

    client.sendText(WsClient.request(1, "publish", "{\"channel\":\"news\",\"data\":" + deep + "}"));
    JsonNode answer = client.next();
    assertThat(answer.get("error").get("code").asInt()).isEqualTo(-32700);
    assertThat(answer.get("id").isNull()).isTrue();

    client.sendText(
        WsClient.request(2, "publish", "{\"channel\":\"news\",\"data\":" + shallow + "}"));
    assertThat(client.awaitResponse(2).has("result")).isTrue();
    assertThat(client.awaitMethod("publication").get("params").get("data").isArray()).isTrue();
    assertThat(client.isOpen()).isTrue();
  }

  @Test
  void invalidJsonIsMinus32700AndTheConnectionStays() {
    WsClient client = connected(server, "u1");

    for (String bad : new String[] {"{", "nope", "{\"a\":}", "\u0000", "{\"jsonrpc\":\"2.0\",}"}) {
      client.sendText(bad);
      JsonNode answer = client.next();
      assertThat(answer.get("error").get("code").asInt()).as(bad).isEqualTo(-32700);
    }
    assertThat(client.isOpen()).isTrue();
    client.ok("subscribe", json("channel", "news"));
  }

  @Test
  void invalidUtf8InATextFrameClosesTheConnection() throws IOException {
    try (RawWebSocket raw = RawWebSocket.open(server.port(), WS_PATH, Map.of(), 0)) {
      raw.sendText(WsClient.request(1, "connect", json("token", token("u1"))));
      assertThat(raw.readText()).contains("\"result\"");
      awaitClients(api, 1);

      raw.sendFrame(true, 1, new byte[] {'"', (byte) 0xc3, (byte) 0x28, '"'});

      RawWebSocket.Frame close = raw.readFrame(WsClient.TIMEOUT);
      assertThat(close.opcode()).isEqualTo(8);
      assertThat(close.closeCode()).isEqualTo(1007);
      assertThat(raw.drainUntilClosed(WsClient.TIMEOUT)).isTrue();
    }
    assertNoLeak(0, 0);
  }

  @Test
  void floodOfCommandsIsAnsweredWhileOthersKeepReceiving() throws Exception {
    WsClient observer = subscriber(server, "observer", "news");
    int commands = 2000;
    int publications = 100;
    try (RawWebSocket flooder = RawWebSocket.open(server.port(), WS_PATH, Map.of(), 0)) {
      flooder.sendText(WsClient.request(0, "connect", json("token", token("flooder"))));
      assertThat(flooder.readText()).contains("\"result\"");

      byte[] burst = burst(commands);
      CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
        for (int i = 0; i < publications; i++) {
          api.publish("news", json("seq", i));
        }
      });
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        try {
          flooder.writeRaw(burst);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });

      int answered = 0;
      List<Integer> errors = new ArrayList<>();
      while (answered < commands) {
        RawWebSocket.Frame frame = flooder.readFrame(Duration.ofSeconds(10));
        if (frame.opcode() == 8) {
          throw new AssertionError("flooder closed with " + frame.closeCode() + " after "
              + answered + " answers");
        }
        JsonNode message = WsClient.JSON.readTree(frame.text());
        if (message.has("id")) {
          answered++;
          if (message.has("error")) {
            errors.add(message.get("error").get("code").asInt());
          }
        }
      }
      writer.get(10, TimeUnit.SECONDS);
      publisher.get(10, TimeUnit.SECONDS);

      assertThat(errors).containsOnly(-32601, -32700, 106);
      for (int i = 0; i < publications; i++) {
        assertThat(observer.awaitMethod("publication").get("params").get("data").get("seq").asInt())
            .isEqualTo(i);
      }
      assertThat(observer.isOpen()).isTrue();
      awaitClients(api, 2);
    }
    assertNoLeak(1, 1);
  }

  @Test
  void afterEveryKindOfBadInputTheServerIsHealthyAndLeaksNothing() throws IOException {
    WsClient survivor = subscriber(server, "survivor", "news");

    WsClient big = subscriber(server, "u1", "news", "chat:a");
    big.sendText("x".repeat(MAX_MESSAGE + 1));
    WsClient binary = subscriber(server, "u2", "news", "chat:b");
    binary.sendBinary(new byte[] {1, 2, 3});
    WsClient deep = subscriber(server, "u3", "chat:c");
    deep.sendText("[".repeat(500) + "]".repeat(500));
    WsClient garbage = subscriber(server, "u4", "chat:d");
    garbage.sendText("}{");
    try (RawWebSocket raw = RawWebSocket.open(server.port(), WS_PATH, Map.of(), 0)) {
      raw.sendText(WsClient.request(1, "connect", json("token", token("u5"))));
      raw.readText();
      raw.sendFrame(true, 1, new byte[] {(byte) 0xff});
      raw.drainUntilClosed(WsClient.TIMEOUT);
    }
    WsClient neverConnected = ws(server);
    neverConnected.sendBinary(new byte[] {0});

    assertThat(big.awaitClose().code()).isEqualTo(1009);
    assertThat(binary.awaitClose().code()).isEqualTo(1003);
    assertThat(neverConnected.awaitClose().code()).isEqualTo(1003);
    assertThat(deep.next().get("error").get("code").asInt()).isEqualTo(-32700);
    assertThat(garbage.next().get("error").get("code").asInt()).isEqualTo(-32700);
    deep.close();
    garbage.close();

    assertNoLeak(1, 1);
    api.publish("news", "\"still here\"");
    assertThat(survivor.awaitMethod("publication").get("params").get("data").asText())
        .isEqualTo("still here");
    subscriber(server, "late", "news");
    awaitClients(api, 2);
  }

  @Test
  void silentOrUnfinishedHttpConnectionsAreClosedAfterConnectTimeout() throws IOException {
    HeraldServer quick = start(TestConfig.create().connectTimeout(Duration.ofSeconds(1)));
    try (Socket silent = new Socket("127.0.0.1", quick.port());
        Socket unfinished = new Socket("127.0.0.1", quick.port())) {
      unfinished.getOutputStream().write(
          "GET /connection/websocket HTTP/1.1\r\nHost: x\r\n".getBytes());
      unfinished.getOutputStream().flush();

      for (Socket socket : List.of(silent, unfinished)) {
        socket.setSoTimeout(4000);
        long started = System.nanoTime();
        assertThat(socket.getInputStream().read()).as("end of stream").isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
      }
    }
  }

  /** A burst of mixed commands in one write: valid, failing, unknown and unparseable. */
  private byte[] burst(int commands) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 1; i <= commands; i++) {
      String text = switch (i % 5) {
        case 0 -> WsClient.request(i, "publish", json("channel", "noise", "data", i));
        case 1 -> WsClient.request(i, "subscribe", json("channel", "flood" + i));
        case 2 -> WsClient.request(i, "pong", null);
        case 3 -> WsClient.request(i, "nope", "{}");
        default -> "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",";
      };
      out.write(RawWebSocket.maskedFrame(true, 1, text.getBytes()));
    }
    return out.toByteArray();
  }

  /** Waits until the node has {@code clients} connected clients and {@code channels} channels. */
  private void assertNoLeak(int clients, int channels) {
    awaitInfo(api, n -> n.path("numClients").asInt() == clients
        && n.path("numChannels").asInt() == channels,
        clients + " clients on " + channels + " channels");
    assertThat(api.call("channels", "{}").get("channels").size()).isEqualTo(channels);
    // New connections are still accepted.
    WsClient probe = connected(server, "probe-" + ThreadLocalRandom.current().nextInt());
    probe.close();
    awaitClients(api, clients);
  }
}
