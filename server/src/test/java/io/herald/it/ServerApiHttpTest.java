package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.server.HeraldServer;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server HTTP API end to end: each method, its effect on real WebSocket clients, errors. */
class ServerApiHttpTest extends SocketTestBase {

  private static final Duration QUIET = Duration.ofMillis(300);

  private HeraldServer server;
  private ApiClient api;

  @BeforeEach
  void startServer() {
    server = start(TestConfig.create());
    api = api(server);
  }

  @Test
  void publishReachesSubscribersWithoutInfo() {
    WsClient client = subscriber(server, "u1", "news");

    assertThat(api.call("publish", "{\"channel\":\"news\",\"data\":{\"n\":1e400,\"t\":[1,2]}}"))
        .isEmpty();

    JsonNode params = client.awaitMethod("publication").get("params");
    assertThat(params.get("channel").asText()).isEqualTo("news");
    assertThat(params.get("data").get("n").decimalValue())
        .isEqualByComparingTo(new BigDecimal("1e400"));
    assertThat(params.get("data").get("t")).hasSize(2);
    assertThat(params.has("info")).isFalse();
    // Nobody subscribed: still fine.
    api.publish("empty", "null");
  }

  @Test
  void publishErrorsAreInTheBodyWithStatus200() {
    assertError(api.post("publish", "{\"channel\":\"nope:x\",\"data\":1}"), 200, 102);
    assertError(api.post("publish", "{\"channel\":\"a b\",\"data\":1}"), 200, 107);
    assertError(api.post("publish", "{\"channel\":\"a\"}"), 400, -32602);
    assertError(api.post("publish", "{\"channel\":5,\"data\":1}"), 400, -32602);
  }

  @Test
  void broadcastPublishesToEachChannelAndReportsEachOutcome() {
    WsClient a = subscriber(server, "u1", "a");
    WsClient b = subscriber(server, "u2", "chat:b");

    JsonNode responses = api.call("broadcast",
        "{\"channels\":[\"a\",\"chat:b\",\"nope:c\"],\"data\":{\"hello\":true}}").get("responses");

    assertThat(responses).hasSize(3);
    assertThat(responses.get(0).has("result")).isTrue();
    assertThat(responses.get(1).has("result")).isTrue();
    assertThat(responses.get(2).get("error").get("code").asInt()).isEqualTo(102);
    assertThat(a.awaitMethod("publication").get("params").get("data").get("hello").asBoolean())
        .isTrue();
    assertThat(b.awaitMethod("publication").get("params").get("channel").asText())
        .isEqualTo("chat:b");
    assertError(api.post("broadcast", "{\"channels\":\"a\",\"data\":1}"), 400, -32602);
  }

  @Test
  void subscribeSubscribesEveryConnectionOfTheUser() {
    WsClient phone = connected(server, "u1");
    WsClient laptop = connected(server, "u1");
    WsClient other = connected(server, "u2");

    assertThat(api.call("subscribe", json("user", "u1", "channel", "secret:alerts"))).isEmpty();

    for (WsClient device : List.of(phone, laptop)) {
      JsonNode params = device.awaitMethod("subscribe").get("params");
      assertThat(params.get("channel").asText()).isEqualTo("secret:alerts");
      assertThat(params.get("recoverable").asBoolean(true)).isFalse();
    }
    api.publish("secret:alerts", "{\"level\":\"high\"}");
    for (WsClient device : List.of(phone, laptop)) {
      assertThat(device.awaitMethod("publication").get("params").get("data").get("level").asText())
          .isEqualTo("high");
    }
    other.assertNone(m -> true, QUIET, "anything for another user");
    // A client subscribe to the same channel is now 105.
    assertThat(phone.errorCode("subscribe", json("channel", "secret:alerts"))).isEqualTo(105);
    // Errors of the channel name are reported.
    assertError(api.post("subscribe", json("user", "u1", "channel", "nope:x")), 200, 102);
    assertError(api.post("subscribe", json("user", "u1", "channel", "a b")), 200, 107);
    assertError(api.post("subscribe", json("user", "u1")), 400, -32602);
  }

  @Test
  void unsubscribeEndsTheSubscriptionOfEveryConnectionOfTheUser() {
    WsClient phone = subscriber(server, "u1", "news", "chat:room");
    WsClient laptop = subscriber(server, "u1", "news");
    WsClient other = subscriber(server, "u2", "news");

    assertThat(api.call("unsubscribe", json("user", "u1", "channel", "news"))).isEmpty();

    for (WsClient device : List.of(phone, laptop)) {
      JsonNode params = device.awaitMethod("unsubscribe").get("params");
      assertThat(params.get("channel").asText()).isEqualTo("news");
      assertThat(params.get("code").asInt()).isEqualTo(2000);
      assertThat(params.get("reason").asText()).isNotBlank();
    }
    api.publish("news", "1");
    api.publish("chat:room", "2");
    assertThat(phone.awaitMethod("publication").get("params").get("channel").asText())
        .isEqualTo("chat:room");
    assertThat(other.awaitMethod("publication").get("params").get("data").asInt()).isEqualTo(1);
    phone.assertNone(WsClient.isPublication("news"), QUIET, "news after unsubscribe");
    laptop.assertNone(WsClient.isPublication("news"), Duration.ZERO, "news after unsubscribe");
    assertThat(api.call("channels", "{}").get("channels").get("news").get("numClients").asInt())
        .isEqualTo(1);
    // The connection may subscribe again.
    phone.ok("subscribe", json("channel", "news"));
  }

