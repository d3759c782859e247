package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.server.HeraldServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that asks for {@code batch} at connect gets the messages of one loop pass as JSON
 * arrays, in order and within {@code client.maxCoalescedMessages} and {@code
 * client.maxCoalescedSize}; a client that does not never gets an array; a batching client that
 * stops reading is still disconnected at {@code client.queueMaxSize}.
 */
class CoalescedFramesSocketTest extends SocketTestBase {

  private static final String CHANNEL = "chat:burst";
  private static final int BURST = 200;

  /** A raw client, connected (asking for batch when {@code batch}) and subscribed. */
  private RawWebSocket raw(HeraldServer server, String user, Boolean batch) throws IOException {
    RawWebSocket ws = track(RawWebSocket.open(server.port(), WS_PATH, Map.of(), 0));
    String params = batch == null ? json("token", token(user))
        : json("token", token(user), "batch", batch);
    ws.sendText(WsClient.request(1, "connect", params));
    JsonNode connect = WsClient.JSON.readTree(ws.readText());
    assertThat(connect.path("result").path("user").asText()).isEqualTo(user);
    if (batch == null) {
      assertThat(connect.path("result").has("batch")).as("batch only when asked").isFalse();
    } else {
      assertThat(connect.path("result").path("batch").asBoolean()).isEqualTo(batch);
    }
    ws.sendText(WsClient.request(2, "subscribe", json("channel", CHANNEL)));
    assertThat(ws.readText()).contains("\"result\"");
    return ws;
  }

  /** Publishes {@code BURST} publications in one API request, so they fan out back to back. */
  private static void burst(ApiClient api, String pad) {
    StringBuilder commands = new StringBuilder("{\"commands\":[");
    for (int i = 0; i < BURST; i++) {
      commands.append(i == 0 ? "" : ",").append("{\"method\":\"publish\",\"params\":")
          .append(json("channel", CHANNEL, "data", Map.of("seq", i, "pad", pad))).append('}');
    }
    api.call("batch", commands.append("]}").toString());
  }

  /** Reads messages until {@code BURST} publications arrived; the text of every message. */
  private static List<String> readBurst(RawWebSocket ws) throws IOException {
    List<String> messages = new ArrayList<>();
    int seq = 0;
    while (seq < BURST) {
      String text = ws.readText();
      messages.add(text);
      JsonNode root = WsClient.JSON.readTree(text);
      for (JsonNode m : root.isArray() ? root : List.of(root)) {
        if (m.path("method").asText().equals("publication")) {
          assertThat(m.path("params").path("data").path("seq").asInt()).as("in order")
              .isEqualTo(seq++);
        }
      }
    }
    return messages;
  }

  private static long arrays(List<String> messages) {
    return messages.stream().filter(m -> m.startsWith("[")).count();
  }

  @Test
  void aBatchingClientGetsArraysInOrderAndOthersNever() throws IOException {
    HeraldServer server = start(TestConfig.create());
    ApiClient api = api(server);
    RawWebSocket batching = raw(server, "batching", true);
    RawWebSocket plain = raw(server, "plain", null);
    RawWebSocket declined = raw(server, "declined", false);
    awaitClients(api, 3);

    burst(api, "x");

    List<String> coalesced = readBurst(batching);
    assertThat(arrays(coalesced)).as("a burst arrives in arrays").isPositive();
    assertThat(coalesced.size()).as("fewer messages than publications").isLessThan(BURST);
    for (RawWebSocket one : List.of(plain, declined)) {
      List<String> single = readBurst(one);
      assertThat(arrays(single)).isZero();
      assertThat(single).hasSize(BURST);
    }
  }

  @Test
  void arraysStayWithinTheirBounds() throws IOException {
    HeraldServer server = start(TestConfig.create().client("maxCoalescedMessages", 8));
    ApiClient api = api(server);
    RawWebSocket byCount = raw(server, "count", true);
    awaitClients(api, 1);
    burst(api, "x");
    List<String> messages = readBurst(byCount);
    assertThat(arrays(messages)).isPositive();
    for (String m : messages) {
      if (m.startsWith("[")) {
        assertThat(WsClient.JSON.readTree(m).size()).isBetween(2, 8);
      }
    }

    int bound = 1024;
    HeraldServer small = start(TestConfig.create().client("maxCoalescedSize", bound));
    ApiClient smallApi = api(small);
    RawWebSocket bySize = raw(small, "size", true);
    awaitClients(smallApi, 1);
    String pad = "p".repeat(300); // three fit in 1024 bytes, four do not
    burst(smallApi, pad);
    messages = readBurst(bySize);
    assertThat(arrays(messages)).isPositive();
    for (String m : messages) {
      if (m.startsWith("[")) {
        assertThat(m.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
            .isLessThanOrEqualTo(bound);
        assertThat(WsClient.JSON.readTree(m).size()).isBetween(2, 3);
      }
    }

    burst(smallApi, "p".repeat(2000));
    messages = readBurst(bySize);
    assertThat(arrays(messages)).as("a message over the bound goes alone").isZero();
  }

  @Test
  void aBatchingClientThatStopsReadingIsDisconnectedAtTheQueueBound() throws IOException {
    int queueMax = 128 * 1024;
    HeraldServer server = start(TestConfig.create().queueMaxSize(queueMax));
    ApiClient api = api(server);
    WsClient fast = subscriber(server, "fast", CHANNEL);
    RawWebSocket slow = track(RawWebSocket.open(server.port(), WS_PATH, Map.of(), 4096));
    slow.sendText(WsClient.request(1, "connect", json("token", token("slow"), "batch", true)));
    assertThat(slow.readText()).contains("\"batch\":true");
    slow.sendText(WsClient.request(2, "subscribe", json("channel", CHANNEL)));
    assertThat(slow.readText()).contains("\"result\"");
    awaitClients(api, 2);

    String pad = "p".repeat(32 * 1024);
    int published = 0;
    int clients = 2;
    while (published < 1000 && clients == 2) {
      api.publish(CHANNEL, json("seq", published, "pad", pad));
      fast.await(WsClient.isPublication(CHANNEL), WsClient.TIMEOUT, "publication " + published);
      published++;
      if (published % 10 == 0) {
        clients = api.info().path("numClients").asInt();
      }
    }
    assertThat(clients).as("clients left after %d publications", published).isEqualTo(1);
    assertThat(fast.isOpen()).isTrue();
    assertThat(slow.drainUntilClosed(Duration.ofSeconds(10))).isTrue();
  }
}
