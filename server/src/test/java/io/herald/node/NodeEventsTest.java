package io.herald.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.NamespaceConfig;
import io.herald.engine.ClientInfo;
import io.herald.node.protocol.Disconnect;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link NodeEvents}: channels occupied and vacated, users online and offline, presence. */
class NodeEventsTest {

  private final SessionHarness h =
      new SessionHarness(NamespaceConfig.permissive("room").with("presence", true));
  private final List<String> events = new ArrayList<>();

  NodeEventsTest() {
    h.node.listen(new NodeEvents() {
      @Override
      public void channelOccupied(String channel) {
        events.add("occupied " + channel);
      }

      @Override
      public void channelVacated(String channel) {
        events.add("vacated " + channel);
      }

      @Override
      public void userOnline(String user) {
        events.add("online " + user);
      }

      @Override
      public void userOffline(String user) {
        events.add("offline " + user);
      }

      @Override
      public void presenceJoined(String channel, ClientInfo info) {
        events.add("joined " + channel + " " + info.user());
      }

      @Override
      public void presenceLeft(String channel, ClientInfo info) {
        events.add("left " + channel + " " + info.user());
      }
    });
  }

  @Test
  void firstAndLastOfEachAreReportedOnce() {
    SessionHarness.Client one = h.client();
    SessionHarness.Client two = h.client();
    one.connect("ann");
    two.connect("ann");
    one.call("subscribe", "{\"channel\":\"room:a\"}");
    two.call("subscribe", "{\"channel\":\"room:a\"}");
    one.call("unsubscribe", "{\"channel\":\"room:a\"}");
    two.session.disconnect(Disconnect.FORCE_NO_RECONNECT);
    one.session.disconnect(Disconnect.FORCE_NO_RECONNECT);
    h.loop.runPending();

    assertThat(events).containsExactly(
        "online ann",
        "occupied room:a", "joined room:a ann",
        "joined room:a ann",
        "left room:a ann",
        "vacated room:a", "left room:a ann",
        "offline ann");
  }

  @Test
  void aFailingListenerDoesNotBreakTheSession() {
    h.node.listen(new NodeEvents() {
      @Override
      public void userOnline(String user) {
        throw new IllegalStateException("listener bug");
      }
    });
    SessionHarness.Client c = h.client();
    assertThat(c.connect("bob").has("result")).isTrue();
  }
}