  @Test
  void disconnectClosesEveryConnectionOfTheUserWith3503() {
    WsClient phone = connected(server, "u1");
    WsClient laptop = connected(server, "u1");
    WsClient other = connected(server, "u2");

    assertThat(api.call("disconnect", json("user", "u1"))).isEmpty();

    for (WsClient device : List.of(phone, laptop)) {
      JsonNode params = device.awaitMethod("disconnect").get("params");
      assertThat(params.get("code").asInt()).isEqualTo(3503);
      assertThat(params.get("reconnect").asBoolean()).isFalse();
      WsClient.Closed closed = device.awaitClose();
      assertThat(closed.code()).isEqualTo(3503);
      assertThat(closed.reason()).isEqualTo("force disconnect");
    }
    assertThat(other.isOpen()).isTrue();
    awaitClients(api, 1);
    // A user without connections is no error.
    api.call("disconnect", json("user", "nobody"));
  }

  @Test
  void disconnectWithCodeAndReason() {
    WsClient phone = connected(server, "u1");
    WsClient kept = connected(server, "u2");
    WsClient kicked = ws(server);
    String kickedId = kicked.ok("connect", json("token", token("u2"))).get("client").asText();

    api.call("disconnect", json("user", "u1", "code", 4001, "reason", "kicked"));
    api.call("disconnect",
        json("user", "u2", "client", kickedId, "code", 4500, "reason", "banned"));

    JsonNode params = phone.awaitMethod("disconnect").get("params");
    assertThat(params.get("code").asInt()).isEqualTo(4001);
    assertThat(params.get("reason").asText()).isEqualTo("kicked");
    assertThat(params.get("reconnect").asBoolean()).isTrue();
    WsClient.Closed closed = phone.awaitClose();
    assertThat(closed.code()).isEqualTo(4001);
    assertThat(closed.reason()).isEqualTo("kicked");

    assertThat(kicked.awaitMethod("disconnect").get("params").get("reconnect").asBoolean())
        .isFalse();
    assertThat(kicked.awaitClose().code()).isEqualTo(4500);
    assertThat(kept.isOpen()).as("the other connection of u2").isTrue();

    assertError(api.post("disconnect", json("user", "u2", "code", 1000)), 400, -32602);
    assertError(api.post("disconnect", json("user", "u2", "code", "4001")), 400, -32602);
    assertError(api.post("disconnect", json("user", "u2", "reason", "x".repeat(124))), 400,
        -32602);
    assertThat(kept.isOpen()).isTrue();
  }

  @Test
  void channelsListsChannelsWithSubscribersMatchingThePattern() {
    subscriber(server, "u1", "news", "chat:room1", "chat:room2");
    subscriber(server, "u2", "chat:room1");

    JsonNode all = api.call("channels", "{}").get("channels");
    assertThat(all.size()).isEqualTo(3);
    assertThat(all.get("chat:room1").get("numClients").asInt()).isEqualTo(2);
    assertThat(all.get("news").get("numClients").asInt()).isEqualTo(1);

    JsonNode chat = api.call("channels", json("pattern", "chat:*")).get("channels");
    assertThat(chat.size()).isEqualTo(2);
    assertThat(chat.has("news")).isFalse();
    JsonNode one = api.call("channels", json("pattern", "chat:room?")).get("channels");
    assertThat(one.size()).isEqualTo(2);
    assertThat(api.call("channels", json("pattern", "nothing*")).get("channels").size()).isZero();
    assertError(api.post("channels", json("pattern", 5)), 400, -32602);
  }

  @Test
  void channelsWithAHostilePatternAnswersPromptly() {
    String longName = "a".repeat(250);
    subscriber(server, "u1", longName, "news");
    String hostile = "*a".repeat(100) + "*b";

    long start = System.nanoTime();
    JsonNode none = api.call("channels", json("pattern", hostile)).get("channels");
    assertThat(none.size()).isZero();
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(java.time.Duration.ofSeconds(3));
    assertThat(api.call("channels", "{}").get("channels").size())
        .as("the node still answers").isEqualTo(2);
    assertError(api.post("channels", json("pattern", "*".repeat(256))), 400, -32602);
  }

