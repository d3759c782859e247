package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.auth.TokenMinter;
import io.herald.server.HeraldServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * {@code connect}, token checks, the connect timeout, pings and token expiry, end to end over
 * loopback WebSockets.
 */
class ConnectionLifecycleSocketTest extends SocketTestBase {

  @Test
  void connectWithTokenAnswersClientUserPingAndPong() {
    HeraldServer server = start(TestConfig.create());
    WsClient client = ws(server);

    JsonNode result =
        client.ok("connect", json("token", token("u1"), "name", "it", "version", "1"));

    assertThat(result.path("client").asText()).isNotBlank();
    assertThat(result.path("user").asText()).isEqualTo("u1");
    assertThat(result.path("ping").asInt()).isEqualTo(25);
    assertThat(result.path("pong").asBoolean()).isTrue();
    assertThat(result.has("expires")).isFalse();
    assertThat(result.has("ttl")).isFalse();
    assertThat(result.has("subs")).isFalse();
    awaitClients(api(server), 1);
  }

  @Test
  void eachConnectionGetsItsOwnClientId() {
    HeraldServer server = start(TestConfig.create());
    String a = ws(server).ok("connect", json("token", token("u1"))).get("client").asText();
    String b = ws(server).ok("connect", json("token", token("u1"))).get("client").asText();
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void connectWithExpiringTokenAnswersExpiresAndTtl() {
    HeraldServer server = start(TestConfig.create());
    String token = tokens.connectionToken("u1", Duration.ofHours(1), null, null);

    JsonNode result = ws(server).ok("connect", json("token", token));

    assertThat(result.path("expires").asBoolean()).isTrue();
    assertThat(result.path("ttl").asLong()).isBetween(3590L, 3600L);
  }

  @Test
  void forgedTokenIsAnswered101ThenClosedWith3500() {
    HeraldServer server = start(TestConfig.create());
    String forged = new TokenMinter("another-secret-that-is-long-enough-0123", Clock.systemUTC())
        .connectionToken("u1", null, null, null);
    WsClient client = ws(server);

    assertThat(client.errorCode("connect", json("token", forged))).isEqualTo(101);

    JsonNode disconnect = client.awaitMethod("disconnect").get("params");
    assertThat(disconnect.path("code").asInt()).isEqualTo(3500);
    assertThat(disconnect.path("reconnect").asBoolean()).isFalse();
    WsClient.Closed closed = client.awaitClose();
    assertThat(closed.code()).isEqualTo(3500);
    assertThat(closed.reason()).isEqualTo("invalid token");
    awaitClients(api(server), 0);
  }

  @Test
  void malformedTokenIsAnswered101ThenClosedWith3500() {
    HeraldServer server = start(TestConfig.create());
    WsClient client = ws(server);

    assertThat(client.errorCode("connect", json("token", "not-a.jwt.at-all"))).isEqualTo(101);
    assertThat(client.awaitClose().code()).isEqualTo(3500);
  }

  @Test
  void expiredTokenIsAnswered109ThenClosedWith3005() {
    HeraldServer server = start(TestConfig.create());
    String expired = tokens.connectionToken("u1", Duration.ofSeconds(-10), null, null);
    WsClient client = ws(server);

    assertThat(client.errorCode("connect", json("token", expired))).isEqualTo(109);

    JsonNode disconnect = client.awaitMethod("disconnect").get("params");
    assertThat(disconnect.path("code").asInt()).isEqualTo(3005);
    assertThat(disconnect.path("reconnect").asBoolean()).isTrue();
    assertThat(client.awaitClose().code()).isEqualTo(3005);
  }

  @Test
  void noTokenWhileAnonymousIsOffIsAnswered101ThenClosedWith3500() {
    HeraldServer server = start(TestConfig.create().allowAnonymous(false));
    WsClient withoutParams = ws(server);
    WsClient withEmptyToken = ws(server);
    WsClient anonymousToken = ws(server);

    assertThat(withoutParams.errorCode("connect", "{}")).isEqualTo(101);
    assertThat(withEmptyToken.errorCode("connect", json("token", ""))).isEqualTo(101);
    assertThat(anonymousToken.errorCode("connect", json("token", token("")))).isEqualTo(101);

    assertThat(withoutParams.awaitClose().code()).isEqualTo(3500);
    assertThat(withEmptyToken.awaitClose().code()).isEqualTo(3500);
    assertThat(anonymousToken.awaitClose().code()).isEqualTo(3500);
  }

  @Test
  void anonymousConnectionWhenAllowedHasTheEmptyUser() {
    HeraldServer server = start(TestConfig.create().allowAnonymous(true));
    WsClient client = ws(server);

    JsonNode result = client.ok("connect", "{}");

    assertThat(result.path("user").asText()).isEmpty();
    assertThat(result.path("client").asText()).isNotBlank();
    // The default namespace lets anonymous clients subscribe; chat does not.
    client.ok("subscribe", json("channel", "news"));
    assertThat(client.errorCode("subscribe", json("channel", "chat:room"))).isEqualTo(103);
    awaitInfo(api(server), n -> n.path("numClients").asInt() == 1
        && n.path("numUsers").asInt() == 1, "one anonymous client");
  }

  @Test
  void commandsBeforeConnectAreAnswered101AndTheConnectionStays() {
    HeraldServer server = start(TestConfig.create());
    WsClient client = ws(server);

    assertThat(client.errorCode("subscribe", json("channel", "news"))).isEqualTo(101);
    assertThat(client.errorCode("publish", json("channel", "news", "data", 1))).isEqualTo(101);
    assertThat(client.errorCode("unsubscribe", json("channel", "news"))).isEqualTo(101);
    assertThat(client.errorCode("refresh", json("token", token("u1")))).isEqualTo(101);
    assertThat(client.ok("pong", null)).isEmpty();

    assertThat(client.isOpen()).isTrue();
    assertThat(client.ok("connect", json("token", token("u1"))).path("user").asText())
        .isEqualTo("u1");
  }

  @Test
  void secondConnectIsAnswered107() {
    HeraldServer server = start(TestConfig.create());
    WsClient client = connected(server, "u1");

    assertThat(client.errorCode("connect", json("token", token("u1")))).isEqualTo(107);
    assertThat(client.isOpen()).isTrue();
  }

  @Test
  void noConnectWithinConnectTimeoutClosesWith3502() {
    HeraldServer server = start(TestConfig.create().connectTimeout(Duration.ofSeconds(1)));
    long started = System.nanoTime();
    WsClient client = ws(server);

    JsonNode disconnect = client.awaitMethod("disconnect").get("params");
    WsClient.Closed closed = client.awaitClose();

    long elapsedMs = (System.nanoTime() - started) / 1_000_000;
    assertThat(disconnect.path("code").asInt()).isEqualTo(3502);
    assertThat(disconnect.path("reconnect").asBoolean()).isFalse();
    assertThat(closed.code()).isEqualTo(3502);
    assertThat(closed.reason()).isEqualTo("stale");
    assertThat(elapsedMs).isGreaterThanOrEqualTo(900);
  }

  @Test
  void connectInTimeCancelsTheConnectTimeout() {
    HeraldServer server = start(TestConfig.create().connectTimeout(Duration.ofSeconds(1)));
    WsClient client = connected(server, "u1");

    client.assertNone(WsClient.isMethod("disconnect"), Duration.ofMillis(1500), "disconnect");
    assertThat(client.isOpen()).isTrue();
  }

  @Test
  void missingPongClosesWith3012WhileAnsweringPongKeepsTheConnection() {
    // 1 s / 500 ms are shorter than ConfigValidator allows (>= 1 s each); the record takes them.
    HeraldServer server =
        start(TestConfig.create().ping(Duration.ofSeconds(1), Duration.ofMillis(500)));
    WsClient silent = connected(server, "u1");
    WsClient polite = connected(server, "u2");

    // The polite client first: its pongs must go out within 500 ms of each ping.
    for (int i = 0; i < 2; i++) {
      polite.awaitMethod("ping", Duration.ofSeconds(3));
      polite.notify("pong", null);
    }
    assertThat(polite.isOpen()).isTrue();

    assertThat(silent.awaitMethod("ping").has("params")).isFalse();
    JsonNode disconnect = silent.awaitMethod("disconnect").get("params");
    assertThat(disconnect.path("code").asInt()).isEqualTo(3012);
    assertThat(disconnect.path("reconnect").asBoolean()).isTrue();
    assertThat(silent.awaitClose().code()).isEqualTo(3012);
    polite.ok("subscribe", json("channel", "news"));
    awaitClients(api(server), 1);
  }

  @Test
  void tokenExpiryWithoutRefreshClosesWith3005() {
    HeraldServer server = start(TestConfig.create().expiryGrace(Duration.ofSeconds(1)));
    WsClient client = ws(server);
    // exp is in whole seconds (1-2 s from now); the close comes at most 1 s after it.
    JsonNode result = client.ok("connect",
        json("token", tokens.connectionToken("u1", Duration.ofSeconds(2), null, null)));
    assertThat(result.path("expires").asBoolean()).isTrue();

    JsonNode disconnect = client.awaitMethod("disconnect", Duration.ofSeconds(6)).get("params");
    assertThat(disconnect.path("code").asInt()).isEqualTo(3005);
    assertThat(client.awaitClose().code()).isEqualTo(3005);
    awaitClients(api(server), 0);
  }

  @Test
  void refreshInTimeKeepsTheConnectionOpenPastExpiry() {
    HeraldServer server = start(TestConfig.create().expiryGrace(Duration.ofSeconds(1)));
    WsClient client = ws(server);
    // exp is in whole seconds (1-2 s from now): unrefreshed, the close would come within 3 s.
    client.ok("connect",
        json("token", tokens.connectionToken("u1", Duration.ofSeconds(2), null, null)));
    WsClient.sleep(Duration.ofMillis(300));

    JsonNode refreshed = client.ok("refresh",
        json("token", tokens.connectionToken("u1", Duration.ofHours(1), null, null)));

    assertThat(refreshed.path("expires").asBoolean()).isTrue();
    assertThat(refreshed.path("ttl").asLong()).isBetween(3590L, 3600L);
    client.assertNone(WsClient.isMethod("disconnect"), Duration.ofMillis(3000), "disconnect");
    assertThat(client.isOpen()).isTrue();
    client.ok("subscribe", json("channel", "news"));
  }

  @Test
  void refreshWithAnExpiredTokenIsAnswered109AndTheConnectionStays() {
    HeraldServer server = start(TestConfig.create());
    WsClient client = connected(server, "u1");

    String expired = tokens.connectionToken("u1", Duration.ofSeconds(-60), null, null);
    assertThat(client.errorCode("refresh", json("token", expired))).isEqualTo(109);
    assertThat(client.isOpen()).isTrue();
    assertThat(client.ok("refresh", json("token", token("u1"))).path("expires").asBoolean())
        .isFalse();
  }

  @Test
  void refreshWithAnotherUsersTokenIsAnswered101ThenClosedWith3500() {
    HeraldServer server = start(TestConfig.create());
    WsClient client = connected(server, "u1");

    assertThat(client.errorCode("refresh", json("token", token("u2")))).isEqualTo(101);
    assertThat(client.awaitClose().code()).isEqualTo(3500);
  }

  @Test
  void tokenChannelsClaimSubscribesServerSideAndPublicationsArrive() {
    HeraldServer server = start(TestConfig.create());
    ApiClient api = api(server);
    String token = tokens.connectionToken("u1", null, "{\"name\":\"Ann\"}",
        List.of("news", "chat:room", "nosuchns:x", "bad channel"));
    WsClient client = ws(server);

    JsonNode result = client.ok("connect", json("token", token));

    JsonNode subs = result.path("subs");
    assertThat(subs.path("news").path("recoverable").asBoolean(true)).isFalse();
    assertThat(subs.has("chat:room")).isTrue();
    assertThat(subs.has("nosuchns:x")).isFalse();
    assertThat(subs.has("bad channel")).isFalse();
    api.publish("news", "{\"n\":1}");
    api.publish("chat:room", "{\"n\":2}");
    assertThat(client.awaitMethod("publication").get("params").get("data").get("n").asInt())
        .isEqualTo(1);
    JsonNode second = client.awaitMethod("publication").get("params");
    assertThat(second.get("channel").asText()).isEqualTo("chat:room");
    assertThat(second.has("info")).isFalse();
    // Subscribed already: a client subscribe is 105.
    assertThat(client.errorCode("subscribe", json("channel", "news"))).isEqualTo(105);
    assertThat(api.call("channels", "{}").get("channels").path("news").path("numClients").asInt())
        .isEqualTo(1);
  }

  @Test
  void connInfoFromTheTokenIsAttachedToClientPublications() {
    HeraldServer server = start(TestConfig.create());
    WsClient reader = subscriber(server, "u2", "chat:room");
    WsClient writer = ws(server);
    JsonNode result = writer.ok("connect",
        json("token", tokens.connectionToken("u1", null, "{\"name\":\"Ann\"}", null)));

    writer.ok("publish", "{\"channel\":\"chat:room\",\"data\":{\"text\":\"hi\"}}");

    JsonNode params = reader.awaitMethod("publication").get("params");
    assertThat(params.get("data").get("text").asText()).isEqualTo("hi");
    assertThat(params.get("info").get("user").asText()).isEqualTo("u1");
    assertThat(params.get("info").get("client").asText()).isEqualTo(result.get("client").asText());
    assertThat(params.get("info").get("info").get("name").asText()).isEqualTo("Ann");
  }

  @Test
  void clientClosingReleasesItsConnectionAndSubscriptions() {
    HeraldServer server = start(TestConfig.create());
    ApiClient api = api(server);
    WsClient client = subscriber(server, "u1", "news", "chat:room");
    awaitInfo(api, n -> n.path("numClients").asInt() == 1 && n.path("numChannels").asInt() == 2,
        "one client on two channels");

    client.closeGracefully(1000, "bye");

    assertThat(client.awaitClose().code()).isEqualTo(1000);
    awaitInfo(api, n -> n.path("numClients").asInt() == 0 && n.path("numChannels").asInt() == 0,
        "nothing left");
  }

  @Test
  void serverShutdownClosesConnectedClientsWith3001() {
    HeraldServer server = HeraldServer.start(TestConfig.create().build(),
        HeraldServer.Options.defaults());
    WsClient client;
    try {
      client = connected(server, "u1");
    } catch (RuntimeException | AssertionError e) {
      server.close();
      throw e;
    }

    server.close();

    JsonNode disconnect = client.awaitMethod("disconnect").get("params");
    assertThat(disconnect.path("code").asInt()).isEqualTo(3001);
    assertThat(disconnect.path("reconnect").asBoolean()).isTrue();
    assertThat(client.awaitClose().code()).isEqualTo(3001);
  }

  @Test
  void tokenExpiringCenturiesFromNowIsAccepted() {
    HeraldServer server = start(TestConfig.create());
    WsClient client = ws(server);
    // exp in the year ~2400 and ~9000: valid NumericDates, far beyond 292 years of nanoseconds.
    String in400Years = tokens.connectionToken("u1", Duration.ofDays(400L * 365), null, null);
    String in7000Years = tokens.connectionToken("u1", Duration.ofDays(7000L * 365), null, null);

    JsonNode connect = client.call("connect", json("token", in400Years));
    JsonNode refresh = client.call("refresh", json("token", in7000Years));

    assertThat(connect.path("result").path("expires").asBoolean()).as("%s", connect).isTrue();
    assertThat(refresh.path("result").path("expires").asBoolean()).as("%s", refresh).isTrue();
    assertThat(client.isOpen()).isTrue();
  }

  @Test
  void duplicateChannelInTokenClaimIsReleasedWhenTheClientLeaves() {
    HeraldServer server = start(TestConfig.create());
    ApiClient api = api(server);
    WsClient client = ws(server);
    client.ok("connect", json("token", tokens.connectionToken("u1", null, null,
        List.of("news", "news"))));
    int countWhileConnected =
        api.call("channels", "{}").get("channels").path("news").path("numClients").asInt();

    client.close();
    awaitClients(api, 0);

    SoftAssertions.assertSoftly(soft -> {
      soft.assertThat(countWhileConnected).as("subscribers of news while connected").isEqualTo(1);
      soft.assertThat(api.call("channels", "{}").get("channels").size())
          .as("channels left after the only client left").isZero();
      soft.assertThat(api.info().path("numChannels").asInt()).as("numChannels").isZero();
    });
  }
}
