package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.ProxyConfig;
import io.herald.config.ProxyEndpoint;
import io.herald.server.HeraldServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code rpc} through {@code proxy.rpc} to a real HTTP backend, over real WebSockets: JSON
 * answers, NDJSON and server-sent-event streams (fast and slow), cancel, disconnect, timeouts and
 * every kind of backend failure, after which the connection stays usable.
 */
class ProxyRpcSocketTest extends ProxyTestBase {

  private HeraldServer server() {
    return start(TestConfig.create().proxy(proxy(Duration.ofSeconds(5))));
  }

  @Test
  void jsonAnswerIsTheResultAndTheBackendGetsWhoIsCalling() {
    HeraldServer server = server();
    WsClient client = connected(server, "ann");
    JsonNode result = client.ok("rpc", "{\"method\":\"echo\",\"data\":{\"q\":\"hi\"}}");
    assertThat(result.get("data").get("echo").get("q").asText()).isEqualTo("hi");
    TestBackend.Call call = backend.nextCall();
    assertThat(call.path()).isEqualTo("/rpc");
    assertThat(call.body().get("user").asText()).isEqualTo("ann");
    assertThat(call.body().get("method").asText()).isEqualTo("echo");
    assertThat(call.body().get("transport").asText()).isEqualTo("websocket");
    assertThat(call.body().get("client").asText()).isNotEmpty();
  }

  @Test
  void jsonCallsReuseOneKeepAliveConnection() {
    WsClient client = connected(server(), "ann");
    for (int i = 0; i < 5; i++) {
      client.ok("rpc", "{\"method\":\"echo\",\"data\":" + i + "}");
    }
    java.util.Set<Integer> ports = new java.util.HashSet<>();
    for (int i = 0; i < 5; i++) {
      ports.add(backend.nextCall().remotePort());
    }
    assertThat(ports).as("client ports the backend saw").hasSize(1);
  }

  @Test
  void fastNdjsonStreamArrivesInOrderThenTheResponse() {
    WsClient client = connected(server(), "ann");
    long id = client.send("rpc", "{\"method\":\"ndjson\",\"data\":{\"count\":200}}");
    List<JsonNode> got = chunksThenResponse(client, id, 200);
    for (int i = 0; i < 200; i++) {
      assertThat(got.get(i).get("seq").asLong()).isEqualTo(i);
      assertThat(got.get(i).get("data").get("n").asInt()).isEqualTo(i);
    }
    assertThat(got.get(200).get("result").get("chunks").asInt()).isEqualTo(200);
    client.assertNone(m -> isStreamOf(m, id), Duration.ofMillis(100), "chunks after the end");
  }

  @Test
  void slowStreamDeliversEachChunkAsItIsWritten() {
    WsClient client = connected(server(), "ann");
    long start = System.nanoTime();
    long id = client.send("rpc", "{\"method\":\"ndjson\",\"data\":{\"count\":5,\"delayMs\":300}}");
    client.await(m -> isStreamOf(m, id), WsClient.TIMEOUT, "the first chunk");
    long firstMillis = (System.nanoTime() - start) / 1_000_000;
    // The backend needs 1.5 s for all five; the first must not wait for the others.
    assertThat(firstMillis).isLessThan(1000);
    List<JsonNode> rest = chunksThenResponse(client, id, 4);
    assertThat(rest.get(3).get("seq").asInt()).isEqualTo(4);
    assertThat(rest.get(4).get("result").get("chunks").asInt()).isEqualTo(5);
  }

