package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.NamespaceConfig;
import io.herald.engine.redis.RedisTests;
import io.herald.server.HeraldServer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * subscribe, history and presence on channels nobody published to leave nothing lasting in the
 * engine: a client looping over made-up channel names leaves no key that outlives a minute. A
 * subscriber that came before the first publication still gets it.
 */
class ReadsLeaveNoStateSocketTest extends SocketTestBase {

  private final RedisTestEngine redis = new RedisTestEngine();

  @AfterEach
  void deleteKeys() {
    redis.deleteKeys();
  }

  private HeraldServer server() {
    return start(TestConfig.create().engine(redis.config()).client("rateLimit", 0).namespace(
        NamespaceConfig.defaults("h").with("historySize", 10)
            .with("historyTtl", Duration.ofMinutes(5))
            .with("presence", true)
            .with("allowSubscribeForClient", true).with("allowPublishForClient", true)
            .with("allowHistoryForClient", true).with("allowPresenceForClient", true)));
  }

  @Test
  void readsOfMadeUpChannelsLeaveNothingLasting() {
    HeraldServer server = server();
    WsClient probe = connected(server, "attacker");

    for (int i = 0; i < 100; i++) {
      String channel = "h:" + UUID.randomUUID();
      probe.ok("subscribe", WsClient.json("channel", channel));
      probe.ok("history", WsClient.json("channel", channel));
      probe.ok("presence", WsClient.json("channel", channel));
      probe.ok("presenceStats", WsClient.json("channel", channel));
      probe.ok("unsubscribe", WsClient.json("channel", channel));
      probe.ok("history", WsClient.json("channel", "h:" + UUID.randomUUID()));
    }

    assertThat(RedisTests.longestTtlMillis(RedisTests.ADDRESS, redis.prefix()))
        .as("no key a read made outlives a minute (historyMetaTtl is 30 days)")
        .isLessThanOrEqualTo(Duration.ofMinutes(1).toMillis());
  }

  @Test
  void aSubscriberFromBeforeTheFirstPublicationGetsIt() {
    HeraldServer server = server();
    String channel = "h:" + UUID.randomUUID();
    WsClient early = connected(server, "early");
    JsonNode subscribed = early.ok("subscribe", WsClient.json("channel", channel));
    assertThat(subscribed.path("offset").asLong()).isZero();

    api(server).publish(channel, "{\"n\":1}");
    JsonNode first = early.awaitMethod("publication").get("params");
    assertThat(first.at("/data/n").asInt()).isEqualTo(1);
    assertThat(RedisTests.longestTtlMillis(RedisTests.ADDRESS, redis.prefix()))
        .as("a publication gives the stream its full meta TTL")
        .isGreaterThan(Duration.ofMinutes(1).toMillis());
  }
}
