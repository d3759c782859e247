package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.BrokerConfig;
import io.herald.config.EngineConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.NatsConfig;
import io.herald.config.NamespaceConfig;
import io.herald.engine.nats.NatsServerProcess;
import io.herald.engine.redis.RedisProcess;
import io.herald.engine.redis.RedisTests;
import io.herald.server.HeraldServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A broker that stalls is never a reason for a subscriber to be silently deaf: with a Redis (the
 * engine) or a NATS (the broker, history in Redis) of the test's own stopped (SIGSTOP) while
 * clients subscribe, and resumed, every client whose subscribe was confirmed (during the stall or
 * right after it) receives the next publication, sent through another node, or is told
 * (unsubscribe, disconnect); the others got error 108. Once for a stall shorter than {@code
 * engine.redis.commandTimeout} or {@code broker.nats.connectTimeout} (2 s here) and once for a
 * longer one, on channels the node already had (confirmed during the stall when they need nothing
 * from the broker) and new ones, with and without history (and its join messages).
 */
class BrokerStallSocketTest extends SocketTestBase {

  private static final List<String> CHANNELS =
      List.of("plain:warm", "hist:warm", "plain:cold", "hist:cold");

  private record Pending(WsClient client, String channel, long id) {}

  /** The broker the test stalls. */
  private interface Stallable {
    void pause() throws Exception;

    void resume() throws Exception;
  }

  private final RedisTestEngine sharedRedis = new RedisTestEngine();

  @AfterEach
  void deleteKeys() {
    sharedRedis.deleteKeys();
  }

  private static TestConfig namespaces(TestConfig config) {
    return config.namespace(NamespaceConfig.defaults("plain").with("allowSubscribeForClient", true))
        .namespace(NamespaceConfig.permissive("hist").with("historySize", 100)
            .with("historyTtl", Duration.ofMinutes(5)));
  }

  /**
   * Two nodes on a broker of the test's own: a Redis engine (pub/sub, history, presence), or NATS
   * carrying publications beside the machine's Redis for history and presence.
   */
  private Stallable cluster(String broker, HeraldServer[] nodes) throws Exception {
    HeraldConfig config;
    Stallable stallable;
    if (broker.equals("redis")) {
      RedisProcess redis = track(RedisProcess.start());
      config = namespaces(TestConfig.create().engine(new EngineConfig(EngineConfig.REDIS,
          RedisTests.config(redis.address(), RedisTests.freshPrefix())))).build();
      stallable = new Stallable() {
        @Override
        public void pause() {
          redis.pause();
        }

        @Override
        public void resume() {
          redis.resume();
        }
      };
    } else {
      NatsServerProcess nats = track(new NatsServerProcess());
      nats.start();
      config = namespaces(TestConfig.create().engine(sharedRedis.config())).build()
          .with("broker", new BrokerConfig(BrokerConfig.NATS,
              NatsConfig.defaults().withUrl(nats.url())));
      stallable = new Stallable() {
        @Override
        public void pause() throws Exception {
          nats.pause();
        }

        @Override
        public void resume() throws Exception {
          nats.resume();
        }
      };
    }
    nodes[0] = start(config);
    nodes[1] = start(config);
    return stallable;
  }

  @ParameterizedTest(name = "{0} stalled for {1} ms")
  @CsvSource({"redis, 800", "redis, 3500", "nats, 800", "nats, 3500"})
  void everySubscriberConfirmedAroundAStallGetsTheNextPublicationOrIsTold(
      String broker, int stallMillis) throws Exception {
    HeraldServer[] nodes = new HeraldServer[2];
    Stallable stalled = cluster(broker, nodes);
    HeraldServer a = nodes[0];
    HeraldServer b = nodes[1];
    List<Pending> all = new ArrayList<>();
    for (String channel : List.of("plain:warm", "hist:warm")) {
      WsClient warm = subscriber(a, "warm", channel);
      all.add(new Pending(warm, channel, -1));
    }
    List<WsClient> clients = new ArrayList<>();
    for (int i = 0; i < 4 * CHANNELS.size(); i++) {
      clients.add(connected(a, "u" + i));
    }

    Map<Pending, JsonNode> answered = new HashMap<>();
    stalled.pause();
    try {
      for (int i = 0; i < clients.size(); i++) {
        String channel = CHANNELS.get(i % CHANNELS.size());
        WsClient client = clients.get(i);
        all.add(new Pending(client, channel,
            client.send("subscribe", WsClient.json("channel", channel))));
        WsClient.sleep(Duration.ofMillis(stallMillis / clients.size()));
      }
      for (Pending p : all) {
        if (p.channel().equals("plain:warm") && p.id() >= 0) {
          JsonNode response = p.client().awaitResponse(p.id());
          assertThat(response.has("result"))
              .as("a channel the node has, without history, presence or joins, needs no Redis")
              .isTrue();
          answered.put(p, response);
        }
      }
    } finally {
      stalled.resume();
    }

    List<Pending> confirmed = new ArrayList<>();
    int refused = 0;
    for (Pending p : all) {
      JsonNode response = p.id() < 0 ? null
          : answered.containsKey(p) ? answered.get(p) : p.client().awaitResponse(p.id());
      if (response == null || response.has("result")) {
        confirmed.add(p);
      } else {
        assertThat(response.at("/error/code").asInt()).as("refused: not available")
            .isEqualTo(108);
        refused++;
      }
    }

    for (String channel : CHANNELS) {
      publishThroughB(b, channel);
    }
    for (Pending p : confirmed) {
      Predicate<JsonNode> toldOrDelivered = WsClient.isPublication(p.channel())
          .or(m -> "unsubscribe".equals(m.path("method").asText())
              && p.channel().equals(m.at("/params/channel").asText()))
          .or(WsClient.isMethod("disconnect"));
      JsonNode got = p.client().await(toldOrDelivered, Duration.ofSeconds(10),
          p.client() + " on " + p.channel() + ": the publication after the stall, or a notice"
              + " (" + confirmed.size() + " confirmed, " + refused + " refused)");
      assertThat(got).isNotNull();
    }
  }

  /** Publishes to {@code channel} through node {@code b}, retrying until Redis answers it. */
  private void publishThroughB(HeraldServer b, String channel) {
    ApiClient api = api(b);
    String body = "{\"channel\":\"" + channel + "\",\"data\":{\"after\":\"stall\"}}";
    Awaitility.await("publish to " + channel + " through b")
        .atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          HttpResponse<String> r = api.post("publish", body);
          return r.statusCode() == 200 && ApiClient.parse(r).has("result");
        });
  }
}
