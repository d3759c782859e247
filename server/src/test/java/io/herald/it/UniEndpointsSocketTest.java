package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.NamespaceConfig;
import io.herald.server.HeraldServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The unidirectional endpoints over real sockets: what each sends, resuming from positions (the
 * plain {@code since} form, the SSE event id as {@code Last-Event-ID}, the WebSocket's first
 * message), {@code recovered: false}, server-chosen channels, and every refusal's HTTP status and
 * close code as docs/uni.md lists them.
 */
class UniEndpointsSocketTest extends SocketTestBase {

  /** Namespace {@code feed}: 100 publications for 5 minutes, open to authenticated clients. */
  private static NamespaceConfig feed() {
    return NamespaceConfig.defaults("feed")
        .with("allowSubscribeForClient", true)
        .with("historySize", 100)
        .with("historyTtl", Duration.ofMinutes(5));
  }

  private HeraldServer server(TestConfig config) {
    return start(config.namespace(feed()));
  }

  private UniStreamClient get(HeraldServer server, String endpoint, String query,
      Map<String, String> headers) {
    return track(UniStreamClient.open(http,
        URI.create("http://127.0.0.1:" + server.port() + "/connection/uni/" + endpoint + "?"
            + query), headers));
  }

  private String token(String user, List<String> channels) {
    return URLEncoder.encode(tokens.connectionToken(user, null, null, channels),
        StandardCharsets.UTF_8);
  }

  @Test
  void theStreamFollowsChannelsAndResumesFromPlainPositions() {
    HeraldServer server = server(TestConfig.create());
    ApiClient api = api(server);
    for (int n = 1; n <= 3; n++) {
      api.publish("feed:a", "{\"n\":" + n + "}");
    }
    UniStreamClient stream = get(server, "stream",
        "channels=feed:a,feed:b&since=feed:a:1&token=" + token("ann", null), Map.of());

    assertThat(stream.status).isEqualTo(200);
    assertThat(stream.contentType).startsWith("application/x-ndjson");
    JsonNode connected = stream.next("connected");
    assertThat(connected.get("user").asText()).isEqualTo("ann");
    assertThat(connected.at("/channels/feed:a/offset").asLong()).isEqualTo(3);
    assertThat(stream.publication("feed:a").toString()).isEqualTo(
        "{\"channel\":\"feed:a\",\"offset\":2,\"data\":{\"n\":2}}");
    assertThat(stream.publication("feed:a").get("offset").asLong()).isEqualTo(3);
    api.publish("feed:b", "{\n  \"pretty\": [1, 2]\n}");
    api.publish("feed:a", "4");
    JsonNode b = stream.publication("feed:b");
    assertThat(b.get("data").get("pretty")).hasSize(2);
    assertThat(stream.publication("feed:a").get("data").asInt()).isEqualTo(4);
    assertThat(stream.snapshot()).isEmpty();
  }

  @Test
  void sseEventIdsCarryEveryPositionAndLastEventIdResumesExactly() {
    HeraldServer server = server(TestConfig.create());
    ApiClient api = api(server);
    String query = "channels=feed:x,feed:y&token=" + token("ann", null);
    UniStreamClient first = get(server, "sse", query, Map.of());
    assertThat(first.contentType).startsWith("text/event-stream");
    JsonNode channels = first.next("connected").get("channels");
    String ex = channels.at("/feed:x/epoch").asText();
    String ey = channels.at("/feed:y/epoch").asText();
    api.publish("feed:x", "1");
    api.publish("feed:y", "2");
    first.publication("feed:x");
    JsonNode y = first.publication("feed:y");
    assertThat(y.get("_event").asText()).isEqualTo("message");
    String lastEventId = y.get("_id").asText();
    assertThat(lastEventId).isEqualTo("feed:x:1~" + ex + ",feed:y:1~" + ey);
    first.close();

    api.publish("feed:y", "3");
    api.publish("feed:x", "4");
    api.publish("feed:x", "5");
    UniStreamClient resumed = get(server, "sse", query, Map.of("Last-Event-ID", lastEventId));
    resumed.next("connected");
    assertThat(resumed.publication("feed:x").get("data").asInt()).isEqualTo(4);
    assertThat(resumed.publication("feed:x").get("data").asInt()).isEqualTo(5);
    JsonNode three = resumed.publication("feed:y");
    assertThat(three.get("data").asInt()).isEqualTo(3);
    assertThat(three.get("_id").asText()).isEqualTo("feed:x:3~" + ex + ",feed:y:2~" + ey); // channel by channel
    api.publish("feed:x", "6");
    assertThat(resumed.publication("feed:x").get("_id").asText())
        .isEqualTo("feed:x:4~" + ex + ",feed:y:2~" + ey);
    assertThat(resumed.snapshot()).isEmpty();
  }

