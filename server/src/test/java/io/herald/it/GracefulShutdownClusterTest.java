package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.HeraldConfig;
import io.herald.config.NamespaceConfig;
import io.herald.config.ShutdownConfig;
import io.herald.server.HeraldServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A graceful shutdown (what SIGTERM runs) of one node of a two-node cluster sharing the machine's
 * Redis: its client is told 3001, reconnects to the other node and recovers, and nothing that was
 * published before or during the shutdown is lost, repeated or reordered.
 */
class GracefulShutdownClusterTest extends SocketTestBase {

  private static final String CHANNEL = "feed:orders";
  private static final int BEFORE = 50;
  private static final int DURING = 200;

  private final RedisTestEngine redis = new RedisTestEngine();

  @AfterEach
  void deleteKeys() {
    redis.deleteKeys();
  }

  private HeraldConfig clusterConfig() {
    NamespaceConfig feed = NamespaceConfig.defaults("feed")
        .with("allowSubscribeForClient", true)
        .with("historySize", 1000)
        .with("historyTtl", Duration.ofMinutes(5));
    return TestConfig.create().namespace(feed).build()
        .with("engine", redis.config())
        .with("shutdown", new ShutdownConfig(Duration.ofMillis(200), Duration.ofSeconds(10)));
  }

  @Test
  void nothingPublishedBeforeTheShutdownIsLostToAClientThatRecoversOnAnotherNode()
      throws Exception {
    HeraldServer leaving = start(clusterConfig());
    HeraldServer staying = start(clusterConfig());
    ApiClient api = api(staying);

    WsClient client = connected(leaving, "ann");
    String epoch = client.ok("subscribe", WsClient.json("channel", CHANNEL)).path("epoch").asText();
    for (int i = 1; i <= BEFORE; i++) {
      api.publish(CHANNEL, Integer.toString(i));
    }
    Awaitility.await("the first publications").atMost(WsClient.TIMEOUT)
        .until(() -> client.count(WsClient.isPublication(CHANNEL)) == BEFORE);

    // Publishes keep coming through the other node while this one drains.
    CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
      for (int i = BEFORE + 1; i <= BEFORE + DURING; i++) {
        api.publish(CHANNEL, Integer.toString(i));
      }
    });
    assertThat(leaving.shutdownGracefully()).isTrue();
    assertThat(client.awaitClose().code()).isEqualTo(3001);
    publishing.get();

    List<JsonNode> seen = client.take(WsClient.isPublication(CHANNEL));
    JsonNode last = seen.get(seen.size() - 1).get("params");
    WsClient again = connected(staying, "ann");
    JsonNode result = again.ok("subscribe", WsClient.json(
        "channel", CHANNEL, "recover", true,
        "offset", last.get("offset").asLong(), "epoch", epoch));
    assertThat(result.path("recovered").asBoolean()).isTrue();

    List<Integer> all = new ArrayList<>();
    seen.forEach(m -> all.add(m.path("params").path("data").asInt()));
    result.path("publications").forEach(p -> all.add(p.path("data").asInt()));
    List<Integer> expected = new ArrayList<>();
    for (int i = 1; i <= BEFORE + DURING; i++) {
      expected.add(i);
    }
    assertThat(all).containsExactlyElementsOf(expected);
  }
}
