package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.NamespaceConfig;
import io.herald.server.HeraldServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SSE and long-poll sessions doing what a WebSocket session does, over real sockets with the JDK
 * HTTP client: connect, subscribe, publish, presence, ping and pong, recovery after a drop, and
 * the per-transport connection metric. Each test runs once per fallback transport.
 */
class FallbackSessionSocketTest extends SocketTestBase {

  /** Namespace {@code feed}: history of 100 for 5 minutes, presence, open to clients. */
  static NamespaceConfig feed() {
    return RecoverySocketTest.feed(100)
        .with("presence", true)
        .with("allowPresenceForSubscriber", true);
  }

  static URI base(HeraldServer server) {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** A fallback client of {@code kind} connected with {@code connectJson}; reply awaited. */
  FallbackClient open(HeraldServer server, String kind, String connectJson) {
    FallbackClient client = kind.equals("sse")
        ? SseClient.open(http, base(server), connectJson, Map.of())
        : LongPollClient.open(http, base(server), connectJson);
    return track(client);
  }

  FallbackClient connected(HeraldServer server, String kind, String user) {
    FallbackClient client = open(server, kind, WsClient.json("token", token(user)));
    JsonNode reply = client.connectReply();
    assertThat(reply.at("/result/user").asText()).isEqualTo(user);
    assertThat(client.session).isNotBlank();
    return client;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sse", "longpoll"})
  void connectSubscribePublishLikeAWebSocketClient(String kind) {
    HeraldServer server = start(TestConfig.create().namespace(feed()));
    FallbackClient client = connected(server, kind, "ann");
    WsClient ws = subscriber(server, "bob", "chat:room");
    assertThat(client.ok("subscribe", WsClient.json("channel", "chat:room")).isObject()).isTrue();

    client.ok("publish", "{\"channel\":\"chat:room\",\"data\":{\"text\":\"hi\"}}");
    assertThat(ws.await(WsClient.isPublication("chat:room"), WsClient.TIMEOUT, "from fallback")
        .at("/params/data/text").asText()).isEqualTo("hi");
    assertThat(client.await(WsClient.isPublication("chat:room"), WsClient.TIMEOUT, "own")
        .at("/params/data/text").asText()).isEqualTo("hi");

    ws.ok("publish", "{\"channel\":\"chat:room\",\"data\":{\"text\":\"yo\"}}");
    api(server).publish("chat:room", "{\"text\":\"api\"}");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      texts.add(client.await(WsClient.isPublication("chat:room"), WsClient.TIMEOUT, "publication")
          .at("/params/data/text").asText());
    }
    assertThat(texts).containsExactly("yo", "api");

    Scrape scrape = Scrape.of(http, server.port());
    assertThat(scrape.get("herald_connections{transport=\"" + kind + "\"}")).isEqualTo(1);
    assertThat(scrape.get("herald_messages_received_total{transport=\"" + kind + "\"}"))
        .isGreaterThanOrEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sse", "longpoll"})
  void aBatchIsAnsweredWithABatchAndErrorsAreJsonRpcErrors(String kind) {
    HeraldServer server = start(TestConfig.create());
    FallbackClient client = connected(server, kind, "ann");
    assertThat(client.emulate("[" + WsClient.request(7, "subscribe", "{\"channel\":\"chat:a\"}")
        + "," + WsClient.request(8, "nope", "{}") + "]").statusCode()).isEqualTo(204);
    JsonNode batch = client.await(JsonNode::isArray, WsClient.TIMEOUT, "batch reply");
    assertThat(batch.get(0).path("id").asInt()).isEqualTo(7);
    assertThat(batch.get(0).has("result")).isTrue();
    assertThat(batch.get(1).at("/error/code").asInt()).isEqualTo(-32601);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sse", "longpoll"})
  void presenceListsFallbackAndWebSocketClients(String kind) {
    HeraldServer server = start(TestConfig.create().namespace(feed()));
    FallbackClient client = connected(server, kind, "ann");
    client.ok("subscribe", WsClient.json("channel", "feed:p"));
    WsClient ws = subscriber(server, "bob", "feed:p");
    JsonNode presence = client.ok("presence", WsClient.json("channel", "feed:p"));
    List<String> users = new ArrayList<>();
    presence.get("clients").forEach(c -> users.add(c.get("user").asText()));
    assertThat(users).containsExactlyInAnyOrder("ann", "bob");
    assertThat(ws.ok("presenceStats", WsClient.json("channel", "feed:p")).get("numUsers").asInt())
        .isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sse", "longpoll"})
  void pingsArriveOnTheStreamAndPongsByPostKeepTheSessionAlive(String kind) {
    HeraldServer server = start(
        TestConfig.create().ping(Duration.ofMillis(300), Duration.ofMillis(200)));
    FallbackClient client = connected(server, kind, "ann");
    for (int i = 0; i < 4; i++) {
      client.awaitMethod("ping");
      assertThat(client.emulate(WsClient.request(-1, "pong", null)).statusCode()).isEqualTo(204);
    }
    assertThat(client.isEnded()).isFalse();
    FallbackClient silent = connected(server, kind, "bob");
    JsonNode disconnect = silent.awaitMethod("disconnect");
    assertThat(disconnect.at("/params/code").asInt()).isEqualTo(3012);
    silent.awaitEnd(WsClient.TIMEOUT);
    if (silent instanceof SseClient sse) {
      assertThat(sse.retry()).as("3012 says reconnect: no long retry").isEqualTo(-1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sse", "longpoll"})
  void aClientThatDroppedRecoversWhatItMissedInOrderThroughConnectSubs(String kind) {
    HeraldServer server = start(TestConfig.create().namespace(feed())
        .fallback("sessionIdleTimeout", Duration.ofSeconds(1))
        .fallback("pollTimeout", Duration.ofSeconds(1)));
    ApiClient api = api(server);
    FallbackClient first = connected(server, kind, "ann");
    JsonNode sub = first.ok("subscribe", WsClient.json("channel", "feed:r"));
    String epoch = sub.get("epoch").asText();
    api.publish("feed:r", "{\"n\":1}");
    JsonNode seen = first.await(WsClient.isPublication("feed:r"), WsClient.TIMEOUT, "n=1");
    long offset = seen.at("/params/offset").asLong();
    first.close();
    awaitClients(api, 0);
    for (int n = 2; n <= 4; n++) {
      api.publish("feed:r", "{\"n\":" + n + "}");
    }

    String subs = "{\"feed:r\":{\"recover\":true,\"offset\":" + offset + ",\"epoch\":\"" + epoch
        + "\"}}";
    FallbackClient again = open(server, kind,
        "{\"token\":\"" + token("ann") + "\",\"subs\":" + subs + "}");
    JsonNode result = again.connectReply().get("result");
    JsonNode recovered = result.at("/subs/feed:r");
    assertThat(recovered.get("recovered").asBoolean()).isTrue();
    List<Integer> ns = new ArrayList<>();
    recovered.get("publications").forEach(p -> ns.add(p.at("/data/n").asInt()));
    assertThat(ns).containsExactly(2, 3, 4);
    api.publish("feed:r", "{\"n\":5}");
    assertThat(again.await(WsClient.isPublication("feed:r"), WsClient.TIMEOUT, "live n=5")
        .at("/params/data/n").asInt()).isEqualTo(5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sse", "longpoll"})
  void theTokenMayComeInTheConfiguredCookie(String kind) {
    HeraldServer server = start(TestConfig.create().fallback("tokenCookie", "auth"));
    FallbackClient client;
    String cookie = "other=1; auth=" + token("carol");
    if (kind.equals("sse")) {
      client = track(SseClient.open(http, base(server), null, Map.of("Cookie", cookie)));
    } else {
      client = track(LongPollClient.open(http, base(server), null, Map.of("Cookie", cookie)));
    }
    assertThat(client.connectReply().at("/result/user").asText()).isEqualTo("carol");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sse", "longpoll"})
  void withoutATokenTheConnectFailsAndTheSessionEnds(String kind) {
    HeraldServer server = start(TestConfig.create());
    FallbackClient client = open(server, kind, "{}");
    JsonNode reply = client.connectReply();
    assertThat(reply.has("error")).isTrue();
    assertThat(client.awaitMethod("disconnect").at("/params/reconnect").asBoolean()).isFalse();
    client.awaitEnd(WsClient.TIMEOUT);
    if (client instanceof SseClient sse) {
      assertThat(sse.retry()).as("a browser's EventSource must not retry soon")
          .isEqualTo(86_400_000);
    }
    Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> server.fallbackSessions() == 0);
  }
}
