package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.BrokerConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.NatsConfig;
import io.herald.engine.nats.NatsServerProcess;
import io.herald.server.HeraldServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A Herald node with {@code broker: nats} whose NATS (a server of this test's own) goes away and
 * comes back: clients stay, publishes fail with 108 meanwhile, {@code info} and {@code /ready}
 * say so, and everything works again after the reconnect.
 */
class NatsOutageSocketTest extends SocketTestBase {

  @Test
  void theNodeReportsTheOutageFailsPublishesAndRecovers() throws Exception {
    NatsServerProcess nats = track(new NatsServerProcess());
    nats.start();
    HeraldConfig config = TestConfig.create().build().with("broker", new BrokerConfig(
        BrokerConfig.NATS, NatsConfig.defaults().withUrl(nats.url())));
    HeraldServer node = start(config);
    ApiClient api = api(node);
    WsClient ann = subscriber(node, "ann", "chat:room");

    nats.stop();
    Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
        .until(() -> !api.call("info", "{}").at("/engine/up").asBoolean());
    assertThat(api.call("info", "{}").at("/engine/detail").asText()).startsWith("nats:");
    HttpResponse<String> notReady = ready(node);
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).as("the client port names no internal host")
        .contains("broker unavailable").doesNotContain("127.0.0.1").doesNotContain("nats:");
    assertThat(ann.errorCode("publish", "{\"channel\":\"chat:room\",\"data\":{\"n\":1}}"))
        .isEqualTo(108);
    assertThat(api.errorCall("publish", "{\"channel\":\"chat:room\",\"data\":{\"n\":2}}"))
        .isEqualTo(108);
    assertThat(ann.isOpen()).isTrue();

    nats.start();
    Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> api.call("info", "{}").at("/engine/up").asBoolean());
    assertThat(ready(node).statusCode()).isEqualTo(200);
    api.publish("chat:room", "{\"n\":3}");
    JsonNode p = ann.awaitMethod("publication").get("params");
    assertThat(p.at("/data/n").asInt()).isEqualTo(3);
  }

  @Test
  void aNodeWhoseNatsIsNotThereDoesNotStartAndSaysWhy() throws Exception {
    NatsServerProcess neverStarted = new NatsServerProcess();
    HeraldConfig config = TestConfig.create().build().with("broker", new BrokerConfig(
        BrokerConfig.NATS, NatsConfig.defaults().withUrl(neverStarted.url())));
    assertThatThrownBy(() -> start(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("broker.nats.url: cannot connect to NATS");
  }

  private HttpResponse<String> ready(HeraldServer node) throws Exception {
    return http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + node.port() + "/ready"))
        .timeout(WsClient.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
  }
}
