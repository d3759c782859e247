package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.NamespaceConfig;
import io.herald.server.HeraldServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The soak test: a few hundred clients connect, subscribe, receive publications, drop and
 * recover, while an abuser on the same node sends each attack Herald defends against (garbage
 * frames, slowloris headers, pipelined floods, a connect with too many subs, reads of made-up
 * channels, emulation POSTs for made-up sessions). At the end every well-behaved client saw every
 * publication exactly once and in order, and nothing leaked: no connection, session, hub entry or
 * presence entry is left. Bounded and loopback only; {@code -Dherald.soak.clients},
 * {@code -Dherald.soak.publications} and {@code -Dherald.soak.rounds} make it longer.
 */
class SoakSocketTest extends SocketTestBase {

  private static final int CLIENTS = Integer.getInteger("herald.soak.clients", 200);
  private static final int PUBLICATIONS = Integer.getInteger("herald.soak.publications", 150);
  private static final int ROUNDS = Integer.getInteger("herald.soak.rounds", 1);
  private static final String CHANNEL = "soak:room";

  /** One well-behaved client and the offsets it has seen. */
  private final class Good {
    final int index;
    WsClient ws;
    String epoch;
    final List<Long> offsets = new ArrayList<>();

    Good(int index) {
      this.index = index;
    }

    void take(JsonNode publication) {
      offsets.add(publication.at("/params/offset").asLong());
    }

    long last() {
      return offsets.isEmpty() ? 0 : offsets.get(offsets.size() - 1);
    }

    /** Takes every publication already received. */
    void drain() {
      for (JsonNode p : ws.take(WsClient.isPublication(CHANNEL))) {
        take(p);
      }
    }
  }