  @Test
  void serverSentEventsStreamAndErrorEvent() {
    WsClient client = connected(server(), "ann");
    long id = client.send("rpc", "{\"method\":\"sse\",\"data\":{\"count\":10,\"delayMs\":5}}");
    List<JsonNode> got = chunksThenResponse(client, id, 10);
    assertThat(got.get(9).get("data").get("n").asInt()).isEqualTo(9);
    assertThat(got.get(10).get("result").get("chunks").asInt()).isEqualTo(10);

    long failing =
        client.send("rpc", "{\"method\":\"sse\",\"data\":{\"count\":10,\"errorAfter\":3}}");
    List<JsonNode> partial = chunksThenResponse(client, failing, 3);
    assertThat(errorCode(partial.get(3))).isEqualTo(4100);
    assertThat(partial.get(3).get("error").get("message").asText()).isEqualTo("model overloaded");
  }

  @Test
  void aStreamDoesNotHoldBackTheConnectionsOtherCommands() {
    WsClient client = connected(server(), "ann");
    long id = client.send("rpc", "{\"method\":\"ndjson\",\"data\":{\"count\":3,\"delayMs\":700}}");
    client.await(m -> isStreamOf(m, id), WsClient.TIMEOUT, "the first chunk");
    long start = System.nanoTime();
    client.ok("subscribe", json("channel", "chat:room"));
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(500);
    assertThat(chunksThenResponse(client, id, 2).get(2).get("result").get("chunks").asInt())
        .isEqualTo(3);
  }

  @Test
  void inABatchTheRpcIsAnsweredOnItsOwn() {
    WsClient client = ws(server());
    client.sendText(WsClient.request(1, "rpc", "{\"method\":\"echo\"}"));
    assertThat(errorCode(client.awaitResponse(1))).as("rpc before connect").isEqualTo(101);
    client.ok("connect", json("token", token("ann")));
    client.sendText("[" + WsClient.request(50, "rpc", "{\"method\":\"ndjson\",\"data\":"
        + "{\"count\":2,\"delayMs\":200}}") + "," + WsClient.request(51, "subscribe",
        json("channel", "chat:room")) + "]");
    JsonNode batch = client.await(JsonNode::isArray, WsClient.TIMEOUT, "the batch's answer");
    assertThat(batch).hasSize(1);
    assertThat(batch.get(0).get("id").asInt()).isEqualTo(51);
    assertThat(chunksThenResponse(client, 50, 2).get(2).get("result").get("chunks").asInt())
        .isEqualTo(2);
  }

  @Test
  void cancelAbortsTheUpstreamRequest() {
    WsClient client = connected(server(), "ann");
    long id = client.send("rpc", "{\"method\":\"forever\",\"data\":{\"delayMs\":20}}");
    client.await(m -> isStreamOf(m, id), WsClient.TIMEOUT, "a chunk");
    client.notify("cancel", "{\"id\":" + id + "}");
    JsonNode response = client.awaitResponse(id);
    assertThat(errorCode(response)).isEqualTo(117);
    Awaitility.await("the backend sees its connection closed")
        .atMost(Duration.ofSeconds(5))
        .until(() -> backend.closedByPeer() == 1);
    // Still usable, and the same id may be used again.
    assertThat(client.ok("rpc", "{\"method\":\"echo\",\"data\":1}").get("data").get("echo")
        .asInt()).isEqualTo(1);
  }

  @Test
  void clientDisconnectCancelsItsStreams() {
    WsClient client = connected(server(), "ann");
    long a = client.send("rpc", "{\"method\":\"forever\",\"data\":{\"delayMs\":20}}");
    long b = client.send("rpc", "{\"method\":\"forever\",\"data\":{\"delayMs\":20}}");
    client.await(m -> isStreamOf(m, a), WsClient.TIMEOUT, "a chunk of a");
    client.await(m -> isStreamOf(m, b), WsClient.TIMEOUT, "a chunk of b");
    client.close();
    Awaitility.await("the backend sees both connections closed")
        .atMost(Duration.ofSeconds(5))
        .until(() -> backend.closedByPeer() == 2);
  }

