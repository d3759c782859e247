package io.herald.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.NamespaceConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Presence entries on a fake clock: kept alive while connected, gone when the client leaves. */
class PresenceSessionTest {

  private static final NamespaceConfig ROOM = NamespaceConfig.defaults("room")
      .with("allowSubscribeForClient", true)
      .with("allowPresenceForSubscriber", true)
      .with("presence", true)
      .with("presenceTtl", Duration.ofSeconds(3));

  private final SessionHarness h = new SessionHarness(ROOM);

  private int present(SessionHarness.Client c) {
    JsonNode reply = c.call("presenceStats", "{\"channel\":\"room:1\"}");
    return reply.at("/result/numClients").asInt();
  }

  @Test
  void aConnectedClientKeepsItsEntryAliveLongPastTheTtl() {
    SessionHarness.Client ann = h.client();
    ann.connect("ann");
    ann.call("subscribe", "{\"channel\":\"room:1\"}");
    for (int i = 0; i < 10; i++) {
      h.loop.advance(Duration.ofSeconds(2));
      ann.call("pong", "{}");
    }
    assertThat(present(ann)).isEqualTo(1);
  }

  @Test
  void unsubscribingAndClosingLeaveAtOnce() {
    SessionHarness.Client ann = h.client();
    SessionHarness.Client bob = h.client();
    ann.connect("ann");
    bob.connect("bob");
    ann.call("subscribe", "{\"channel\":\"room:1\"}");
    bob.call("subscribe", "{\"channel\":\"room:1\"}");
    assertThat(present(ann)).isEqualTo(2);
    bob.call("unsubscribe", "{\"channel\":\"room:1\"}");
    assertThat(present(ann)).isEqualTo(1);
    bob.call("subscribe", "{\"channel\":\"room:1\"}");
    bob.session.transportClosed();
    assertThat(present(ann)).isEqualTo(1);
  }
}
