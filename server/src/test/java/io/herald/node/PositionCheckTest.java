package io.herald.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.NamespaceConfig;
import io.herald.engine.StreamPosition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Node#onPositionCheck}: after a broker may have missed publications, subscribers that are
 * behind the stream's position, or on another epoch, are unsubscribed with 2500; the others stay.
 */
class PositionCheckTest {

  private static final NamespaceConfig FEED = NamespaceConfig.defaults("feed")
      .with("allowSubscribeForClient", true)
      .with("allowHistoryForSubscriber", true)
      .with("historySize", 10)
      .with("historyTtl", Duration.ofMinutes(5));
  private static final NamespaceConfig PLAIN = NamespaceConfig.defaults("plain")
      .with("allowSubscribeForClient", true);

  private final SessionHarness h = new SessionHarness(FEED, PLAIN);

  private static List<Integer> unsubscribeCodes(SessionHarness.Client c) {
    return c.messages().stream()
        .filter(m -> "unsubscribe".equals(m.path("method").asText()))
        .map(m -> m.at("/params/code").asInt())
        .toList();
  }

  private SessionHarness.Client subscribed(String user, String channel) {
    SessionHarness.Client c = h.client();
    c.connect(user);
    c.call("subscribe", "{\"channel\":\"" + channel + "\"}");
    return c;
  }

  @Test
  void aSubscriberWithEverythingStaysAndOneBehindRecovers() {
    SessionHarness.Client ann = subscribed("ann", "feed:a");
    h.node.publish("feed:a", "1".getBytes());
    h.loop.runPending();
    JsonNode page = ann.call("history", "{\"channel\":\"feed:a\",\"limit\":0}").get("result");
    String epoch = page.get("epoch").asText();
    ann.messages();

    h.node.brokerHandler().onPositionCheck("feed:a", new StreamPosition(1, epoch));
    h.loop.runPending();
    assertThat(unsubscribeCodes(ann)).isEmpty();

    h.node.brokerHandler().onPositionCheck("feed:a", new StreamPosition(2, epoch));
    h.loop.runPending();
    assertThat(unsubscribeCodes(ann)).containsExactly(2500);
  }

  @Test
  void aLostStreamMakesHistorySubscribersRecoverAndLeavesOthersAlone() {
    SessionHarness.Client ann = subscribed("ann", "feed:b");
    SessionHarness.Client bob = subscribed("bob", "plain:b");
    ann.messages();
    bob.messages();
    h.node.brokerHandler().onPositionCheck("feed:b", StreamPosition.NONE);
    h.node.brokerHandler().onPositionCheck("plain:b", StreamPosition.NONE);
    h.node.brokerHandler().onPositionCheck("feed:nobody", StreamPosition.NONE);
    h.loop.runPending();
    assertThat(unsubscribeCodes(ann)).containsExactly(2500);
    assertThat(unsubscribeCodes(bob)).isEmpty();
  }
}
