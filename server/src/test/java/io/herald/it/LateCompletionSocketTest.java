package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.NamespaceConfig;
import io.herald.server.HeraldServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A subscribe or connect that finishes after its connection closed (a slow subscribe proxy, a
 * slow connect proxy) leaves nothing behind: no hub entry, no presence entry, no registered
 * session.
 */
class LateCompletionSocketTest extends ProxyTestBase {

  private final AtomicInteger answered = new AtomicInteger();

  private static TestBackend.Answer slow(TestBackend.Answer answer, AtomicInteger done) {
    try {
      Thread.sleep(800);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    done.incrementAndGet();
    return answer;
  }

  private HeraldServer server() {
    return start(TestConfig.create().proxy(proxy(Duration.ofSeconds(5))).namespace(
        NamespaceConfig.defaults("mod").withProxies(true, true).with("presence", true)
            .with("joinLeave", true)));
  }

  @Test
  void aSubscribeThatFinishesAfterTheCloseLeavesNoHubOrPresenceEntry() {
    backend.subscribe = body -> slow(TestBackend.Answer.json("{\"result\":{}}"), answered);
    HeraldServer server = server();
    ApiClient api = api(server);
    WsClient client = connected(server, "ann");

    client.send("subscribe", WsClient.json("channel", "mod:room"));
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> backend.nextCall() != null);
    client.closeGracefully(1000, "bye");
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> answered.get() == 1);

    Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> {
          assertThat(api.call("channels", "{}").get("channels").has("mod:room")).isFalse();
          assertThat(api.call("presence", WsClient.json("channel", "mod:room"))
              .get("clients").size()).isZero();
        });
  }

  @Test
  void aConnectThatFinishesAfterTheCloseRegistersNoSession() {
    backend.connect = body -> slow(
        TestBackend.Answer.json("{\"result\":{\"user\":\"zed\",\"channels\":[\"mod:room\"]}}"),
        answered);
    HeraldServer server = server();
    ApiClient api = api(server);
    WsClient client = ws(server);

    client.send("connect", "{}");
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> backend.nextCall() != null);
    client.closeGracefully(1000, "bye");
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> answered.get() == 1);

    Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> {
          assertThat(api.call("info", "{}").at("/nodes/0/numClients").asInt()).isZero();
          assertThat(api.call("info", "{}").at("/nodes/0/numUsers").asInt()).isZero();
          assertThat(api.call("channels", "{}").get("channels").has("mod:room")).isFalse();
        });
  }
}
