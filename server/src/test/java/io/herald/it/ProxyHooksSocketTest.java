package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.NamespaceConfig;
import io.herald.server.HeraldServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Namespaces with {@code publishProxy} / {@code subscribeProxy}: the backend allows, refuses with
 * its own code, or replaces what is published; namespaces without them are not proxied.
 */
class ProxyHooksSocketTest extends ProxyTestBase {

  private HeraldServer server() {
    // Nothing allowed by the flags: the backend decides.
    NamespaceConfig mod = NamespaceConfig.defaults("mod").withProxies(true, true);
    return start(TestConfig.create().proxy(proxy(Duration.ofSeconds(5))).namespace(mod));
  }

  @Test
  void publishProxyAllowsRefusesAndReplaces() {
    backend.subscribe = body -> TestBackend.Answer.json("{\"result\":{}}");
    backend.publish = body -> {
      String text = body.path("data").path("text").asText();
      if (text.contains("spam")) {
        return TestBackend.Answer.json("{\"error\":{\"code\":4003,\"message\":\"moderated\"}}");
      }
      if (text.contains("darn")) {
        return TestBackend.Answer.json("{\"result\":{\"data\":{\"text\":\"d**n\",\"clean\":true}}}");
      }
      return TestBackend.Answer.json("{\"result\":{}}");
    };
    HeraldServer server = server();
    WsClient reader = subscriber(server, "reader", "mod:room");
    WsClient writer = connected(server, "writer");

    writer.ok("publish", json("channel", "mod:room", "data", Map.of("text", "hello")));
    assertThat(reader.awaitMethod("publication").get("params").get("data").get("text").asText())
        .isEqualTo("hello");

    JsonNode refused =
        writer.call("publish", json("channel", "mod:room", "data", Map.of("text", "buy spam")));
    assertThat(errorCode(refused)).isEqualTo(4003);

    writer.ok("publish", json("channel", "mod:room", "data", Map.of("text", "darn")));
    JsonNode replaced = reader.awaitMethod("publication").get("params").get("data");
    assertThat(replaced.get("text").asText()).isEqualTo("d**n");
    assertThat(replaced.get("clean").asBoolean()).isTrue();
    reader.assertNone(WsClient.isPublication("mod:room"), Duration.ofMillis(200),
        "the refused publication");

    backend.nextCall(); // reader's subscribe
    TestBackend.Call first = backend.nextCall();
    assertThat(first.path()).isEqualTo("/publish");
    assertThat(first.body().get("channel").asText()).isEqualTo("mod:room");
    assertThat(first.body().get("user").asText()).isEqualTo("writer");
  }

  @Test
  void subscribeProxyAllowsAndRefuses() {
    backend.subscribe = body -> body.path("channel").asText().contains("vip")
        ? TestBackend.Answer.json("{\"error\":{\"code\":4004,\"message\":\"members only\"}}")
        : TestBackend.Answer.json("{\"result\":{\"info\":{\"role\":\"guest\"}}}");
    HeraldServer server = server();
    WsClient client = connected(server, "ann");
    assertThat(errorCode(client.call("subscribe", json("channel", "mod:vip")))).isEqualTo(4004);
    client.ok("subscribe", json("channel", "mod:lobby"));
    assertThat(backend.nextCall().body().get("channel").asText()).isEqualTo("mod:vip");
    assertThat(backend.nextCall().body().get("user").asText()).isEqualTo("ann");
    // Not proxied: chat decides by its flags alone.
    client.ok("subscribe", json("channel", "chat:room"));
    client.ok("publish", json("channel", "chat:room", "data", 1));
    // The backend's info is the subscription's chanInfo.
    backend.publish = body -> TestBackend.Answer.json("{\"result\":{}}");
    client.ok("publish", json("channel", "mod:lobby", "data", 2));
    JsonNode publication = client.awaitMethod("publication");
    while (!publication.get("params").get("channel").asText().equals("mod:lobby")) {
      publication = client.awaitMethod("publication");
    }
    assertThat(publication.get("params").get("info").get("chanInfo").get("role").asText())
        .isEqualTo("guest");
  }

  @Test
  void backendDownRefusesWith113AndTheConnectionStays() {
    HeraldServer server = server();
    WsClient client = connected(server, "ann");
    backend.close();
    assertThat(errorCode(client.call("subscribe", json("channel", "mod:x")))).isEqualTo(113);
    assertThat(errorCode(client.call("publish", json("channel", "mod:x", "data", 1))))
        .isEqualTo(113);
    client.ok("subscribe", json("channel", "chat:room"));
  }
}
