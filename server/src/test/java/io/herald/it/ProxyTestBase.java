package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.ProxyConfig;
import io.herald.config.ProxyEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** A {@link TestBackend} per test, and servers whose proxy endpoints point at it. */
abstract class ProxyTestBase extends SocketTestBase {

  TestBackend backend;

  @BeforeEach
  void startBackend() {
    backend = track(TestBackend.start());
  }

  /** Every proxy endpoint pointing at the backend, with {@code timeout}. */
  ProxyConfig proxy(Duration timeout) {
    return new ProxyConfig(
        endpoint("/connect", timeout),
        endpoint("/rpc", timeout),
        endpoint("/publish", timeout),
        endpoint("/subscribe", timeout),
        false,
        ProxyConfig.DEFAULT_MAX_RESPONSE_SIZE,
        ProxyConfig.DEFAULT_MAX_STREAMS);
  }

  ProxyEndpoint endpoint(String path, Duration timeout) {
    return new ProxyEndpoint(backend.url(path), timeout, ProxyEndpoint.DEFAULT_HEADERS);
  }

  /** The {@code stream} notifications of rpc {@code id} taken so far, and the response after them. */
  static List<JsonNode> chunksThenResponse(WsClient client, long id, int chunks) {
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < chunks; i++) {
      out.add(client.await(m -> isStreamOf(m, id), WsClient.TIMEOUT, "chunk " + i + " of " + id)
          .get("params"));
    }
    out.add(client.awaitResponse(id));
    return out;
  }

  static boolean isStreamOf(JsonNode m, long id) {
    return WsClient.isMethod("stream").test(m) && m.path("params").path("id").asLong() == id;
  }

  /** The error code of a response, failing when it is a result. */
  static int errorCode(JsonNode response) {
    assertThat(response.has("error")).as("an error: %s", response).isTrue();
    return response.get("error").get("code").asInt();
  }
}