  @Test
  void infoCountsClientsUsersAndChannels() {
    JsonNode empty = api.info();
    assertThat(empty.get("numClients").asInt()).isZero();
    assertThat(empty.get("uid").asText()).isNotBlank();
    assertThat(empty.get("name").asText()).isNotBlank();
    assertThat(empty.get("version").asText()).isNotBlank();
    assertThat(empty.get("uptime").asLong()).isNotNegative();

    subscriber(server, "u1", "news");
    subscriber(server, "u1", "chat:room");
    subscriber(server, "u2", "news");
    ws(server); // not connected: not counted

    JsonNode node = api.info();
    assertThat(node.get("numClients").asInt()).isEqualTo(3);
    assertThat(node.get("numUsers").asInt()).isEqualTo(2);
    assertThat(node.get("numChannels").asInt()).isEqualTo(2);
  }

  @Test
  void batchRunsEachCommandAndReportsEachOutcome() {
    WsClient client = subscriber(server, "u1", "news");

    JsonNode replies = api.call("batch", "{\"commands\":["
        + "{\"method\":\"publish\",\"params\":{\"channel\":\"news\",\"data\":1}},"
        + "{\"method\":\"info\"},"
        + "{\"method\":\"nope\",\"params\":{}},"
        + "{\"method\":\"publish\",\"params\":{\"channel\":\"nope:x\",\"data\":1}},"
        + "{\"method\":\"batch\",\"params\":{\"commands\":[]}},"
        + "{\"method\":\"publish\",\"params\":{\"channel\":\"news\",\"data\":2}}"
        + "]}").get("replies");

    assertThat(replies).hasSize(6);
    assertThat(replies.get(0).get("result")).isEmpty();
    assertThat(replies.get(1).get("result").get("nodes").get(0).get("numClients").asInt())
        .isEqualTo(1);
    assertThat(replies.get(2).get("error").get("code").asInt()).isEqualTo(-32601);
    assertThat(replies.get(3).get("error").get("code").asInt()).isEqualTo(102);
    assertThat(replies.get(4).get("error").get("code").asInt()).isEqualTo(-32602);
    assertThat(replies.get(5).has("result")).isTrue();
    assertThat(client.awaitMethod("publication").get("params").get("data").asInt()).isEqualTo(1);
    assertThat(client.awaitMethod("publication").get("params").get("data").asInt()).isEqualTo(2);
    assertError(api.post("batch", "{\"commands\":{}}"), 400, -32602);
  }

  @Test
  void missingOrWrongKeyIs401() {
    assertError(api.post("info", "{}", null), 401, 101);
    assertError(api.post("info", "{}", "wrong-key-0123456789"), 401, 101);
    assertError(api.post("info", "{}", TestConfig.API_KEY + "x"), 401, 101);
    assertError(api.post("nope", "{}", null), 401, 101);
  }

  @Test
  void malformedBodiesAre400() {
    assertError(api.post("publish", "{not json"), 400, -32700);
    assertError(api.post("publish", "{\"channel\":\"a\",\"data\":1} x"), 400, -32700);
    assertError(api.post("publish", "[1]"), 400, -32602);
    assertError(api.post("info", "\"text\""), 400, -32602);
    // An empty body is an empty params object.
    assertThat(ApiClient.parse(api.post("info", "")).has("result")).isTrue();
  }

  @Test
  void unknownMethodIs404() {
    assertError(api.post("nope", "{}"), 404, -32601);
    assertError(api.post("", "{}"), 404, -32601);
  }

  @Test
  void getOnApiIs405() {
    HttpResponse<String> response = api.request("GET", "/api/publish");
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(ApiClient.parse(response).get("error").get("code").asInt()).isEqualTo(107);
    assertThat(api.request("PUT", "/api/x").statusCode()).isEqualTo(405);
  }

  @Test
  void healthIs200AndUnknownPathsAre404() {
    HttpResponse<String> health = api.request("GET", "/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(ApiClient.parse(health).get("status").asText()).isEqualTo("ok");
    assertThat(health.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(api.request("GET", "/nope").statusCode()).isEqualTo(404);
    assertThat(api.request("GET", "/").statusCode()).as("no demo page unless demo.enabled").isEqualTo(404);
  }

  @Test
  void bodyOverMaxBodySizeIs413() {
    HeraldServer small = start(TestConfig.create().apiMaxBodySize(1024));
    ApiClient smallApi = api(small);

    HttpResponse<String> response =
        smallApi.post("publish", json("channel", "news", "data", "x".repeat(2000)));

    assertThat(response.statusCode()).isEqualTo(413);
    smallApi.publish("news", json("data", "x".repeat(900)));
  }

  @Test
  void keepAliveConnectionServesManyRequests() {
    for (int i = 0; i < 200; i++) {
      api.publish("news", String.valueOf(i));
    }
    assertThat(api.info().get("numClients").asInt()).isZero();
  }

  private static void assertError(HttpResponse<String> response, int status, int code) {
    assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
    JsonNode body = ApiClient.parse(response);
    assertThat(body.path("error").path("code").asInt()).as("%s", response.body()).isEqualTo(code);
    assertThat(body.path("error").path("message").asText()).isNotBlank();
  }
}
