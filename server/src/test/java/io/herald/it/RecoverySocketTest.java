package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.NamespaceConfig;
import io.herald.server.HeraldServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * History, positions and recovery over real WebSocket connections: a client that drops and comes
 * back gets exactly what it missed, in order, or {@code recovered: false}.
 */
class RecoverySocketTest extends SocketTestBase {

  /** Namespace {@code feed}: 100 publications for 5 minutes, open to every client. */
  static NamespaceConfig feed(int size) {
    return NamespaceConfig.defaults("feed")
        .with("allowSubscribeForClient", true)
        .with("allowPublishForClient", true)
        .with("allowHistoryForSubscriber", true)
        .with("historySize", size)
        .with("historyTtl", Duration.ofMinutes(5));
  }

  private HeraldServer server(int historySize) {
    return start(TestConfig.create().namespace(feed(historySize)));
  }

  private static List<Long> offsets(JsonNode publications) {
    List<Long> out = new ArrayList<>();
    publications.forEach(p -> out.add(p.get("offset").asLong()));
    return out;
  }

  private static String recover(String channel, long offset, String epoch) {
    return "{\"channel\":\"" + channel + "\",\"recover\":true,\"offset\":" + offset
        + ",\"epoch\":\"" + epoch + "\"}";
  }

  @Test
  void aClientThatDroppedRecoversExactlyWhatItMissedThenGoesLive() {
    HeraldServer server = server(100);
    ApiClient api = api(server);
    WsClient first = connected(server, "ann");
    JsonNode sub = first.ok("subscribe", WsClient.json("channel", "feed:a"));
    assertThat(sub.get("recoverable").asBoolean()).isTrue();
    assertThat(sub.get("offset").asLong()).isZero();
    String epoch = sub.get("epoch").asText();
    for (int i = 1; i <= 3; i++) {
      api.publish("feed:a", "{\"n\":" + i + "}");
    }
    first.await(m -> WsClient.isPublication("feed:a").test(m)
        && m.at("/params/offset").asLong() == 3, WsClient.TIMEOUT, "offset 3");
    first.close();
    api.publish("feed:a", "{\"n\":4}");
    api.publish("feed:a", "{\"n\":5}");

    WsClient back = connected(server, "ann");
    JsonNode result = back.ok("subscribe", recover("feed:a", 3, epoch));
    assertThat(result.get("recovered").asBoolean()).isTrue();
    assertThat(result.get("wasRecovering").asBoolean()).isTrue();
    assertThat(result.get("epoch").asText()).isEqualTo(epoch);
    assertThat(result.get("offset").asLong()).isEqualTo(5);
    assertThat(offsets(result.get("publications"))).containsExactly(4L, 5L);
    assertThat(result.at("/publications/0/data/n").asInt()).isEqualTo(4);

    api.publish("feed:a", "{\"n\":6}");
    JsonNode live = back.await(WsClient.isPublication("feed:a"), WsClient.TIMEOUT, "live 6");
    assertThat(live.at("/params/offset").asLong()).isEqualTo(6);
    back.assertNone(m -> WsClient.isPublication("feed:a").test(m)
        && m.at("/params/offset").asLong() != 6, Duration.ofMillis(200), "a duplicate");
  }

  @Test
  void recoveryInsideConnect() {
    HeraldServer server = server(100);
    ApiClient api = api(server);
    JsonNode position = api.call("history", "{\"channel\":\"feed:c\",\"limit\":0}");
    String epoch = position.get("epoch").asText();
    api.publish("feed:c", "1");
    api.publish("feed:c", "2");

    WsClient client = ws(server);
    JsonNode connect = client.ok("connect", "{\"token\":\"" + token("ann") + "\",\"subs\":{"
        + "\"feed:c\":{\"recover\":true,\"offset\":0,\"epoch\":\"" + epoch + "\"},"
        + "\"secret:x\":{}}}");
    JsonNode sub = connect.at("/subs/feed:c");
    assertThat(sub.get("recovered").asBoolean()).isTrue();
    assertThat(offsets(sub.get("publications"))).containsExactly(1L, 2L);
    assertThat(connect.at("/subs/secret:x/error/code").asInt()).isEqualTo(103);
    api.publish("feed:c", "3");
    assertThat(client.await(WsClient.isPublication("feed:c"), WsClient.TIMEOUT, "live")
        .at("/params/offset").asLong()).isEqualTo(3);
  }

