package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.auth.TokenMinter;
import io.herald.server.HeraldServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code subscribe}, {@code unsubscribe} and {@code publish} over loopback WebSockets: the happy
 * path and every Herald error code they can answer, private and user-limited channels.
 */
class ChannelCommandsSocketTest extends SocketTestBase {

  private static final Duration QUIET = Duration.ofMillis(300);

  @Test
  void subscribePublishUnsubscribe() {
    HeraldServer server = start(TestConfig.create());
    WsClient reader = connected(server, "u1");
    WsClient writer = connected(server, "u2");

    JsonNode subscribed = reader.ok("subscribe", json("channel", "chat:room"));
    assertThat(subscribed.path("recoverable").asBoolean(true)).isFalse();
    assertThat(writer.ok("publish",
        "{\"channel\":\"chat:room\",\"data\":{\"n\":1.50,\"s\":\"é\"}}")).isEmpty();

    JsonNode params = reader.awaitMethod("publication").get("params");
    assertThat(params.get("channel").asText()).isEqualTo("chat:room");
    assertThat(params.get("data").get("n").decimalValue()).isEqualByComparingTo("1.50");
    assertThat(params.get("data").get("s").asText()).isEqualTo("é");
    assertThat(params.get("info").get("user").asText()).isEqualTo("u2");

    assertThat(reader.ok("unsubscribe", json("channel", "chat:room"))).isEmpty();
    writer.ok("publish", json("channel", "chat:room", "data", 2));
    reader.assertNone(WsClient.isMethod("publication"), QUIET, "publication after unsubscribe");
    // Unsubscribing again is fine.
    assertThat(reader.ok("unsubscribe", json("channel", "chat:room"))).isEmpty();
  }

  @Test
  void publisherSubscribedToTheChannelGetsItsOwnPublicationAfterTheReply() {
    HeraldServer server = start(TestConfig.create());
    WsClient client = subscriber(server, "u1", "chat:room");

    long id = client.send("publish", json("channel", "chat:room", "data", "mine"));

    JsonNode first = client.next();
    assertThat(first.path("id").asLong()).isEqualTo(id);
    assertThat(first.has("result")).isTrue();
    assertThat(client.awaitMethod("publication").get("params").get("data").asText())
        .isEqualTo("mine");
  }

  @Test
  void unknownNamespaceIs102() {
    HeraldServer server = start(TestConfig.create());
    WsClient client = connected(server, "u1");

    assertThat(client.errorCode("subscribe", json("channel", "nope:room"))).isEqualTo(102);
    assertThat(client.errorCode("publish", json("channel", "nope:room", "data", 1))).isEqualTo(102);
    assertThat(client.errorCode("subscribe", json("channel", "$nope:room", "token", "x")))
        .isEqualTo(102);
  }

  @Test
  void permissionDeniedIs103() {
    HeraldServer server = start(TestConfig.create().allowAnonymous(true));
    WsClient client = connected(server, "u1");
    WsClient anonymous = ws(server);
    anonymous.ok("connect", "{}");

    assertThat(client.errorCode("subscribe", json("channel", "secret:room"))).isEqualTo(103);
    assertThat(client.errorCode("publish", json("channel", "secret:room", "data", 1)))
        .isEqualTo(103);
    // ro: subscribe yes, publish never, subscribed or not.
    client.ok("subscribe", json("channel", "ro:feed"));
    assertThat(client.errorCode("publish", json("channel", "ro:feed", "data", 1))).isEqualTo(103);
    // tasks: publish only by subscribers.
    assertThat(client.errorCode("publish", json("channel", "tasks:list#u1", "data", 1)))
        .isEqualTo(103);
    // chat: not for anonymous clients.
    assertThat(anonymous.errorCode("subscribe", json("channel", "chat:room"))).isEqualTo(103);
    assertThat(anonymous.errorCode("publish", json("channel", "chat:room", "data", 1)))
        .isEqualTo(103);
    assertThat(client.isOpen()).isTrue();
    assertThat(anonymous.isOpen()).isTrue();
  }

  @Test
  void subscribingTwiceIs105() {
    HeraldServer server = start(TestConfig.create());
    WsClient client = subscriber(server, "u1", "chat:room");

    assertThat(client.errorCode("subscribe", json("channel", "chat:room"))).isEqualTo(105);
  }

  @Test
  void channelLimitIs106() {
    HeraldServer server = start(TestConfig.create().channelLimit(2));
    WsClient client = subscriber(server, "u1", "a", "b");

    assertThat(client.errorCode("subscribe", json("channel", "c"))).isEqualTo(106);
    client.ok("unsubscribe", json("channel", "a"));
    client.ok("subscribe", json("channel", "c"));
  }

  @Test
  void invalidChannelNamesAre107() {
    HeraldServer server = start(TestConfig.create());
    WsClient client = connected(server, "u1");

    String[] invalid = {"", "a b", "chat:room!", "news\u00e9", "tasks#", "x".repeat(256)};
    for (String bad : invalid) {
      assertThat(client.errorCode("subscribe", json("channel", bad))).as("subscribe %s", bad)
          .isEqualTo(107);
      assertThat(client.errorCode("publish", json("channel", bad, "data", 1)))
          .as("publish %s", bad).isEqualTo(107);
      assertThat(client.errorCode("unsubscribe", json("channel", bad)))
          .as("unsubscribe %s", bad).isEqualTo(107);
    }
    // 255 characters is the longest name accepted.
    client.ok("subscribe", json("channel", "x".repeat(255)));
  }