  @Test
  void aPositionInAnotherEpochOrAheadOfTheStreamIsRecoveredFalse() {
    HeraldServer server = server(TestConfig.create());
    ApiClient api = api(server);
    api.publish("feed:r", "1");
    api.publish("feed:s", "1");
    UniStreamClient stream = get(server, "stream", "channels=feed:r,feed:s"
        + "&since=feed:r:1~0ld3p0ch,feed:s:142&token=" + token("ann", null), Map.of());

    stream.next("connected");
    for (String channel : List.of("feed:r", "feed:s")) {
      JsonNode lost = stream.await(m -> channel.equals(m.path("channel").asText())
          && m.path("type").asText().equals("recovery"), "recovery of " + channel);
      assertThat(lost.get("recovered").asBoolean()).isFalse();
      assertThat(lost.get("offset").asLong()).isEqualTo(1);
    }
    api.publish("feed:s", "2");
    assertThat(stream.publication("feed:s").get("offset").asLong()).isEqualTo(2);
  }

  @Test
  void theServerChoosesChannelsThroughTheTokenAndTheApi() {
    HeraldServer server = server(TestConfig.create());
    ApiClient api = api(server);
    UniStreamClient stream = get(server, "stream",
        "token=" + token("ann", List.of("secret:news")), Map.of());
    assertThat(stream.next("connected").get("channels").has("secret:news")).isTrue();
    api.publish("secret:news", "\"hi\"");
    assertThat(stream.publication("secret:news").get("data").asText()).isEqualTo("hi");
    api.call("subscribe", json("user", "ann", "channel", "feed:later"));
    assertThat(stream.next("subscribe").get("channel").asText()).isEqualTo("feed:later");
    api.call("unsubscribe", json("user", "ann", "channel", "secret:news"));
    assertThat(stream.next("unsubscribe").get("code").asInt()).isEqualTo(2000);
    api.call("disconnect", json("user", "ann"));
    assertThat(stream.next("disconnect").get("code").asInt()).isEqualTo(3503);
    stream.awaitEnd(WsClient.TIMEOUT);
  }

  @Test
  void refusalsAreAnsweredWithTheirHttpStatus() {
    HeraldServer server = server(TestConfig.create().channelLimit(2));
    String ann = "&token=" + token("ann", null);
    Object[][] cases = {
        {"channels=nope:x" + ann, 404, 3520},
        {"channels=secret:x" + ann, 403, 3521},
        {"channels=feed:a,feed:b,feed:c" + ann, 400, 3522},
        {"channels=feed:a&since=feed:a:-1" + ann, 400, 3523},
        {"channels=feed:a&since=feed:a" + ann, 400, 3523},
        {"channels=feed:a&since=feed:a:1~bad!epoch" + ann, 400, 3523},
        {"channels=a%20b" + ann, 400, 3523},
        {"channels=feed:a,,feed:b" + ann, 400, 3523},
        {"channels=feed:a&token=not-a-token", 401, 3500},
        {"channels=feed:a", 401, 3500},
    };
    for (String endpoint : List.of("stream", "sse")) {
      for (Object[] c : cases) {
        UniStreamClient refused = get(server, endpoint, (String) c[0], Map.of());
        assertThat(refused.status).as("%s %s", endpoint, c[0]).isEqualTo(c[1]);
        JsonNode body = parse(refused.body());
        assertThat(body.get("code").asInt()).as("%s %s", endpoint, c[0]).isEqualTo(c[2]);
        assertThat(body.get("error").asText()).isNotBlank();
      }
    }
    HttpResponse<String> post = api(server).request("POST", "/connection/uni/stream");
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void streamsAreAdmittedByTheConnectionLimitLikeWebSockets() {
    HeraldServer server = server(TestConfig.create().client("connectionLimit", 1));
    String query = "channels=feed:l&token=" + token("ann", null);
    UniStreamClient held = get(server, "stream", query, Map.of());
    held.next("connected");
    for (String endpoint : List.of("stream", "sse")) {
      UniStreamClient refused = get(server, endpoint, query, Map.of());
      assertThat(refused.status).isEqualTo(503);
      assertThat(refused.body()).contains("connection limit");
    }
    held.close();
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
        get(server, "stream", query, Map.of()).status == 200);
  }