  @Test
  void anotherEpochIsNotRecovered() {
    HeraldServer server = server(100);
    ApiClient api = api(server);
    api.publish("feed:e", "1");
    WsClient client = connected(server, "ann");
    JsonNode result = client.ok("subscribe", recover("feed:e", 0, "not-the-epoch"));
    assertThat(result.get("recovered").asBoolean()).isFalse();
    assertThat(result.get("publications")).isEmpty();
    assertThat(result.get("offset").asLong()).isEqualTo(1);
  }

  @Test
  void publicationsTrimmedFromHistoryAreNotRecovered() {
    HeraldServer server = server(3);
    ApiClient api = api(server);
    String epoch = api.call("history", "{\"channel\":\"feed:t\",\"limit\":0}").get("epoch").asText();
    for (int i = 1; i <= 6; i++) {
      api.publish("feed:t", Integer.toString(i));
    }
    WsClient client = connected(server, "ann");
    JsonNode tooOld = client.ok("subscribe", recover("feed:t", 1, epoch));
    assertThat(tooOld.get("recovered").asBoolean()).isFalse();
    assertThat(tooOld.get("publications")).isEmpty();
    client.ok("unsubscribe", WsClient.json("channel", "feed:t"));
    JsonNode recent = client.ok("subscribe", recover("feed:t", 3, epoch));
    assertThat(recent.get("recovered").asBoolean()).isTrue();
    assertThat(offsets(recent.get("publications"))).containsExactly(4L, 5L, 6L);
  }

  @Test
  void missingMoreThanTheRecoveryLimitIsNotRecovered() {
    HeraldServer server =
        start(TestConfig.create().namespace(feed(100)).recoveryMaxPublicationLimit(2));
    ApiClient api = api(server);
    String epoch = api.call("history", "{\"channel\":\"feed:m\",\"limit\":0}").get("epoch").asText();
    for (int i = 1; i <= 3; i++) {
      api.publish("feed:m", Integer.toString(i));
    }
    WsClient client = connected(server, "ann");
    assertThat(client.ok("subscribe", recover("feed:m", 0, epoch)).get("recovered").asBoolean())
        .isFalse();
    client.ok("unsubscribe", WsClient.json("channel", "feed:m"));
    assertThat(client.ok("subscribe", recover("feed:m", 1, epoch)).get("recovered").asBoolean())
        .isTrue();
  }

