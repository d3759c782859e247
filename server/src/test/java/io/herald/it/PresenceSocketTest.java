package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.NamespaceConfig;
import io.herald.server.HeraldServer;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Presence, presence stats, and join/leave notifications over real WebSocket connections. */
class PresenceSocketTest extends SocketTestBase {

  /** Namespace {@code room}: presence on, readable by subscribers, join/leave pushed. */
  private static NamespaceConfig room() {
    return NamespaceConfig.defaults("room")
        .with("allowSubscribeForClient", true)
        .with("allowPresenceForSubscriber", true)
        .with("presence", true)
        .with("joinLeave", true);
  }

  /** Namespace {@code lobby}: join/leave only for subscribers that ask. */
  private static NamespaceConfig lobby() {
    return NamespaceConfig.defaults("lobby")
        .with("allowSubscribeForClient", true)
        .with("allowJoinLeaveForSubscriber", true);
  }

  private HeraldServer server() {
    return start(TestConfig.create().namespace(room()).namespace(lobby()));
  }

  private WsClient device(HeraldServer server, String user, String info) {
    WsClient client = ws(server);
    client.ok("connect", WsClient.json("token", tokens.connectionToken(user, null, info, null)));
    client.ok("subscribe", WsClient.json("channel", "room:1"));
    return client;
  }

  private static void awaitPresence(ApiClient api, int clients) {
    Awaitility.await("presence of " + clients).atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> api.call("presence", "{\"channel\":\"room:1\"}").get("clients").size(),
            n -> n == clients);
  }

  @Test
  void severalDevicesOfOneUserAreSeveralClientsOfOneUser() {
    HeraldServer server = server();
    WsClient phone = device(server, "ann", "{\"name\":\"Ann\"}");
    WsClient laptop = device(server, "ann", "{\"name\":\"Ann\"}");
    WsClient desk = device(server, "bob", null);

    JsonNode presence = phone.ok("presence", WsClient.json("channel", "room:1"));
    JsonNode clients = presence.get("clients");
    assertThat(clients.size()).isEqualTo(3);
    String phoneId = findClient(clients, "ann");
    assertThat(clients.get(phoneId).get("user").asText()).isEqualTo("ann");
    assertThat(clients.get(phoneId).at("/info/name").asText()).isEqualTo("Ann");
    JsonNode stats = laptop.ok("presenceStats", WsClient.json("channel", "room:1"));
    assertThat(stats.get("numClients").asInt()).isEqualTo(3);
    assertThat(stats.get("numUsers").asInt()).isEqualTo(2);
    JsonNode viaApi = api(server).call("presenceStats", "{\"channel\":\"room:1\"}");
    assertThat(viaApi).isEqualTo(stats);
    assertThat(desk.errorCode("presence", WsClient.json("channel", "room:2"))).isEqualTo(103);
    assertThat(desk.errorCode("presence", WsClient.json("channel", "chat:1"))).isEqualTo(103);
    assertThat(api(server).errorCall("presence", "{\"channel\":\"chat:1\"}")).isEqualTo(108);
  }

  private static String findClient(JsonNode clients, String user) {
    var it = clients.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (e.getValue().get("user").asText().equals(user)) {
        return e.getKey();
      }
    }
    throw new AssertionError("no client of " + user + " in " + clients);
  }

  @Test
  void aCleanCloseAndADroppedConnectionLeavePresenceAtOnce() {
    HeraldServer server = server();
    ApiClient api = api(server);
    WsClient phone = device(server, "ann", null);
    WsClient laptop = device(server, "ann", null);
    device(server, "bob", null);
    awaitPresence(api, 3);
    phone.closeGracefully(1000, "bye");
    awaitPresence(api, 2);
    laptop.close();
    awaitPresence(api, 1);
  }

  @Test
  void aSilentConnectionLeavesPresenceWhenItsPongIsLate() {
    HeraldServer server = start(TestConfig.create().namespace(room())
        .ping(Duration.ofSeconds(1), Duration.ofMillis(500)));
    ApiClient api = api(server);
    WsClient silent = device(server, "ann", null);
    awaitPresence(api, 1);
    assertThat(silent.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(3012);
    awaitPresence(api, 0);
  }

  @Test
  void subscribersAreToldOfJoinsAndLeaves() {
    HeraldServer server = server();
    WsClient ann = device(server, "ann", "{\"name\":\"Ann\"}");
    WsClient bob = device(server, "bob", null);
    JsonNode join = ann.await(m -> WsClient.isMethod("join").test(m)
        && m.at("/params/info/user").asText().equals("bob"), WsClient.TIMEOUT, "bob's join");
    assertThat(join.at("/params/channel").asText()).isEqualTo("room:1");
    assertThat(join.at("/params/info/client").asText()).isNotBlank();
    bob.ok("unsubscribe", WsClient.json("channel", "room:1"));
    JsonNode leave = ann.await(WsClient.isMethod("leave"), WsClient.TIMEOUT, "bob's leave");
    assertThat(leave.at("/params/info/user").asText()).isEqualTo("bob");
    assertThat(leave.at("/params/info/client").asText())
        .isEqualTo(join.at("/params/info/client").asText());
    bob.ok("subscribe", WsClient.json("channel", "room:1"));
    ann.await(WsClient.isMethod("join"), WsClient.TIMEOUT, "bob's second join");
    bob.close();
    ann.await(WsClient.isMethod("leave"), WsClient.TIMEOUT, "the leave of a dropped connection");
  }

  @Test
  void joinLeaveOnRequestGoesOnlyToThoseWhoAsked() {
    HeraldServer server = server();
    WsClient asked = connected(server, "ann");
    asked.ok("subscribe", "{\"channel\":\"lobby:1\",\"joinLeave\":true}");
    WsClient quiet = subscriber(server, "bob", "lobby:1");
    asked.await(m -> WsClient.isMethod("join").test(m)
        && m.at("/params/info/user").asText().equals("bob"), WsClient.TIMEOUT, "bob's join");
    connected(server, "cid").ok("subscribe", WsClient.json("channel", "lobby:1"));
    asked.await(m -> WsClient.isMethod("join").test(m)
        && m.at("/params/info/user").asText().equals("cid"), WsClient.TIMEOUT, "cid's join");
    quiet.assertNone(WsClient.isMethod("join"), Duration.ofMillis(300), "a join");
    assertThat(quiet.errorCode("subscribe", "{\"channel\":\"chat:1\",\"joinLeave\":true}"))
        .isEqualTo(103);
  }
}
