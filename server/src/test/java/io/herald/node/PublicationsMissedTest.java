package io.herald.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.NamespaceConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The broker lost publications for a while: subscribers with history recover, others stay. */
class PublicationsMissedTest {

  private final SessionHarness harness = new SessionHarness(
      SessionHarness.anonymousAllowed(), io.herald.engine.memory.MemoryEngine::create,
      NamespaceConfig.defaults("feed")
          .with("allowSubscribeForClient", true)
          .with("historySize", 10)
          .with("historyTtl", Duration.ofMinutes(1))
          .with("historyMetaTtl", Duration.ofMinutes(5)),
      NamespaceConfig.defaults("live").with("allowSubscribeForClient", true));

  @Test
  void subscribersOfAChannelWithHistoryAreToldToResubscribe() {
    SessionHarness.Client ann = harness.client();
    ann.connect("ann");
    ann.call("subscribe", "{\"channel\":\"feed:a\"}");
    ann.call("subscribe", "{\"channel\":\"live:a\"}");
    ann.messages();

    harness.node.onPublicationsMissed("feed:a");
    harness.node.onPublicationsMissed("live:a");
    harness.node.onPublicationsMissed("feed:nobody");
    harness.loop.runPending();

    List<JsonNode> got = ann.messages();
    assertThat(got).hasSize(1);
    assertThat(got.get(0).path("method").asText()).isEqualTo("unsubscribe");
    assertThat(got.get(0).at("/params/channel").asText()).isEqualTo("feed:a");
    assertThat(got.get(0).at("/params/code").asInt()).isEqualTo(2500);

    JsonNode again = ann.call("subscribe", "{\"channel\":\"feed:a\"}");
    assertThat(again.has("result")).as("%s", again).isTrue();
  }
}
