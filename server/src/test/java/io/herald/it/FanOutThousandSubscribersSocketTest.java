package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.server.HeraldServer;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One channel, 1,000 real WebSocket subscribers on four JDK HTTP clients, 50 API publications:
 * every subscriber gets every publication, in publication order.
 */
class FanOutThousandSubscribersSocketTest extends SocketTestBase {

  private static final int SUBSCRIBERS = 1000;
  private static final int PUBLICATIONS = 50;
  private static final int HTTP_CLIENTS = 4;
  private static final String CHANNEL = "chat:stadium";

  @Test
  @Timeout(60)
  void everySubscriberGetsEveryPublicationInOrder() {
    HeraldServer server = start(TestConfig.create().client("userConnectionLimit", 0));
    ApiClient api = api(server);
    List<HttpClient> clients = new ArrayList<>();
    for (int i = 0; i < HTTP_CLIENTS; i++) {
      ExecutorService executor = Executors.newFixedThreadPool(2);
      track(executor::shutdownNow);
      HttpClient client = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .executor(executor)
          .connectTimeout(WsClient.TIMEOUT)
          .build();
      track(client::shutdownNow);
      clients.add(client);
    }
    String token = token("fan");

    List<WsClient> subscribers = openAll(server, clients);
    // connect and subscribe in one batch frame: one round trip per connection.
    String batch = "[" + WsClient.request(1, "connect", json("token", token)) + ","
        + WsClient.request(2, "subscribe", json("channel", CHANNEL)) + "]";
    subscribers.forEach(s -> s.sendText(batch));
    for (WsClient s : subscribers) {
      JsonNode answer = s.next();
      assertThat(answer.isArray() && answer.size() == 2 && answer.get(1).has("result"))
          .as("connect + subscribe answer %s", answer).isTrue();
    }
    assertThat(api.call("channels", json("pattern", "chat:*")).get("channels").get(CHANNEL)
        .get("numClients").asInt()).isEqualTo(SUBSCRIBERS);

    for (int seq = 0; seq < PUBLICATIONS; seq++) {
      api.publish(CHANNEL, json("seq", seq));
    }

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    for (WsClient s : subscribers) {
      for (int seq = 0; seq < PUBLICATIONS; seq++) {
        Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        JsonNode publication = s.await(WsClient.isMethod("publication"), left, "seq " + seq);
        assertThat(publication.get("params").get("data").get("seq").asInt()).as("order")
            .isEqualTo(seq);
      }
    }
    assertThat(subscribers).allMatch(WsClient::isOpen);
    assertThat(api.info().get("numClients").asInt()).isEqualTo(SUBSCRIBERS);
  }

  /** Opens the subscribers' WebSockets, 100 handshakes in flight at a time. */
  private List<WsClient> openAll(HeraldServer server, List<HttpClient> clients) {
    List<WsClient> out = new ArrayList<>(SUBSCRIBERS);
    for (int start = 0; start < SUBSCRIBERS; start += 100) {
      List<CompletableFuture<WsClient>> wave = new ArrayList<>();
      for (int i = start; i < start + 100; i++) {
        wave.add(WsClient.openAsync(clients.get(i % clients.size()), wsUri(server), Map.of()));
      }
      for (CompletableFuture<WsClient> f : wave) {
        out.add(track(WsClient.join(f, "WebSocket handshake")));
      }
    }
    return out;
  }
}
