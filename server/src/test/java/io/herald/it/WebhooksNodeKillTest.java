package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.engine.redis.RedisTests;
import io.herald.webhooks.WebhookReceiver;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two {@code herald serve} processes on Redis; one is killed with SIGKILL (no goodbye): the
 * survivor sends its user's {@code user.offline} and its channel's {@code channel.vacated}, each
 * once, within the bound docs/webhooks.md states (7 s for vacated, 8 s plus the grace for
 * offline), while what the survivor still has stays occupied and online.
 */
class WebhooksNodeKillTest extends SocketTestBase {

  private static final Logger log = LoggerFactory.getLogger(WebhooksNodeKillTest.class);
  private static final Duration GRACE = Duration.ofSeconds(1);

  @TempDir Path dir;

  private final String prefix = RedisTests.freshPrefix();
  private WebhookReceiver receiver;

  @AfterEach
  void cleanUp() {
    if (receiver != null) {
      receiver.close();
    }
    RedisTests.deleteKeys(RedisTests.ADDRESS, prefix);
  }

  private Path config(String name) throws Exception {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, """
        port: 0
        address: 127.0.0.1
        token:
          hmacSecret: "%s"
        namespaces:
          - name: room
            allowSubscribeForClient: true
        internal:
          port: 0
        engine:
          type: redis
          redis:
            address: "%s"
            prefix: "%s"
        webhookOfflineGrace: %dms
        webhooks:
          - url: "%s"
            secret: "%s"
            batchMaxDelay: 10ms
            timeout: 2s
        """.formatted(TestConfig.SECRET, RedisTests.ADDRESS, prefix, GRACE.toMillis(),
        receiver.url(), WebhooksSocketTest.SECRET));
    return file;
  }

  private WsClient client(ServerProcess server, String user, String... channels) {
    WsClient c = track(WsClient.open(http,
        URI.create("ws://127.0.0.1:" + server.port() + WS_PATH)));
    c.ok("connect", WsClient.json("token", token(user)));
    for (String channel : channels) {
      c.ok("subscribe", WsClient.json("channel", channel));
    }
    return c;
  }

  private List<String> seen() {
    return receiver.events().stream().map(WebhooksSocketTest::describe).toList();
  }

  private long count(String event) {
    return seen().stream().filter(event::equals).count();
  }

  @Test
  void aKilledNodesUsersGoOfflineAndItsChannelsAreVacatedOnceByTheSurvivor() throws Exception {
    receiver = new WebhookReceiver(WebhooksSocketTest.SECRET);
    try (ServerProcess a = ServerProcess.serve(config("a"));
        ServerProcess b = ServerProcess.serve(config("b"))) {
      client(a, "alice", "room:a", "room:shared");
      client(b, "bob", "room:shared");
      await().atMost(Duration.ofSeconds(20)).until(() -> seen().containsAll(List.of(
          "user.online alice", "user.online bob", "channel.occupied room:a",
          "channel.occupied room:shared")));
      long killed = System.nanoTime();
      a.signal("KILL");
      a.awaitExit(Duration.ofSeconds(10));
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
          .until(() -> count("channel.vacated room:a") > 0);
      Duration vacated = Duration.ofNanos(System.nanoTime() - killed);
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
          .until(() -> count("user.offline alice") > 0);
      Duration offline = Duration.ofNanos(System.nanoTime() - killed);
      log.warn("node killed: channel.vacated after {} ms, user.offline after {} ms (grace {} ms)",
          vacated.toMillis(), offline.toMillis(), GRACE.toMillis());
      assertThat(vacated).isLessThan(Duration.ofSeconds(7 + 3));
      assertThat(offline).isLessThan(Duration.ofSeconds(8 + 3).plus(GRACE));
      Thread.sleep(4000);
      assertThat(count("channel.vacated room:a")).isEqualTo(1);
      assertThat(count("user.offline alice")).isEqualTo(1);
      assertThat(seen()).doesNotContain("channel.vacated room:shared", "user.offline bob");
      assertThat(receiver.badSignatures()).isZero();
    }
  }
}