  @Test
  void privateChannelNeedsAValidSubscriptionToken() {
    HeraldServer server = start(TestConfig.create());
    ApiClient api = api(server);
    WsClient client = connected(server, "u1");
    String channel = "$secret:room";

    assertThat(client.errorCode("subscribe", json("channel", channel))).as("no token")
        .isEqualTo(103);
    assertThat(client.errorCode("subscribe", json("channel", channel,
        "token", tokens.subscriptionToken("u1", "$secret:other", null)))).as("other channel")
        .isEqualTo(103);
    assertThat(client.errorCode("subscribe", json("channel", channel,
        "token", tokens.subscriptionToken("u2", channel, null)))).as("other user")
        .isEqualTo(103);
    String forged = new TokenMinter("another-secret-that-is-long-enough-0123", Clock.systemUTC())
        .subscriptionToken("u1", channel, null);
    assertThat(client.errorCode("subscribe", json("channel", channel, "token", forged)))
        .as("forged").isEqualTo(103);
    assertThat(client.errorCode("subscribe", json("channel", channel,
        "token", tokens.subscriptionToken("u1", channel, Duration.ofSeconds(-60)))))
        .as("expired").isEqualTo(109);
    assertThat(client.isOpen()).isTrue();

    JsonNode result = client.ok("subscribe", json("channel", channel,
        "token", tokens.subscriptionToken("u1", channel, Duration.ofMinutes(5))));

    assertThat(result.path("recoverable").asBoolean(true)).isFalse();
    api.publish(channel, "{\"secret\":true}");
    assertThat(client.awaitMethod("publication").get("params").get("channel").asText())
        .isEqualTo(channel);
    assertThat(client.errorCode("subscribe", json("channel", channel,
        "token", tokens.subscriptionToken("u1", channel, null)))).isEqualTo(105);
  }

  @Test
  void userLimitedChannelReachesEveryDeviceOfItsUserAndNobodyElse() {
    HeraldServer server = start(TestConfig.create());
    ApiClient api = api(server);
    String channel = "tasks:list#u1";
    WsClient phone = subscriber(server, "u1", channel);
    WsClient laptop = subscriber(server, "u1", channel);
    WsClient intruder = connected(server, "u2");

    assertThat(intruder.errorCode("subscribe", json("channel", channel))).isEqualTo(103);
    assertThat(intruder.errorCode("subscribe", json("channel", "tasks:list#u1,u3")))
        .isEqualTo(103);

    for (int i = 0; i < 5; i++) {
      api.publish(channel, "{\"seq\":" + i + "}");
    }
    phone.ok("publish", json("channel", channel, "data", Map.of("seq", 5)));

    for (WsClient device : new WsClient[] {phone, laptop}) {
      for (int i = 0; i <= 5; i++) {
        assertThat(device.awaitMethod("publication").get("params").get("data").get("seq").asInt())
            .isEqualTo(i);
      }
    }
    intruder.assertNone(WsClient.isMethod("publication"), QUIET, "publication");
  }

  @Test
  void privateAndUserLimitedChannelsTakePublicationsOnlyFromTheirMembers() {
    HeraldServer server = start(TestConfig.create());
    // The default namespace lets any client publish; a channel's own limits still apply
    // (Permissions.mayPublish).
    WsClient u1 = subscriber(server, "u1", "dm#u1,u2");
    WsClient u3 = connected(server, "u3");

    assertThat(u3.errorCode("publish", json("channel", "dm#u1,u2", "data", 1)))
        .isEqualTo(103);
    assertThat(u3.errorCode("publish", json("channel", "$room", "data", 1)))
        .as("private channel, not subscribed").isEqualTo(103);
    u1.assertNone(WsClient.isMethod("publication"), QUIET, "publication from an outsider");

    u3.ok("subscribe", json("channel", "$room",
        "token", tokens.subscriptionToken("u3", "$room", null)));
    u3.ok("publish", json("channel", "$room", "data", 2));
    assertThat(u3.awaitMethod("publication").get("params").get("data").asInt()).isEqualTo(2);
  }

  @Test
  void channelListingSeveralUsersIsOpenToEachOfThem() {
    HeraldServer server = start(TestConfig.create());
    String channel = "tasks:dm#u1,u2";
    WsClient u1 = subscriber(server, "u1", channel);
    WsClient u2 = subscriber(server, "u2", channel);
    WsClient u3 = connected(server, "u3");

    assertThat(u3.errorCode("subscribe", json("channel", channel))).isEqualTo(103);
    u1.ok("publish", json("channel", channel, "data", "hello"));

    assertThat(u2.awaitMethod("publication").get("params").get("data").asText())
        .isEqualTo("hello");
    assertThat(u1.awaitMethod("publication").get("params").get("info").get("user").asText())
        .isEqualTo("u1");
  }
}
