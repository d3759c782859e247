package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.server.HeraldServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JSON-RPC 2.0 framing over a real WebSocket: standard errors, notifications and batches. */
class JsonRpcErrorsSocketTest extends SocketTestBase {

  private static final Duration QUIET = Duration.ofMillis(300);

  private WsClient client;

  @BeforeEach
  void connect() {
    HeraldServer server = start(TestConfig.create().maxBatchSize(10));
    client = connected(server, "u1");
  }

  @Test
  void unknownMethodIsMinus32601AndUnansweredAsNotification() {
    assertThat(client.errorCode("nope", "{}")).isEqualTo(-32601);
    assertThat(client.errorCode("presenceOfMind", null)).isEqualTo(-32601);

    client.notify("nope", "{}");
    client.assertNone(m -> true, QUIET, "answer to a notification");
    assertThat(client.isOpen()).isTrue();
  }

  @Test
  void wrongParamTypesAreMinus32602() {
    assertThat(client.errorCode("subscribe", "{\"channel\":5}")).isEqualTo(-32602);
    assertThat(client.errorCode("subscribe", "{}")).isEqualTo(-32602);
    assertThat(client.errorCode("subscribe", "{\"channel\":\"a\",\"token\":[]}")).isEqualTo(-32602);
    assertThat(client.errorCode("publish", "{\"channel\":\"a\"}")).isEqualTo(-32602);
    assertThat(client.errorCode("publish", "{\"channel\":true,\"data\":1}")).isEqualTo(-32602);
    assertThat(client.errorCode("unsubscribe", "{\"channel\":{}}")).isEqualTo(-32602);
    assertThat(client.errorCode("refresh", "{\"token\":1}")).isEqualTo(-32602);
    assertThat(client.errorCode("refresh", "{\"token\":\"\"}")).isEqualTo(-32602);
    assertThat(client.errorCode("subscribe", "[\"a\"]")).isEqualTo(-32602);
    // Unknown params fields are ignored.
    client.ok("subscribe", "{\"channel\":\"a\",\"future\":{\"x\":1}}");
    assertThat(client.isOpen()).isTrue();
  }

  @Test
  void connectWithWrongParamTypesIsMinus32602AndTheConnectionStays() {
    HeraldServer server = start(TestConfig.create());
    WsClient fresh = ws(server);

    assertThat(fresh.errorCode("connect", "{\"token\":5}")).isEqualTo(-32602);
    assertThat(fresh.errorCode("connect", "{\"token\":\"x\",\"name\":[]}")).isEqualTo(-32602);
    assertThat(fresh.isOpen()).isTrue();
    fresh.ok("connect", json("token", token("u1")));
  }

  @Test
  void invalidRequestsAreMinus32600() {
    client.sendText("{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"subscribe\",\"params\":{}}");
    assertError(client.next(), -32600, "7");

    client.sendText("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":5}");
    assertError(client.next(), -32600, "8");

    client.sendText("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"subscribe\",\"params\":\"a\"}");
    assertError(client.next(), -32600, "9");

    client.sendText("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"pong\"}");
    assertError(client.next(), -32600, "null");

    client.sendText("42");
    assertError(client.next(), -32600, "null");

    // Answered even without an id: it cannot be told apart from a request.
    client.sendText("{\"method\":\"pong\"}");
    assertError(client.next(), -32600, "null");
    assertThat(client.isOpen()).isTrue();
  }

  @Test
  void parseErrorsAreMinus32700WithNullIdAndTheConnectionStays() {
    for (String bad : new String[] {"{not json", "", "{\"jsonrpc\":\"2.0\"} trailing", "[1,"}) {
      client.sendText(bad);
      assertError(client.next(), -32700, "null");
    }
    assertThat(client.isOpen()).isTrue();
    client.ok("subscribe", json("channel", "a"));
  }

