package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.server.HeraldServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every inbound frame is charged against the command rate: frames that do not parse, name no or
 * an unknown method, or carry bad params end, when they flood, in 111 and then close 3013, as a
 * flood of valid commands does; notifications of unknown methods too, answered with nothing.
 */
class InvalidFrameFloodSocketTest extends SocketTestBase {

  private HeraldServer server() {
    return start(TestConfig.create()
        .client("rateLimit", 5).client("rateBurst", 5)
        .client("rateLimitGrace", Duration.ofSeconds(2)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "not json at all",
      "{\"jsonrpc\":\"2.0\",\"id\":7}",
      "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"nope\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"publish\",\"params\":{\"channel\":5}}"})
  void aFloodOfInvalidRequestsGets111ThenClose3013(String garbage) {
    HeraldServer server = server();
    WsClient flood = connected(server, "ann");
    int refused = 0;
    for (int i = 0; i < 12; i++) {
      flood.sendText(garbage);
      JsonNode answer = flood.await(m -> m.has("error"), WsClient.TIMEOUT, "an error");
      if (answer.at("/error/code").asInt() == 111) {
        refused++;
      }
    }
    assertThat(refused).as("charged like commands: the burst of 5 is spent").isGreaterThan(5);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (flood.isOpen() && System.nanoTime() < deadline) {
      flood.sendText(garbage);
      sleep(20);
    }
    assertThat(flood.awaitMethod("disconnect").at("/params/code").asInt()).isEqualTo(3013);
    assertThat(flood.awaitClose().code()).isEqualTo(3013);
  }

  @Test
  void notificationsOfUnknownMethodsAreAnsweredWithNothingButCharged() {
    HeraldServer server = server();
    WsClient flood = connected(server, "ann");
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (flood.isOpen() && System.nanoTime() < deadline) {
      flood.notify("nope", "{}");
      sleep(20);
    }
    assertThat(flood.snapshot()).noneMatch(m -> m.has("error"));
    assertThat(flood.awaitClose().code()).isEqualTo(3013);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
