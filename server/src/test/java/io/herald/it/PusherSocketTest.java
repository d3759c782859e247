package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.PusherApp;
import io.herald.config.PusherConfig;
import io.herald.pusher.Signatures;
import io.herald.server.HeraldServer;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Pusher endpoint over real sockets: greeting, refusals with Pusher's close codes, a private
 * subscription signed as Pusher does, and events from Herald's own API reaching it by name.
 */
class PusherSocketTest extends SocketTestBase {

  private static final String SECRET = "0123456789abcdef0123";

  private HeraldServer pusherServer() {
    return start(TestConfig.create().build().with("pusher",
        new PusherConfig(List.of(PusherApp.of("1001", "app-key", SECRET)))));
  }

  private WsClient open(HeraldServer server, String path) {
    return track(WsClient.open(http, URI.create("ws://127.0.0.1:" + server.port() + path)));
  }

  private static JsonNode event(WsClient c, String name) {
    return c.await(m -> name.equals(m.path("event").asText()), WsClient.TIMEOUT, name);
  }

  @Test
  void greetsSubscribesWithASignatureAndDeliversNamedEvents() throws Exception {
    HeraldServer server = pusherServer();
    WsClient c = open(server, "/app/app-key?protocol=7&client=java&version=1");
    JsonNode hello = event(c, "pusher:connection_established");
    String socketId = WsClient.JSON.readTree(hello.get("data").asText()).get("socket_id").asText();
    assertThat(socketId).matches("\\d+\\.\\d+");
    String auth = "app-key:" + Signatures.hmac(SECRET, socketId + ":private-orders");
    c.sendText("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"private-orders\","
        + "\"auth\":\"" + auth + "\"}}");
    event(c, "pusher_internal:subscription_succeeded");
    api(server).call("publish",
        "{\"channel\":\"pusher.1001:private-orders\",\"event\":\"created\",\"data\":{\"id\":7}}");
    JsonNode created = event(c, "created");
    assertThat(created.get("channel").asText()).isEqualTo("private-orders");
    assertThat(created.get("data").asText()).isEqualTo("{\"id\":7}");
  }

  @Test
  void anUnknownKeyOrProtocolIsClosedWithPushersCode() {
    HeraldServer server = pusherServer();
    WsClient unknown = open(server, "/app/nope?protocol=7");
    assertThat(event(unknown, "pusher:error").at("/data/code").asInt()).isEqualTo(4001);
    assertThat(unknown.awaitClose().code()).isEqualTo(4001);
    WsClient old = open(server, "/app/app-key?protocol=5");
    assertThat(old.awaitClose().code()).isEqualTo(4007);
  }
}