  @Test
  void backendFailuresAreClearErrorsAndTheConnectionStaysUsable() {
    HeraldServer server = start(TestConfig.create().proxy(proxy(Duration.ofMillis(500))));
    WsClient client = connected(server, "ann");
    assertThat(errorCode(client.call("rpc", "{\"method\":\"fail\"}"))).isEqualTo(4001);
    assertThat(errorCode(client.call("rpc", "{\"method\":\"status\"}"))).isEqualTo(115);
    assertThat(errorCode(client.call("rpc", "{\"method\":\"notjson\"}"))).isEqualTo(116);
    assertThat(errorCode(client.call("rpc", "{\"method\":\"slow\",\"data\":{\"sleepMs\":1500}}")))
        .isEqualTo(114);
    long broken = client.send("rpc", "{\"method\":\"broken\"}");
    assertThat(errorCode(chunksThenResponse(client, broken, 2).get(2))).isEqualTo(113);
    assertThat(errorCode(client.call("rpc",
        "{\"method\":\"bigline\",\"data\":{\"size\":" + (2 << 20) + "}}"))).isEqualTo(116);
    assertThat(client.ok("rpc", "{\"method\":\"echo\",\"data\":\"still here\"}").get("data")
        .get("echo").asText()).isEqualTo("still here");
  }

  @Test
  void streamThatGoesSilentTimesOut() {
    HeraldServer server = start(TestConfig.create().proxy(proxy(Duration.ofMillis(400))));
    WsClient client = connected(server, "ann");
    long id = client.send("rpc", "{\"method\":\"ndjson\",\"data\":{\"count\":3,\"delayMs\":1500}}");
    List<JsonNode> got = chunksThenResponse(client, id, 1);
    assertThat(errorCode(got.get(1))).isEqualTo(114);
    Awaitility.await("the backend's stream is dropped")
        .atMost(Duration.ofSeconds(5))
        .until(() -> backend.streamsStarted() == 1);
  }

  @Test
  void backendDownIs113() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    ProxyConfig proxy = ProxyConfig.defaults();
    proxy = new ProxyConfig(proxy.connect(),
        new ProxyEndpoint("http://127.0.0.1:" + closedPort + "/rpc", Duration.ofSeconds(2),
            ProxyEndpoint.DEFAULT_HEADERS),
        proxy.publish(), proxy.subscribe(), false, proxy.maxResponseSize(), proxy.maxStreams());
    WsClient client = connected(start(TestConfig.create().proxy(proxy)), "ann");
    assertThat(errorCode(client.call("rpc", "{\"method\":\"echo\"}"))).isEqualTo(113);
    client.ok("subscribe", json("channel", "chat:room"));
  }

  @Test
  void rpcWithoutAProxyIsNotAvailableAndStreamsAreLimited() {
    WsClient plain = connected(start(TestConfig.create()), "ann");
    assertThat(errorCode(plain.call("rpc", "{\"method\":\"echo\"}"))).isEqualTo(108);

    ProxyConfig p = proxy(Duration.ofSeconds(5));
    p = new ProxyConfig(p.connect(), p.rpc(), p.publish(), p.subscribe(), false,
        p.maxResponseSize(), 2);
    WsClient client = connected(start(TestConfig.create().proxy(p)), "bob");
    long a = client.send("rpc", "{\"method\":\"forever\",\"data\":{\"delayMs\":50}}");
    long b = client.send("rpc", "{\"method\":\"forever\",\"data\":{\"delayMs\":50}}");
    assertThat(errorCode(client.call("rpc", "{\"method\":\"echo\"}"))).isEqualTo(106);
    client.notify("cancel", "{\"id\":" + a + "}");
    assertThat(errorCode(client.awaitResponse(a))).isEqualTo(117);
    assertThat(client.ok("rpc", "{\"method\":\"echo\",\"data\":2}").get("data").get("echo")
        .asInt()).isEqualTo(2);
    client.notify("cancel", "{\"id\":" + b + "}");
    assertThat(errorCode(client.awaitResponse(b))).isEqualTo(117);
  }
}
