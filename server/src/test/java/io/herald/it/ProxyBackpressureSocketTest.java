package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.server.HeraldServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Streams and slow clients: Herald stops reading from the backend while a client's outbound
 * queue is over half of {@code client.queueMaxSize}, so memory stays bounded whatever the
 * backend sends; a client that does not take its queue within the rpc timeout is disconnected as
 * slow, and its stream is cancelled upstream. A client that reads gets every chunk, paced.
 */
class ProxyBackpressureSocketTest extends ProxyTestBase {

  private static final int QUEUE_MAX = 64 * 1024;
  /** Kernel socket buffers on loopback (both hops) hold a few MB at most. */
  private static final long BOUND = 48L << 20;

  @Test
  void slowClientOnAFastEndlessStreamStallsTheBackendThenIsDropped() throws IOException {
    HeraldServer server = start(TestConfig.create().queueMaxSize(QUEUE_MAX)
        .proxy(proxy(Duration.ofSeconds(2))));
    ApiClient api = api(server);
    RawWebSocket slow = track(RawWebSocket.open(server.port(), WS_PATH, Map.of(), 4096));
    slow.sendText(WsClient.request(1, "connect", WsClient.json("token", token("slow"))));
    assertThat(slow.readText()).contains("\"result\"");
    slow.sendText(WsClient.request(2, "rpc",
        "{\"method\":\"forever\",\"data\":{\"size\":8192,\"delayMs\":0}}"));
    // From here on the client reads nothing.

    Awaitility.await("the backend's writes stall")
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(250))
        .until(new Stalled(backend));
    assertThat(api.info().path("numClients").asInt()).as("still connected while paused")
        .isEqualTo(1);
    long written = backend.bytesWritten();
    assertThat(written).as("bytes the backend got to write").isLessThan(BOUND);

    awaitClients(api, 0);
    Awaitility.await("the stream is cancelled upstream")
        .atMost(Duration.ofSeconds(5))
        .until(() -> backend.closedByPeer() == 1);
    assertThat(slow.drainUntilClosed(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void clientThatReadsGetsALargeStreamWhole() {
    HeraldServer server = start(TestConfig.create().queueMaxSize(16 * 1024)
        .proxy(proxy(Duration.ofSeconds(5))));
    WsClient client = connected(server, "reader");
    int count = 3000;
    long id = client.send("rpc", "{\"method\":\"ndjson\",\"data\":{\"count\":" + count + "}}");
    List<JsonNode> got = chunksThenResponse(client, id, count);
    for (int i = 0; i < count; i++) {
      assertThat(got.get(i).get("seq").asInt()).isEqualTo(i);
    }
    assertThat(got.get(count).get("result").get("chunks").asInt()).isEqualTo(count);
    assertThat(client.isOpen()).isTrue();
  }

  /** True once the backend wrote nothing since the previous poll. */
  private static final class Stalled implements java.util.concurrent.Callable<Boolean> {
    private final TestBackend backend;
    private long last = -1;

    Stalled(TestBackend backend) {
      this.backend = backend;
    }

    @Override
    public Boolean call() {
      long now = backend.bytesWritten();
      boolean stalled = now > 0 && now == last;
      last = now;
      return stalled;
    }
  }
}
