package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.server.HeraldServer;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} after real traffic: every number moved by what the traffic did. */
class MetricsScrapeSocketTest extends SocketTestBase {

  private static final String WS = "{transport=\"websocket\"}";

  @Test
  void countersGaugesAndHistogramsFollowRealTraffic() {
    HeraldServer server = start(TestConfig.create());
    Scrape before = Scrape.of(http, server.port());
    assertThat(before.get("herald_clients")).isZero();
    assertThat(before.get("herald_deliveries_total{namespace=\"chat\"}")).isZero();

    WsClient ann = subscriber(server, "ann", "chat:room1");
    WsClient bob = subscriber(server, "bob", "chat:room1", "chat:room2");
    WsClient refused = connected(server, "cy");
    assertThat(refused.call("subscribe", WsClient.json("channel", "nope:x")).path("error")
        .path("code").asInt()).isEqualTo(102);
    ApiClient api = api(server);
    for (int i = 0; i < 3; i++) {
      api.publish("chat:room1", "{\"n\":" + i + "}");
    }
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(
        () -> Scrape.of(http, server.port()).get("herald_deliveries_total{namespace=\"chat\"}")
            == 6);

    Scrape after = Scrape.of(http, server.port());
    assertThat(after.get("herald_connections" + WS)).isEqualTo(3);
    assertThat(after.get("herald_clients")).isEqualTo(3);
    assertThat(after.get("herald_users")).isEqualTo(3);
    assertThat(after.get("herald_subscriptions")).isEqualTo(3);
    assertThat(after.get("herald_channels")).isEqualTo(2);
    assertThat(after.get("herald_nodes")).isEqualTo(1);
    assertThat(after.get("herald_ready")).isEqualTo(1);
    assertThat(after.get("herald_publications_total{namespace=\"chat\"}")).isEqualTo(3);
    assertThat(after.get("herald_delivered_bytes_total{namespace=\"chat\"}"))
        .isGreaterThan(6 * 40);
    assertThat(after.get("herald_delivery_latency_seconds_count")).isBetween(3.0, 6.0);
    assertThat(after.get("herald_command_duration_seconds_count{method=\"connect\"}"))
        .isEqualTo(3);
    assertThat(after.get("herald_command_duration_seconds_count{method=\"subscribe\"}"))
        .isEqualTo(4);
    assertThat(after.get("herald_command_errors_total{code=\"102\",method=\"subscribe\"}"))
        .isEqualTo(1);
    assertThat(after.get("herald_messages_received_total" + WS)).isEqualTo(7);
    assertThat(after.get("herald_received_bytes_total" + WS)).isGreaterThan(7 * 40);
    assertThat(after.get("herald_messages_sent_total" + WS)).isEqualTo(7);
    assertThat(after.get("herald_api_requests_total{method=\"publish\",status=\"200\"}"))
        .isEqualTo(3);
    assertThat(after.get(
        "herald_engine_call_duration_seconds_count{engine=\"broker\",operation=\"publish\"}"))
        .isEqualTo(3);
    assertThat(after.get(
        "herald_engine_call_duration_seconds_count{engine=\"broker\",operation=\"subscribe\"}"))
        .isEqualTo(2);
    assertThat(after.get("herald_outbound_queue_bytes")).isGreaterThanOrEqualTo(0);
    assertThat(after.has("herald_netty_direct_memory_used_bytes")).isTrue();
    assertThat(after.text()).containsPattern("herald_netty_allocator_used_bytes\\{allocator=\"\\w+\",memory=\"direct\"} [1-9]");
    assertThat(after.text()).contains("jvm_memory_used_bytes{area=\"heap\"}");
    assertThat(after.text()).contains("jvm_buffer_pool_used_bytes{pool=\"direct\"}");
    // Bounded cardinality: no channel, user or client appears as a label.
    assertThat(after.text()).doesNotContain("room1", "\"ann\"", "channel=", "user=");

    bob.close();
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(
        () -> Scrape.of(http, server.port()).get("herald_disconnects_total{code=\"0\"}") == 1);
    api.call("disconnect", "{\"user\":\"cy\"}");
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(
        () -> Scrape.of(http, server.port()).get("herald_disconnects_total{code=\"3503\"}") == 1);
    Scrape end = Scrape.of(http, server.port());
    assertThat(end.get("herald_connections" + WS)).isEqualTo(1);
    assertThat(end.get("herald_subscriptions")).isEqualTo(1);
  }
}
