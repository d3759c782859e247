package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.server.HeraldServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The backend proxy over the SSE and long-poll fallbacks: a streamed {@code rpc} (an AI answer
 * token by token) whose request goes by emulation POST and whose chunks and response come on the
 * stream or the polls, in order; and a {@code connect} without a token that the connect proxy
 * decides from the request's session cookie. The backend learns which transport the caller uses.
 */
class FallbackRpcSocketTest extends ProxyTestBase {

  private FallbackClient open(HeraldServer server, String kind) {
    String connect = WsClient.json("token", token("ann"));
    FallbackClient client = kind.equals("sse")
        ? SseClient.open(http, FallbackSessionSocketTest.base(server), connect, Map.of())
        : LongPollClient.open(http, FallbackSessionSocketTest.base(server), connect);
    track(client).connectReply();
    return client;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sse", "longpoll"})
  void aStreamedRpcArrivesChunkByChunkInOrderThenTheResponse(String kind) {
    HeraldServer server = start(TestConfig.create().proxy(proxy(Duration.ofSeconds(5))));
    FallbackClient client = open(server, kind);
    assertThat(client.emulate(WsClient.request(
        7, "rpc", "{\"method\":\"ndjson\",\"data\":{\"count\":50}}")).statusCode())
        .isEqualTo(204);
    for (int i = 0; i < 50; i++) {
      JsonNode chunk = client.await(m -> isStreamOf(m, 7), WsClient.TIMEOUT, "chunk " + i);
      assertThat(chunk.at("/params/seq").asInt()).isEqualTo(i);
      assertThat(chunk.at("/params/data/n").asInt()).isEqualTo(i);
    }
    JsonNode response = client.await(m -> m.path("id").asInt() == 7, WsClient.TIMEOUT, "result");
    assertThat(response.at("/result/chunks").asInt()).isEqualTo(50);
    TestBackend.Call call = backend.nextCall();
    assertThat(call.path()).isEqualTo("/rpc");
    assertThat(call.body().get("transport").asText()).isEqualTo(kind);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sse", "longpoll"})
  void withoutATokenTheConnectProxyDecidesFromTheRequestsCookie(String kind) {
    backend.connect = body -> body.path("headers").path("Cookie").asText().contains("session=good")
        ? TestBackend.Answer.json("{\"result\":{\"user\":\"u-42\"}}")
        : TestBackend.Answer.json("{\"error\":{\"code\":4010,\"message\":\"sign in\"}}");
    HeraldServer server = start(TestConfig.create().proxy(proxy(Duration.ofSeconds(5))));
    Map<String, String> cookie = Map.of("Cookie", "theme=dark; session=good");
    FallbackClient client = kind.equals("sse")
        ? SseClient.open(http, FallbackSessionSocketTest.base(server), "{}", cookie)
        : LongPollClient.open(http, FallbackSessionSocketTest.base(server), "{}", cookie);
    assertThat(track(client).connectReply().at("/result/user").asText()).isEqualTo("u-42");
    TestBackend.Call call = backend.nextCall();
    assertThat(call.path()).isEqualTo("/connect");
    assertThat(call.headers().get("cookie")).isEqualTo("theme=dark; session=good");
    assertThat(call.body().get("transport").asText()).isEqualTo(kind);
  }
}