  @Test
  void publicationsRacingRecoveringSubscribesAreNeitherLostNorDuplicated() throws Exception {
    HeraldServer server = server(1000);
    ApiClient api = api(server);
    String epoch = api.call("history", "{\"channel\":\"feed:r\",\"limit\":0}").get("epoch").asText();
    int total = 400;
    CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
      for (int i = 1; i <= total; i++) {
        api.publish("feed:r", Integer.toString(i));
      }
    });
    List<WsClient> clients = new ArrayList<>();
    List<JsonNode> results = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      WsClient client = connected(server, "u" + c);
      results.add(client.ok("subscribe", recover("feed:r", 0, epoch)));
      clients.add(client);
    }
    publisher.get(30, TimeUnit.SECONDS);
    for (int c = 0; c < clients.size(); c++) {
      WsClient client = clients.get(c);
      JsonNode result = results.get(c);
      assertThat(result.get("recovered").asBoolean()).as("client %d recovered", c).isTrue();
      List<Long> seen = new ArrayList<>(offsets(result.get("publications")));
      JsonNode last = client.await(m -> WsClient.isPublication("feed:r").test(m)
          && m.at("/params/offset").asLong() == total, WsClient.TIMEOUT, "the last offset");
      client.take(WsClient.isPublication("feed:r"))
          .forEach(m -> seen.add(m.at("/params/offset").asLong()));
      seen.add(last.at("/params/offset").asLong());
      List<Long> expected = new ArrayList<>();
      for (long i = 1; i <= total; i++) {
        expected.add(i);
      }
      assertThat(seen).as("client %d saw every offset once, in order", c).isEqualTo(expected);
    }
  }

  @Test
  void subscribeWithoutRecoverTellsThePositionToTrackFrom() {
    HeraldServer server = server(100);
    ApiClient api = api(server);
    JsonNode published = api.call("publish", "{\"channel\":\"feed:p\",\"data\":1}");
    WsClient client = connected(server, "ann");
    JsonNode result = client.ok("subscribe", WsClient.json("channel", "feed:p"));
    assertThat(result.get("offset").asLong()).isEqualTo(1);
    assertThat(result.get("epoch").asText()).isEqualTo(published.get("epoch").asText());
    assertThat(result.has("recovered")).isFalse();
    JsonNode own = client.ok("publish", "{\"channel\":\"feed:p\",\"data\":2}");
    assertThat(own.get("offset").asLong()).isEqualTo(2);
    assertThat(own.get("epoch").asText()).isEqualTo(result.get("epoch").asText());
  }

  @Test
  void historyReadsWithLimitSinceAndReverse() {
    HeraldServer server = server(100);
    ApiClient api = api(server);
    for (int i = 1; i <= 5; i++) {
      api.publish("feed:h", "{\"n\":" + i + "}");
    }
    WsClient client = subscriber(server, "ann", "feed:h");
    JsonNode all = client.ok("history", WsClient.json("channel", "feed:h"));
    assertThat(offsets(all.get("publications"))).containsExactly(1L, 2L, 3L, 4L, 5L);
    String epoch = all.get("epoch").asText();
    assertThat(all.get("offset").asLong()).isEqualTo(5);
    JsonNode page = client.ok("history", "{\"channel\":\"feed:h\",\"limit\":2,"
        + "\"since\":{\"offset\":1,\"epoch\":\"" + epoch + "\"}}");
    assertThat(offsets(page.get("publications"))).containsExactly(2L, 3L);
    JsonNode newest = client.ok("history", "{\"channel\":\"feed:h\",\"limit\":2,\"reverse\":true}");
    assertThat(offsets(newest.get("publications"))).containsExactly(5L, 4L);
    JsonNode position = client.ok("history", "{\"channel\":\"feed:h\",\"limit\":0}");
    assertThat(position.get("publications")).isEmpty();
    assertThat(position.get("offset").asLong()).isEqualTo(5);
    assertThat(client.errorCode("history",
        "{\"channel\":\"feed:h\",\"since\":{\"offset\":1,\"epoch\":\"old\"}}")).isEqualTo(112);
    assertThat(client.errorCode("history", "{\"channel\":\"feed:h\",\"limit\":-1}"))
        .isEqualTo(-32602);
    assertThat(client.errorCode("history", WsClient.json("channel", "chat:x"))).isEqualTo(103);
  }

  @Test
  void historyThroughTheApiAndItsRemoval() {
    HeraldServer server = start(TestConfig.create().namespace(feed(100))
        .namespace(NamespaceConfig.defaults("open").with("allowHistoryForClient", true)));
    ApiClient api = api(server);
    api.publish("feed:x", "{\"n\":1}");
    api.publish("feed:x", "{\"n\":2}");
    JsonNode history = api.call("history", "{\"channel\":\"feed:x\",\"reverse\":true}");
    assertThat(offsets(history.get("publications"))).containsExactly(2L, 1L);
    assertThat(history.at("/publications/0/data/n").asInt()).isEqualTo(2);
    api.call("historyRemove", "{\"channel\":\"feed:x\"}");
    JsonNode after = api.call("history", "{\"channel\":\"feed:x\"}");
    assertThat(after.get("publications")).isEmpty();
    assertThat(after.get("offset").asLong()).isEqualTo(2);
    WsClient client = connected(server, "ann");
    assertThat(client.errorCode("history", WsClient.json("channel", "open:x"))).isEqualTo(108);
  }

  @Test
  void aRepeatedIdempotencyKeyPublishesOnceAndAnswersTheFirstResult() {
    HeraldServer server = server(100);
    ApiClient api = api(server);
    WsClient reader = subscriber(server, "bob", "feed:i");
    WsClient writer = connected(server, "ann");
    String publish = "{\"channel\":\"feed:i\",\"data\":{\"t\":\"hi\"},\"idempotencyKey\":\"m-1\"}";
    JsonNode first = writer.ok("publish", publish);
    JsonNode retry = writer.ok("publish", publish);
    assertThat(retry).isEqualTo(first);
    WsClient sameUser = connected(server, "ann");
    assertThat(sameUser.ok("publish", publish)).as("the same user on another connection")
        .isEqualTo(first);
    reader.await(WsClient.isPublication("feed:i"), WsClient.TIMEOUT, "the publication");
    reader.assertNone(WsClient.isPublication("feed:i"), Duration.ofMillis(300), "a repeat");
    JsonNode other = writer.ok("publish",
        "{\"channel\":\"feed:i\",\"data\":2,\"idempotencyKey\":\"m-2\"}");
    assertThat(other.get("offset").asLong()).isEqualTo(first.get("offset").asLong() + 1);
  }
}
