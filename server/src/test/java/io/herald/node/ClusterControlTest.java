package io.herald.node;

import io.herald.node.protocol.Disconnect;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.engine.ControlMessage;
import io.herald.engine.NodeInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import io.herald.config.ClientConfig;
import io.herald.engine.Broker;
import io.herald.engine.Engine;
import io.herald.engine.ForwardingBroker;
import io.herald.engine.memory.MemoryEngine;
import org.junit.jupiter.api.Test;

class ClusterControlTest {

  private final SessionHarness harness = new SessionHarness();
  private final Node node = harness.node;

  private static NodeInfo other(String uid, String name) {
    return new NodeInfo(uid, name, "1.0", 3, 2, 1, 10);
  }

  @Test
  void infoListsThisNodeFirstThenEveryNodeThatAnnouncedItself() {
    node.brokerHandler().onControl(new ControlMessage.NodeAlive(other("u-b", "b")));
    node.brokerHandler().onControl(new ControlMessage.NodeAlive(other("u-a", "a")));
    assertThat(node.nodes()).extracting(NodeInfo::name).containsExactly("test", "a", "b");
  }

  @Test
  void aNodeSilentForThreeIntervalsIsForgotten() {
    node.brokerHandler().onControl(new ControlMessage.NodeAlive(other("u-a", "a")));
    harness.loop.advance(Node.ANNOUNCE_INTERVAL.multipliedBy(3));
    assertThat(node.nodes()).extracting(NodeInfo::name).containsExactly("test", "a");
    harness.loop.advance(Duration.ofSeconds(2));
    assertThat(node.nodes()).extracting(NodeInfo::name).containsExactly("test");
  }

  @Test
  void aNodeThatLeavesIsForgottenAtOnce() {
    node.brokerHandler().onControl(new ControlMessage.NodeAlive(other("u-a", "a")));
    node.brokerHandler().onControl(new ControlMessage.NodeLeft("u-a"));
    assertThat(node.nodes()).extracting(NodeInfo::name).containsExactly("test");
  }

  @Test
  void theNodesOwnAnnouncementDoesNotCountTwice() {
    node.announce();
    assertThat(node.nodes()).hasSize(1);
  }

  @Test
  void userCommandsGoThroughTheBrokerAndReachTheUsersSessions() {
    SessionHarness.Client alice = harness.client();
    alice.connect("alice");
    node.subscribeUser("alice", "news");
    harness.loop.runPending();
    assertThat(alice.messages())
        .anySatisfy(m -> assertThat(m.path("method").asText()).isEqualTo("subscribe"));
    node.disconnectUser("alice", null, Disconnect.FORCE_NO_RECONNECT);
    harness.loop.runPending();
    assertThat(alice.transport.closedWith()).isNotNull();
  }

  @Test
  void sessionDataReachesOnlyTheNodeItIsAddressedTo() {
    List<String> got = new ArrayList<>();
    node.onSessionData((session, data) ->
        got.add(session + ":" + new String(data, StandardCharsets.UTF_8)));
    node.sendSessionData("elsewhere", "s1", "{}".getBytes(StandardCharsets.UTF_8));
    node.sendSessionData(node.uid(), "s2", "[]".getBytes(StandardCharsets.UTF_8));
    assertThat(got).containsExactly("s2:[]");
  }

  @Test
  void aNodeNewToThisOneGetsItsAnnouncementAtOnce() {
    List<ControlMessage> sent = new CopyOnWriteArrayList<>();
    SessionHarness recorded = new SessionHarness(ClientConfig.defaults(), clock -> {
      Engine memory = MemoryEngine.create(clock);
      Broker recording = new ForwardingBroker() {
        @Override
        protected Broker delegate() {
          return memory.broker();
        }

        @Override
        public CompletionStage<Void> publishControl(ControlMessage message) {
          sent.add(message);
          return super.publishControl(message);
        }
      };
      return new Engine(recording, memory.history(), memory.presence(), memory.shared());
    });
    recorded.node.brokerHandler().onControl(new ControlMessage.NodeAlive(other("u-a", "a")));
    recorded.node.brokerHandler().onControl(new ControlMessage.NodeAlive(other("u-a", "a")));
    assertThat(sent).hasSize(1).first()
        .isInstanceOfSatisfying(ControlMessage.NodeAlive.class,
            alive -> assertThat(alive.info().uid()).isEqualTo(recorded.node.uid()));
  }
}
