package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.server.HeraldServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The task-app case: each user's devices subscribe to that user's {@code tasks:list#<user>}
 * channel; the backend publishes through the HTTP API; every change reaches exactly that user's
 * devices.
 */
class UserIsolationSocketTest extends SocketTestBase {

  private static final int CHANGES = 20;

  @Test
  void apiPublicationsReachExactlyTheDevicesOfTheirUser() {
    HeraldServer server = start(TestConfig.create());
    ApiClient api = api(server);
    Map<String, List<WsClient>> devices = Map.of(
        "alice", List.of(subscriber(server, "alice", "tasks:list#alice"),
            subscriber(server, "alice", "tasks:list#alice")),
        "bob", List.of(subscriber(server, "bob", "tasks:list#bob"),
            subscriber(server, "bob", "tasks:list#bob")));
    // Neither can listen in on the other.
    assertThat(devices.get("bob").get(0).errorCode("subscribe",
        json("channel", "tasks:list#alice"))).isEqualTo(103);
    assertThat(devices.get("alice").get(1).errorCode("subscribe",
        json("channel", "tasks:list#bob"))).isEqualTo(103);

    // Interleaved, so that both channels' fan-outs run on the same loops at the same time.
    for (int i = 0; i < CHANGES; i++) {
      for (String user : List.of("alice", "bob")) {
        api.publish("tasks:list#" + user, json("owner", user, "seq", i));
      }
    }
    for (String user : List.of("alice", "bob")) {
      api.publish("tasks:list#" + user, json("owner", user, "seq", "end"));
    }

    devices.forEach((user, list) -> {
      for (WsClient device : list) {
        device.await(m -> WsClient.isPublication("tasks:list#" + user).test(m)
            && "end".equals(m.get("params").get("data").get("seq").asText()),
            WsClient.TIMEOUT, "the end marker of " + user);
      }
    });
    // Every end marker has arrived: what was published before it has been delivered too.
    devices.forEach((user, list) -> {
      for (WsClient device : list) {
        List<JsonNode> received = device.take(WsClient.isMethod("publication"));
        assertThat(received).as("%s's device", user).hasSize(CHANGES);
        for (int i = 0; i < CHANGES; i++) {
          JsonNode params = received.get(i).get("params");
          assertThat(params.get("channel").asText()).isEqualTo("tasks:list#" + user);
          assertThat(params.get("data").get("owner").asText()).isEqualTo(user);
          assertThat(params.get("data").get("seq").asInt()).isEqualTo(i);
        }
        assertThat(device.snapshot()).as("nothing else for %s", user).isEmpty();
      }
    });
  }

  @Test
  void aChangeFromOneDeviceReachesTheUsersOtherDevicesOnly() {
    HeraldServer server = start(TestConfig.create());
    WsClient alicePhone = subscriber(server, "alice", "tasks:list#alice");
    WsClient aliceLaptop = subscriber(server, "alice", "tasks:list#alice");
    WsClient bobPhone = subscriber(server, "bob", "tasks:list#bob");

    alicePhone.ok("publish", "{\"channel\":\"tasks:list#alice\",\"data\":{\"done\":\"milk\"}}");

    JsonNode params = aliceLaptop.awaitMethod("publication").get("params");
    assertThat(params.get("data").get("done").asText()).isEqualTo("milk");
    assertThat(params.get("info").get("user").asText()).isEqualTo("alice");
    alicePhone.awaitMethod("publication");
    bobPhone.assertNone(WsClient.isMethod("publication"), java.time.Duration.ofMillis(300),
        "publication of another user");
    // Bob may not publish into Alice's channel: tasks lets only subscribers publish.
    assertThat(bobPhone.errorCode("publish",
        "{\"channel\":\"tasks:list#alice\",\"data\":{\"evil\":true}}")).isEqualTo(103);
  }
}