  @Test
  void requestIdsAreEchoedVerbatim() {
    client.sendText("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"pong\"}");
    assertThat(client.next().get("id").asText()).isEqualTo("abc");
    client.sendText("{\"jsonrpc\":\"2.0\",\"id\":1.50,\"method\":\"pong\"}");
    assertThat(client.next().get("id").decimalValue()).isEqualByComparingTo("1.50");
    client.sendText("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"pong\"}");
    JsonNode answer = client.next();
    assertThat(answer.get("id").isNull()).isTrue();
    assertThat(answer.has("result")).isTrue();
  }

  @Test
  void batchIsAnsweredWithOneArrayInOrderSkippingNotifications() {
    client.sendText("["
        + WsClient.request(10, "subscribe", json("channel", "a")) + ","
        + WsClient.request(-1, "pong", null) + ","
        + WsClient.request(11, "nope", "{}") + ","
        + WsClient.request(12, "subscribe", json("channel", "a")) + ","
        + "17,"
        + WsClient.request(13, "publish", json("channel", "a", "data", 1))
        + "]");

    JsonNode answer = client.next();
    assertThat(answer.isArray()).as("%s", answer).isTrue();
    assertThat(answer).hasSize(5);
    assertThat(answer.get(0).get("id").asInt()).isEqualTo(10);
    assertThat(answer.get(0).has("result")).as("%s", answer).isTrue();
    assertError(answer.get(1), -32601, "11");
    assertError(answer.get(2), 105, "12");
    assertError(answer.get(3), -32600, "null");
    assertThat(answer.get(4).get("id").asInt()).isEqualTo(13);
    assertThat(client.awaitMethod("publication").get("params").get("data").asInt()).isEqualTo(1);
  }

  @Test
  void batchOfOneIsStillAnArray() {
    client.sendText("[" + WsClient.request(1, "pong", null) + "]");
    JsonNode answer = client.next();
    assertThat(answer.isArray()).isTrue();
    assertThat(answer).hasSize(1);
  }

  @Test
  void emptyBatchIsOneMinus32600Object() {
    client.sendText("[]");
    JsonNode answer = client.next();
    assertThat(answer.isObject()).isTrue();
    assertError(answer, -32600, "null");
  }

  @Test
  void batchOverMaxBatchSizeIsOneMinus32600AndNothingRuns() {
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 11; i++) {
      batch.append(i == 0 ? "" : ",")
          .append(WsClient.request(i, "subscribe", json("channel", "c" + i)));
    }
    client.sendText(batch.append(']').toString());

    JsonNode answer = client.next();
    assertThat(answer.isObject()).isTrue();
    assertError(answer, -32600, "null");
    client.ok("subscribe", json("channel", "c0"));
  }

  @Test
  void batchOfNotificationsOnlyIsNotAnswered() {
    client.sendText("[" + WsClient.request(-1, "pong", null) + ","
        + WsClient.request(-1, "subscribe", json("channel", "a")) + "]");
    client.assertNone(m -> true, QUIET, "answer to a batch of notifications");
    // The notification was executed all the same.
    assertThat(client.errorCode("subscribe", json("channel", "a"))).isEqualTo(105);
  }

  @Test
  void batchStopsAtAConnectThatClosesTheConnection() {
    HeraldServer server = start(TestConfig.create());
    WsClient fresh = ws(server);
    fresh.sendText("[" + WsClient.request(1, "connect", json("token", "bad")) + ","
        + WsClient.request(2, "subscribe", json("channel", "a")) + "]");

    JsonNode answer = fresh.next();
    assertThat(answer).hasSize(1);
    assertError(answer.get(0), 101, "1");
    assertThat(fresh.awaitClose().code()).isEqualTo(3500);
  }

  private static void assertError(JsonNode response, int code, String idJson) {
    assertThat(response.path("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(response.path("error").path("code").asInt()).as("%s", response).isEqualTo(code);
    assertThat(response.path("error").path("message").asText()).isNotBlank();
    assertThat(String.valueOf(response.get("id"))).as("%s", response).isEqualTo(idJson);
  }
}