  @Test
  void theWebSocketTakesItsChannelsFromTheFirstMessageAndPingsWithoutWaitingForPongs() {
    HeraldServer server = server(TestConfig.create().ping(Duration.ofSeconds(1),
        Duration.ofMillis(500)));
    ApiClient api = api(server);
    api.publish("feed:w", "1");
    WsClient ws = track(WsClient.open(http, URI.create(
        "ws://127.0.0.1:" + server.port() + "/connection/uni/websocket")));
    ws.sendText("{\"token\":\"" + tokens.connectionToken("ann", null, null, null)
        + "\",\"channels\":{\"feed:w\":{\"offset\":0}}}");
    assertThat(ws.await(m -> m.path("type").asText().equals("connected"), WsClient.TIMEOUT,
        "connected").get("user").asText()).isEqualTo("ann");
    assertThat(ws.await(m -> m.has("channel"), WsClient.TIMEOUT, "the missed publication")
        .toString()).isEqualTo("{\"channel\":\"feed:w\",\"offset\":1,\"data\":1}");
    ws.await(m -> m.path("type").asText().equals("ping"), Duration.ofSeconds(5), "a ping");
    ws.sendText("pong"); // what a hand-made client answers: ignored
    ws.await(m -> m.path("type").asText().equals("ping"), Duration.ofSeconds(5), "a ping");
    api.publish("feed:w", "2");
    assertThat(ws.await(m -> m.has("channel"), WsClient.TIMEOUT, "a publication")
        .get("offset").asLong()).isEqualTo(2);
    api.call("disconnect", json("user", "ann", "code", 4001, "reason", "bye"));
    ws.await(m -> m.path("type").asText().equals("disconnect"), WsClient.TIMEOUT, "disconnect");
    assertThat(ws.awaitClose().code()).isEqualTo(4001);
  }

  @Test
  void theWebSocketClosesRefusalsWithTheirCode() {
    HeraldServer server = server(TestConfig.create().channelLimit(2));
    String ann = "&token=" + token("ann", null);
    Object[][] cases = {
        {"channels=nope:x" + ann, 3520},
        {"channels=secret:x" + ann, 3521},
        {"channels=feed:a,feed:b,feed:c" + ann, 3522},
        {"channels=feed:a&since=feed:a:x" + ann, 3523},
        {"channels=feed:a&token=bad", 3500},
    };
    for (Object[] c : cases) {
      WsClient ws = track(WsClient.open(http, URI.create("ws://127.0.0.1:" + server.port()
          + "/connection/uni/websocket?" + c[0])));
      JsonNode error = ws.await(m -> m.path("type").asText().equals("error"), WsClient.TIMEOUT,
          "an error");
      assertThat(error.get("code").asInt()).as("%s", c[0]).isEqualTo(c[1]);
      assertThat(ws.awaitClose().code()).as("%s", c[0]).isEqualTo(c[1]);
    }
    WsClient bad = track(WsClient.open(http, URI.create("ws://127.0.0.1:" + server.port()
        + "/connection/uni/websocket")));
    bad.sendText("[1]");
    assertThat(bad.awaitClose().code()).isEqualTo(3523);
    WsClient silent = track(WsClient.open(http, URI.create("ws://127.0.0.1:" + server.port()
        + "/connection/uni/websocket")));
    assertThat(silent.isOpen()).isTrue();
  }

  private static JsonNode parse(String json) {
    try {
      return WsClient.JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}
