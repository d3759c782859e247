package io.herald.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.NamespaceConfig;
import io.herald.engine.ClientInfo;
import io.herald.node.protocol.FrameDecoder;
import io.herald.node.protocol.Protocol;
import io.herald.node.protocol.ProtocolEncoder;
import io.herald.protocol.jsonrpc.JsonRpcProtocol;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Sessions driven by their protocol adapter ({@link Node#openDriven}): connected at once with the
 * adapter's id, subscribed as a member without Herald's permission checks, told of joins and
 * leaves per connection, and moved to a user by a sign-in.
 */
class DrivenSessionTest {

  /** Allows nothing to Herald's own clients; keeps presence and lets subscribers hear joins. */
  private static final NamespaceConfig ROOM = NamespaceConfig.defaults("room")
      .with("presence", true).with("allowJoinLeaveForSubscriber", true);

  private final SessionHarness h = new SessionHarness(ROOM);

  /** JSON-RPC frames; records the presence changes it is told of. */
  private static final class Recording implements Protocol {
    final List<String> heard = new CopyOnWriteArrayList<>();
    private final JsonRpcProtocol base = JsonRpcProtocol.withDefaults();

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public ProtocolEncoder encoder() {
      return base.encoder();
    }

    @Override
    public FrameDecoder decoder() {
      return base.decoder();
    }

    @Override
    public Set<Feature> features() {
      return Set.of();
    }

    @Override
    public void presence(String clientId, String channel, ClientInfo info, boolean joined) {
      heard.add(clientId + " " + (joined ? "+" : "-") + info.user() + "/" + info.client());
    }
  }

  private final Recording protocol = new Recording();

  private DrivenSession open(String id) {
    DrivenSession s = h.node.openDriven(new FakeTransport(h.loop), protocol, id, "");
    h.loop.runPending();
    return s;
  }

  @Test
  void aDrivenSessionSubscribesAsItsMemberWhereHeraldsClientsMayNot() throws Exception {
    SessionHarness.Client herald = h.client();
    herald.connect("42");
    assertThat(herald.call("subscribe", "{\"channel\":\"room:a\"}").path("error").path("code")
        .asInt()).isEqualTo(103);

    DrivenSession s = open("1.1");
    assertThat(s.id()).isEqualTo("1.1");
    s.subscribe("room:a", new ClientInfo("ann", "1.1", null, "{\"n\":1}".getBytes()), true);
    h.loop.runPending();
    var present = h.node.presence("room:a").toCompletableFuture().get().clients();
    assertThat(present).containsOnlyKeys("1.1");
    assertThat(present.get("1.1").user()).isEqualTo("ann");
    assertThat(new String(present.get("1.1").chanInfo())).isEqualTo("{\"n\":1}");
  }

  @Test
  void joinsAndLeavesReachTheProtocolPerConnection() {
    DrivenSession ann = open("1.1");
    ann.subscribe("room:a", new ClientInfo("ann", "1.1", null, null), true);
    h.loop.runPending();
    DrivenSession bob = open("2.2");
    bob.subscribe("room:a", new ClientInfo("bob", "2.2", null, null), true);
    h.loop.runPending();
    assertThat(protocol.heard).contains("1.1 +bob/2.2");
    protocol.heard.clear();
    bob.unsubscribe("room:a");
    h.loop.runPending();
    assertThat(protocol.heard).containsExactly("1.1 -bob/2.2");
  }

  @Test
  void aSignInMovesTheSessionToItsUser() {
    DrivenSession s = open("3.3");
    assertThat(s.signIn("pusher.1:carol")).isTrue();
    h.node.disconnectUser("pusher.1:carol", null, new io.herald.node.protocol.Disconnect(4009,
        "terminated"));
    h.loop.runPending();
    assertThat(s.closed()).isTrue();
  }
}
