package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.BrokerConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.NatsConfig;
import io.herald.server.HeraldServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Herald nodes on loopback with {@code broker: nats} (the machine's NATS, a subject prefix of
 * this test's own): what is published on one node reaches WebSocket subscribers on the other, and
 * API commands reach users wherever they are connected.
 */
class NatsClusterSocketTest extends SocketTestBase {

  private HeraldServer a;
  private HeraldServer b;

  @BeforeEach
  void startTwoNodes() {
    NatsConfig nats = NatsConfig.defaults().withUrl("nats://127.0.0.1:4222").withPrefix(
        "herald-it-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
    HeraldConfig config = TestConfig.create().build()
        .with("broker", new BrokerConfig(BrokerConfig.NATS, nats));
    a = start(config);
    b = start(config);
  }

  @Test
  void aPublicationOnOneNodeReachesSubscribersOnBoth() {
    WsClient onA = subscriber(a, "ann", "chat:lobby");
    WsClient onB = subscriber(b, "bob", "chat:lobby");
    api(a).publish("chat:lobby", "{\"text\":\"from the API on a\"}");
    onB.ok("publish", "{\"channel\":\"chat:lobby\",\"data\":{\"text\":\"from bob on b\"}}");
    // Two publishers on two nodes: NATS keeps each one's order, not an order between them.
    for (WsClient client : new WsClient[] {onA, onB}) {
      JsonNode first = client.awaitMethod("publication").get("params");
      JsonNode second = client.awaitMethod("publication").get("params");
      assertThat(List.of(first.at("/data/text").asText(), second.at("/data/text").asText()))
          .containsExactlyInAnyOrder("from the API on a", "from bob on b");
      JsonNode bobs = first.at("/data/text").asText().equals("from bob on b") ? first : second;
      assertThat(bobs.at("/info/user").asText()).isEqualTo("bob");
    }
  }

  @Test
  void apiCommandsReachTheUserOnTheOtherNode() {
    WsClient carl = connected(b, "carl");
    api(a).call("subscribe", json("user", "carl", "channel", "chat:news"));
    assertThat(carl.awaitMethod("subscribe").at("/params/channel").asText())
        .isEqualTo("chat:news");
    api(a).publish("chat:news", "{\"n\":1}");
    assertThat(carl.awaitMethod("publication").at("/params/data/n").asInt()).isEqualTo(1);
    api(a).call("disconnect", json("user", "carl"));
    assertThat(carl.awaitMethod("disconnect").at("/params/code").asInt()).isEqualTo(3503);
  }

  @Test
  void infoListsBothNodes() {
    ApiClient api = api(a);
    Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
        .until(() -> api.call("info", "{}").get("nodes").size() == 2);
  }
}
