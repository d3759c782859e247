package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.ProxyConfig;
import io.herald.config.ProxyEndpoint;
import io.herald.server.HeraldServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A backend named by a host name, not an IP: the name is resolved off the event loop and the
 * call goes through; a name that does not resolve fails the call (113) without stalling the
 * connection's loop.
 */
class ProxyHostNameSocketTest extends ProxyTestBase {

  private ProxyConfig rpcAt(String url) {
    ProxyConfig p = proxy(Duration.ofSeconds(3));
    return new ProxyConfig(p.connect(),
        new ProxyEndpoint(url, Duration.ofSeconds(3), ProxyEndpoint.DEFAULT_HEADERS),
        p.publish(), p.subscribe(), false, p.maxResponseSize(), p.maxStreams());
  }

  @Test
  void aBackendNamedByHostNameAnswers() {
    HeraldServer server = start(TestConfig.create().proxy(
        rpcAt(backend.url("/rpc").replace("127.0.0.1", "localhost"))));
    WsClient client = connected(server, "ann");
    JsonNode result = client.ok("rpc", "{\"method\":\"echo\",\"data\":{\"q\":\"hi\"}}");
    assertThat(result.at("/data/echo/q").asText()).isEqualTo("hi");
  }

  @Test
  void aNameThatDoesNotResolveFailsTheCallAndTheLoopStaysFree() {
    HeraldServer server = start(TestConfig.create().proxy(
        rpcAt("http://no-such-host.invalid:8080/rpc")));
    WsClient client = connected(server, "ann");
    long id = client.send("rpc", "{\"method\":\"echo\",\"data\":1}");
    assertThat(client.ok("publish", WsClient.json("channel", "chat:x", "data", 1)))
        .as("the loop answers meanwhile").isNotNull();
    JsonNode failed = client.awaitResponse(id);
    assertThat(failed.at("/error/code").asInt()).isEqualTo(113);
  }
}
