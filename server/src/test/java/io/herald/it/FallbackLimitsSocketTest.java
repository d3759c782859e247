package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.server.HeraldServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The fallback transports' limits and bad input over real sockets: every {@code fallback.*}
 * limit exceeded, malformed and unknown-session requests answered with a status and never
 * leaving a session behind, the SSE heartbeat, and resuming a dropped stream with {@code
 * Last-Event-ID}.
 */
class FallbackLimitsSocketTest extends SocketTestBase {

  private static final Duration SHORT = Duration.ofSeconds(1);

  private HttpResponse<String> post(HeraldServer server, String path, String body) {
    HttpRequest request = HttpRequest.newBuilder(base(server).resolve(path))
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static URI base(HeraldServer server) {
    return FallbackSessionSocketTest.base(server);
  }

  /** A long-poll session opened by hand and never polled; returns its id. */
  private String unpolledSession(HeraldServer server) {
    HttpResponse<String> opened = post(server, LongPollClient.PATH,
        "{\"connect\":" + WsClient.json("token", token("ann")) + "}");
    assertThat(opened.statusCode()).isEqualTo(200);
    JsonNode body = LongPollClient.parse(opened.body());
    assertThat(body.at("/messages/0/result/user").asText()).isEqualTo("ann");
    return body.get("session").asText();
  }

  private static void awaitFallbackSessions(HeraldServer server, int n) {
    Awaitility.await("fallback sessions == " + n).atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> server.fallbackSessions() == n);
  }

  @Test
  void emulationAndPollBodiesOverMaxRequestSizeGet413() {
    HeraldServer server = start(TestConfig.create().fallback("maxRequestSize", 256));
    String session = unpolledSession(server);
    String big = "{\"session\":\"" + session + "\",\"data\":" + WsClient.request(2, "publish",
        "{\"channel\":\"chat:a\",\"data\":\"" + "x".repeat(300) + "\"}") + "}";
    assertThat(post(server, "/connection/emulation", big).statusCode()).isEqualTo(413);
    assertThat(post(server, LongPollClient.PATH,
        "{\"connect\":{\"name\":\"" + "y".repeat(300) + "\"}}").statusCode()).isEqualTo(413);
    String small = "{\"session\":\"" + session + "\",\"data\":"
        + WsClient.request(2, "subscribe", "{\"channel\":\"chat:a\"}") + "}";
    assertThat(post(server, "/connection/emulation", small).statusCode()).isEqualTo(204);
  }

