package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.server.HeraldServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A subscriber that stops reading is disconnected once its outbound queue passes {@code
 * client.queueMaxSize}; a subscriber of the same channel that reads gets every publication.
 */
class SlowConsumerSocketTest extends SocketTestBase {

  private static final int QUEUE_MAX = 128 * 1024;
  private static final int PAYLOAD = 32 * 1024;
  /** Kernel buffers on loopback take a few MB before the server's own queue starts to grow. */
  private static final int MAX_PUBLICATIONS = 1000;
  private static final int AFTER_DROP = 20;
  private static final String CHANNEL = "chat:firehose";

  @Test
  void slowSubscriberIsDroppedAndTheOthersGetEverything() throws IOException {
    HeraldServer server = start(TestConfig.create().queueMaxSize(QUEUE_MAX));
    ApiClient api = api(server);
    WsClient fast = subscriber(server, "fast", CHANNEL);
    RawWebSocket slow = track(RawWebSocket.open(server.port(), WS_PATH, Map.of(), 4096));
    slow.sendText(WsClient.request(1, "connect", json("token", token("slow"))));
    assertThat(slow.readText()).contains("\"result\"");
    slow.sendText(WsClient.request(2, "subscribe", json("channel", CHANNEL)));
    assertThat(slow.readText()).contains("\"result\"");
    awaitClients(api, 2);
    // From here on the slow client reads nothing.

    String pad = "p".repeat(PAYLOAD);
    int published = 0;
    int clients = 2;
    // In lock step with the fast subscriber: its queue never holds more than one publication,
    // while the slow one's grows by one each step.
    while (published < MAX_PUBLICATIONS && clients == 2) {
      publishAndReceive(api, fast, published++, pad);
      if (published % 10 == 0) {
        clients = api.info().path("numClients").asInt();
      }
    }
    assertThat(clients).as("clients left after %d publications of %d bytes", published, PAYLOAD)
        .isEqualTo(1);
    for (int i = 0; i < AFTER_DROP; i++) {
      publishAndReceive(api, fast, published++, pad);
    }

    assertThat(fast.isOpen()).isTrue();
    JsonNode channels = api.call("channels", "{}").get("channels");
    assertThat(channels.get(CHANNEL).get("numClients").asInt()).isEqualTo(1);
    // The slow client's socket is closed: once it reads again it reaches the end of the stream.
    assertThat(slow.drainUntilClosed(Duration.ofSeconds(10))).isTrue();
  }

  private static void publishAndReceive(ApiClient api, WsClient fast, int seq, String pad) {
    api.publish(CHANNEL, json("seq", seq, "pad", pad));
    JsonNode data = fast.await(WsClient.isPublication(CHANNEL), WsClient.TIMEOUT,
        "publication " + seq).get("params").get("data");
    assertThat(data.get("seq").asInt()).isEqualTo(seq);
    assertThat(data.get("pad").asText()).hasSize(PAYLOAD);
  }
}
