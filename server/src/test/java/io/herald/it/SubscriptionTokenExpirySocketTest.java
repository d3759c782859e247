package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.server.HeraldServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A subscription token's {@code exp} is honoured for the life of the subscription: at {@code exp}
 * plus {@code client.expiryGrace} the server ends it with unsubscribe 2501, and a fresh token
 * subscribes again.
 */
class SubscriptionTokenExpirySocketTest extends SocketTestBase {

  @Test
  void theSubscriptionEndsWhenItsTokenExpires() {
    HeraldServer server = start(TestConfig.create().expiryGrace(Duration.ofSeconds(1)));
    WsClient client = connected(server, "u1");
    String channel = "$secret:room";

    client.ok("subscribe", WsClient.json("channel", channel,
        "token", tokens.subscriptionToken("u1", channel, Duration.ofSeconds(2))));
    api(server).publish(channel, "{\"n\":1}");
    client.await(WsClient.isPublication(channel), WsClient.TIMEOUT, "a publication");

    JsonNode ended = client.await(WsClient.isMethod("unsubscribe"), Duration.ofSeconds(8),
        "the unsubscribe at exp + expiryGrace").get("params");
    assertThat(ended.path("channel").asText()).isEqualTo(channel);
    assertThat(ended.path("code").asInt()).isEqualTo(2501);
    api(server).publish(channel, "{\"n\":2}");
    client.assertNone(WsClient.isPublication(channel), Duration.ofMillis(300), "a publication");
    assertThat(client.isOpen()).isTrue();

    client.ok("subscribe", WsClient.json("channel", channel,
        "token", tokens.subscriptionToken("u1", channel, Duration.ofHours(1))));
  }

  @Test
  void aTokenWithoutExpiryKeepsTheSubscription() {
    HeraldServer server = start(TestConfig.create().expiryGrace(Duration.ofSeconds(1)));
    WsClient client = connected(server, "u1");
    client.ok("subscribe", WsClient.json("channel", "$secret:open",
        "token", tokens.subscriptionToken("u1", "$secret:open", null)));
    client.assertNone(WsClient.isMethod("unsubscribe"), Duration.ofSeconds(2), "an unsubscribe");
  }
}