  @Test
  @Timeout(300)
  void clientsSeeEverythingOnceInOrderAndNothingLeaksWhileAnAbuserAttacks() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      soak();
    }
  }

  private void soak() throws Exception {
    HeraldServer server = start(TestConfig.create()
        .client("userConnectionLimit", 0)
        .client("connectionRatePerAddress", 0)
        .namespace(NamespaceConfig.defaults("soak")
            .with("historySize", PUBLICATIONS * 2).with("historyTtl", Duration.ofMinutes(5))
            .with("presence", true)
            .with("allowSubscribeForClient", true).with("allowPublishForClient", true)
            .with("allowHistoryForClient", true).with("allowPresenceForClient", true)));
    ApiClient api = api(server);
    List<HttpClient> https = httpClients(4);
    String token = token("soaker");

    List<Good> goods = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      goods.add(new Good(i));
    }
    openAndSubscribe(server, https, token, goods);
    awaitPresence(api, CLIENTS);

    AtomicBoolean attacking = new AtomicBoolean(true);
    AtomicInteger attacks = new AtomicInteger();
    CompletableFuture<Void> abuser = CompletableFuture.runAsync(
        () -> abuse(server, attacking, attacks), runner());

    List<Good> droppers = goods.stream().filter(g -> g.index % 10 == 0).toList();
    for (int n = 1; n <= PUBLICATIONS; n++) {
      api.publish(CHANNEL, json("n", n));
      if (n == PUBLICATIONS / 3) {
        for (Good g : droppers) {
          g.drain();
          g.ws.close();
        }
      }
      if (n == 2 * PUBLICATIONS / 3) {
        reconnectAndRecover(server, https, token, droppers);
      }
      Thread.sleep(5);
    }
    attacking.set(false);
    abuser.get();

    for (Good g : goods) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (g.last() < PUBLICATIONS) {
        Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        g.take(g.ws.await(WsClient.isPublication(CHANNEL), left, "publication " + (g.last() + 1)
            + " of client " + g.index));
      }
      List<Long> expected = new ArrayList<>();
      for (long n = 1; n <= PUBLICATIONS; n++) {
        expected.add(n);
      }
      assertThat(g.offsets).as("client %d saw every publication once, in order", g.index)
          .isEqualTo(expected);
      g.ws.assertNone(WsClient.isMethod("unsubscribe"), Duration.ZERO, "an unsubscribe");
    }
    assertThat(attacks.get()).as("attacks made").isGreaterThan(0);

    for (Good g : goods) {
      g.ws.close();
    }
    Awaitility.await("nothing leaked").atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
          JsonNode info = api.info();
          assertThat(info.get("numClients").asInt()).as("connections").isZero();
          assertThat(info.get("numChannels").asInt()).as("hub entries").isZero();
          assertThat(api.call("channels", "{}").get("channels").size()).isZero();
          assertThat(api.call("presence", json("channel", CHANNEL)).get("clients").size())
              .as("presence entries").isZero();
          assertThat(server.fallbackSessions()).as("fallback sessions").isZero();
        });
  }

  private void openAndSubscribe(
      HeraldServer server, List<HttpClient> https, String token, List<Good> goods) {
    String batch = "[" + WsClient.request(1, "connect", json("token", token)) + ","
        + WsClient.request(2, "subscribe", json("channel", CHANNEL)) + "]";
    for (int start = 0; start < goods.size(); start += 50) {
      List<CompletableFuture<WsClient>> wave = new ArrayList<>();
      for (int i = start; i < Math.min(goods.size(), start + 50); i++) {
        wave.add(WsClient.openAsync(https.get(i % https.size()), wsUri(server), Map.of()));
      }
      for (int i = 0; i < wave.size(); i++) {
        Good g = goods.get(start + i);
        g.ws = track(WsClient.join(wave.get(i), "WebSocket handshake"));
        g.ws.sendText(batch);
      }
    }
    for (Good g : goods) {
      JsonNode answer = g.ws.await(JsonNode::isArray, WsClient.TIMEOUT, "connect + subscribe");
      assertThat(answer.get(1).has("result")).as("subscribed: %s", answer).isTrue();
      g.epoch = answer.get(1).at("/result/epoch").asText();
    }
  }

  private void reconnectAndRecover(
      HeraldServer server, List<HttpClient> https, String token, List<Good> droppers) {
    for (Good g : droppers) {
      g.ws = track(WsClient.open(https.get(g.index % https.size()), wsUri(server)));
      JsonNode result = g.ws.ok("connect", "{\"token\":\"" + token + "\",\"subs\":{\"" + CHANNEL
          + "\":{\"recover\":true,\"offset\":" + g.last() + ",\"epoch\":\"" + g.epoch + "\"}}}");
      JsonNode sub = result.at("/subs/" + CHANNEL.replace("~", "~0").replace("/", "~1"));
      assertThat(sub.path("recovered").asBoolean()).as("recovered: %s", sub).isTrue();
      for (JsonNode p : sub.path("publications")) {
        g.offsets.add(p.get("offset").asLong());
      }
    }
  }

  /** Every attack, over and over, until told to stop. */
  private void abuse(HeraldServer server, AtomicBoolean attacking, AtomicInteger attacks) {
    HttpClient http = newHttpClient();
    URI base = URI.create("http://127.0.0.1:" + server.port());
    while (attacking.get()) {
      try {
        // Garbage frames until the node cuts the connection (3013).
        WsClient garbage = track(WsClient.open(http, wsUri(server)));
        garbage.ok("connect", json("token", token("abuser")));
        for (int i = 0; i < 400 && garbage.isOpen(); i++) {
          garbage.sendText(i % 2 == 0 ? "not json" : "{\"jsonrpc\":\"2.0\",\"method\":\"nope\"}");
        }
        garbage.close();
        // A connect asking for more channels than the limit, and reads of made-up channels.
        WsClient greedy = track(WsClient.open(http, wsUri(server)));
        StringBuilder subs = new StringBuilder();
        for (int i = 0; i < 300; i++) {
          subs.append(i == 0 ? "" : ",").append("\"soak:x").append(i).append("\":{}");
        }
        greedy.send("connect", "{\"token\":\"" + token("abuser") + "\",\"subs\":{" + subs + "}}");
        for (int i = 0; i < 20; i++) {
          greedy.send("history", json("channel", "soak:" + UUID.randomUUID()));
        }
        greedy.close();
        // Slowloris headers and a pipelined flood on raw sockets.
        try (Socket slow = new Socket(); Socket pipelined = new Socket()) {
          slow.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
          OutputStream out = slow.getOutputStream();
          out.write("GET /connection/websocket HTTP/1.1\r\nX-Slow: ".getBytes(
              StandardCharsets.US_ASCII));
          pipelined.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
          StringBuilder flood = new StringBuilder();
          for (int i = 0; i < 100; i++) {
            flood.append("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
          }
          pipelined.getOutputStream().write(flood.toString().getBytes(StandardCharsets.US_ASCII));
          out.write('a');
        }
        // An emulation POST for a made-up session.
        http.send(HttpRequest.newBuilder(base.resolve("/connection/emulation"))
                .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"session\":\"" + UUID.randomUUID() + ".AAAAAAAAAAA\",\"data\":{}}"))
                .build(), HttpResponse.BodyHandlers.discarding());
        attacks.incrementAndGet();
      } catch (Exception | AssertionError e) {
        // The node cut the abuser off: that is the point; attack again.
      }
    }
  }

  private void awaitPresence(ApiClient api, int clients) {
    Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> api.call("presenceStats", json("channel", CHANNEL))
            .get("numClients").asInt() == clients);
  }

  private List<HttpClient> httpClients(int n) {
    List<HttpClient> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ExecutorService executor = Executors.newFixedThreadPool(2);
      track(executor::shutdownNow);
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .executor(executor).connectTimeout(WsClient.TIMEOUT).build();
      track(client::shutdownNow);
      out.add(client);
    }
    return out;
  }

  private ExecutorService runner() {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    track(executor::shutdownNow);
    return executor;
  }
}