  @Test
  void badRequestsGetAStatusAndLeaveNoSessionBehind() {
    HeraldServer server = start(TestConfig.create());
    String session = unpolledSession(server);
    assertThat(post(server, "/connection/emulation", "not json").statusCode()).isEqualTo(400);
    assertThat(post(server, "/connection/emulation", "[1]").statusCode()).isEqualTo(400);
    assertThat(post(server, "/connection/emulation", "{\"session\":\"" + session
        + "\",\"data\":\"text\"}").statusCode()).isEqualTo(400);
    assertThat(post(server, "/connection/emulation", "{\"data\":{}}").statusCode())
        .isEqualTo(400);
    HttpResponse<String> unknown = post(server, "/connection/emulation",
        "{\"session\":\"" + session + "x\",\"data\":{}}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("unknown session");
    assertThat(post(server, "/connection/emulation", "{\"session\":\"nodot\",\"data\":{}}")
        .statusCode()).isEqualTo(404);
    assertThat(post(server, LongPollClient.PATH, "{\"session\":\"" + session
        + "\",\"cursor\":\"x\"}").statusCode()).isEqualTo(400);
    assertThat(post(server, LongPollClient.PATH, "{\"session\":\"nope\",\"cursor\":0}")
        .statusCode()).isEqualTo(404);
    assertThat(post(server, LongPollClient.PATH, "{\"connect\":[1]}").statusCode())
        .isEqualTo(400);
    assertThat(post(server, SseClient.PATH, "{}").statusCode()).isEqualTo(405);
    SseClient badConnect = track(SseClient.open(http, base(server), "{not json", Map.of()));
    assertThat(badConnect.status()).isEqualTo(400);
    // Garbage inside a session's data is a JSON-RPC error on its stream, not a crash.
    assertThat(post(server, "/connection/emulation", "{\"session\":\"" + session
        + "\",\"data\":{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"publish\"}}").statusCode())
        .isEqualTo(204);
    HttpResponse<String> poll = post(server, LongPollClient.PATH,
        "{\"session\":\"" + session + "\",\"cursor\":1}");
    assertThat(LongPollClient.parse(poll.body()).at("/messages/0/error/code").asInt())
        .isEqualTo(-32602);
    assertThat(server.fallbackSessions()).isEqualTo(1);
  }

  @Test
  void anUnpolledSessionOverBufferSizeIsClosedAsSlow() {
    HeraldServer server = start(TestConfig.create().fallback("bufferSize", 4096));
    String session = unpolledSession(server);
    assertThat(post(server, "/connection/emulation", "{\"session\":\"" + session + "\",\"data\":"
        + WsClient.request(2, "subscribe", "{\"channel\":\"chat:a\"}") + "}").statusCode())
        .isEqualTo(204);
    ApiClient api = api(server);
    awaitInfo(api, n -> n.path("numChannels").asInt() == 1, "subscribed");
    String chunk = "\"" + "z".repeat(1000) + "\"";
    for (int i = 0; i < 6; i++) {
      api.publish("chat:a", chunk);
    }
    awaitClients(api, 0);
    HttpResponse<String> poll = post(server, LongPollClient.PATH,
        "{\"session\":\"" + session + "\",\"cursor\":1}");
    JsonNode answer = LongPollClient.parse(poll.body());
    assertThat(answer.get("closed").asBoolean()).isTrue();
    awaitFallbackSessions(server, 0);
  }

  @Test
  void aPollWithACursorAheadOfTheSessionClosesItWith3010() {
    HeraldServer server = start(TestConfig.create());
    String session = unpolledSession(server);
    HttpResponse<String> poll = post(server, LongPollClient.PATH,
        "{\"session\":\"" + session + "\",\"cursor\":99}");
    JsonNode answer = LongPollClient.parse(poll.body());
    assertThat(answer.get("closed").asBoolean()).isTrue();
    assertThat(answer.at("/messages/0/params/code").asInt()).isEqualTo(3010);
    awaitFallbackSessions(server, 0);
    assertThat(post(server, LongPollClient.PATH,
        "{\"session\":\"" + session + "\",\"cursor\":1}").statusCode()).isEqualTo(404);
  }

  @Test
  void aPollWithNothingToSendIsAnsweredEmptyAfterPollTimeout() {
    HeraldServer server = start(TestConfig.create().fallback("pollTimeout", SHORT));
    String session = unpolledSession(server);
    long started = System.nanoTime();
    HttpResponse<String> poll = post(server, LongPollClient.PATH,
        "{\"session\":\"" + session + "\",\"cursor\":1}");
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    JsonNode answer = LongPollClient.parse(poll.body());
    assertThat(answer.get("messages").size()).isZero();
    assertThat(answer.get("cursor").asLong()).isEqualTo(1);
    assertThat(answer.get("closed").asBoolean()).isFalse();
    assertThat(tookMs).isBetween(900L, 4000L);
  }

  @Test
  void aPollerThatVanishesIsClosedAfterSessionIdleTimeout() {
    HeraldServer server = start(TestConfig.create().fallback("sessionIdleTimeout", SHORT));
    String session = unpolledSession(server);
    awaitClients(api(server), 1);
    awaitClients(api(server), 0);
    awaitFallbackSessions(server, 0);
    assertThat(post(server, LongPollClient.PATH, "{\"session\":\"" + session + "\",\"cursor\":1}")
        .statusCode()).isEqualTo(404);
  }

  @Test
  void aDroppedSseStreamIsClosedAfterSessionIdleTimeout() {
    HeraldServer server = start(TestConfig.create().fallback("sessionIdleTimeout", SHORT));
    SseClient client = track(SseClient.open(http, base(server),
        WsClient.json("token", token("ann")), Map.of()));
    client.connectReply();
    awaitClients(api(server), 1);
    client.close();
    awaitClients(api(server), 0);
    awaitFallbackSessions(server, 0);
  }

  @Test
  void aQuietSseStreamGetsHeartbeatComments() throws InterruptedException {
    HeraldServer server = start(TestConfig.create().fallback("heartbeatInterval", SHORT));
    SseClient client = track(SseClient.open(http, base(server),
        WsClient.json("token", token("ann")), Map.of()));
    client.connectReply();
    assertThat(client.response().headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    assertThat(client.response().headers().firstValue("Cache-Control").orElse(""))
        .contains("no-cache");
    Awaitility.await("three comments").atMost(Duration.ofSeconds(5))
        .until(() -> client.comments() >= 3);
  }

  @Test
  void aDroppedSseStreamResumesFromLastEventIdWithoutLosingAMessage() {
    HeraldServer server = start(TestConfig.create());
    ApiClient api = api(server);
    SseClient first = track(SseClient.open(http, base(server),
        WsClient.json("token", token("ann")), Map.of()));
    String session = first.connectReply().at("/result/session").asText();
    first.ok("subscribe", WsClient.json("channel", "chat:r"));
    api.publish("chat:r", "{\"n\":1}");
    first.await(WsClient.isPublication("chat:r"), WsClient.TIMEOUT, "n=1");
    String lastEventId = first.lastEventId();
    assertThat(lastEventId).startsWith(session + "/");
    first.close();
    api.publish("chat:r", "{\n  \"n\": 2\n}");
    api.publish("chat:r", "{\"n\":3}");

    SseClient resumed = track(SseClient.open(http, base(server),
        WsClient.json("token", token("ann")), Map.of("Last-Event-ID", lastEventId)));
    for (int n = 2; n <= 3; n++) {
      assertThat(resumed.await(WsClient.isPublication("chat:r"), WsClient.TIMEOUT, "n=" + n)
          .at("/params/data/n").asInt()).isEqualTo(n);
    }
    assertThat(resumed.snapshot()).noneMatch(m -> m.path("id").asInt() == 1);
    resumed.session = session;
    api.publish("chat:r", "{\"n\":4}");
    assertThat(resumed.await(WsClient.isPublication("chat:r"), WsClient.TIMEOUT, "n=4")
        .at("/params/data/n").asInt()).isEqualTo(4);
    resumed.ok("publish", "{\"channel\":\"chat:r\",\"data\":{\"n\":5}}");
    assertThat(resumed.await(WsClient.isPublication("chat:r"), WsClient.TIMEOUT, "n=5")
        .at("/params/data/n").asInt()).isEqualTo(5);
    assertThat(server.fallbackSessions()).isEqualTo(1);

    SseClient stale = track(SseClient.open(http, base(server),
        WsClient.json("token", token("ann")), Map.of("Last-Event-ID", session + "/999")));
    assertThat(stale.connectReply().at("/result/session").asText()).isNotEqualTo(session);
  }

  @Test
  void sseStreamsAndLongPollSessionsCountAgainstTheConnectionLimit() throws IOException {
    HeraldServer server = start(TestConfig.create().client("connectionLimit", 1)
        .fallback("sessionIdleTimeout", SHORT));
    SseClient first = track(SseClient.open(http, base(server),
        WsClient.json("token", token("ann")), Map.of()));
    first.connectReply();
    SseClient second = track(SseClient.open(http, base(server),
        WsClient.json("token", token("bob")), Map.of()));
    assertThat(second.status()).isEqualTo(503);
    HttpResponse<String> poll = post(server, LongPollClient.PATH, "{}");
    assertThat(poll.statusCode()).isEqualTo(503);
    assertThat(poll.body()).contains("connection limit reached");
    first.close();
    Awaitility.await("a slot").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
        .until(() -> post(server, LongPollClient.PATH,
            "{\"connect\":" + WsClient.json("token", token("cid")) + "}").statusCode() == 200);
    try (RawWebSocket ws = RawWebSocket.open(server.port(), WS_PATH, Map.of(), 0)) {
      assertThat(ws.status()).isEqualTo(503);
    }
    awaitFallbackSessions(server, 0);
    try (RawWebSocket ws = RawWebSocket.open(server.port(), WS_PATH, Map.of(), 0)) {
      assertThat(ws.status()).isEqualTo(101);
    }
  }

  @Test
  void longPollOpensCountAgainstTheRatePerAddress() {
    HeraldServer server = start(TestConfig.create().client("connectionRatePerAddress", 1)
        .client("connectionBurstPerAddress", 2));
    int refused = 0;
    for (int i = 0; i < 5; i++) {
      if (post(server, LongPollClient.PATH, "{}").statusCode() == 503) {
        refused++;
      }
    }
    assertThat(refused).isGreaterThanOrEqualTo(2);
  }

  @Test
  void randomBodiesAreAnsweredWithAStatusAndTheServerKeepsServing() {
    HeraldServer server = start(TestConfig.create().fallback("maxRequestSize", 512));
    String session = unpolledSession(server);
    String[] parts = {"{", "}", "[", "]", "\"session\"", "\"data\"", ":", ",",
        "\"" + session + "\"", "null", "1e999999", "\"\\u0000\"", "true", "\"jsonrpc\"",
        "\"2.0\"", "\"method\"", "\"subscribe\"", "\"id\"", "-1", "\u00ff", "\ud800", " "};
    java.util.Random random = new java.util.Random(8);
    for (int i = 0; i < 300; i++) {
      StringBuilder body = new StringBuilder();
      int n = 1 + random.nextInt(i % 3 == 0 ? 200 : 12);
      for (int j = 0; j < n; j++) {
        body.append(parts[random.nextInt(parts.length)]);
      }
      int status = post(server, "/connection/emulation", body.toString()).statusCode();
      assertThat(status).as(body.toString()).isIn(204, 400, 404, 413);
    }
    FallbackClient client = track(LongPollClient.open(http, base(server),
        WsClient.json("token", token("ann"))));
    assertThat(client.connectReply().at("/result/user").asText()).isEqualTo("ann");
    assertThat(client.ok("subscribe", WsClient.json("channel", "chat:ok")).isObject()).isTrue();
  }

  @Test
  void withFallbacksOffTheEndpointsAre404() {
    HeraldServer server = start(TestConfig.create().fallback("enabled", false));
    assertThat(post(server, LongPollClient.PATH, "{}").statusCode()).isEqualTo(404);
    assertThat(post(server, "/connection/emulation", "{}").statusCode()).isEqualTo(404);
  }
}
