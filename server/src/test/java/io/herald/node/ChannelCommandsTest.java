package io.herald.node;

import io.herald.node.protocol.Frame;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.TokenConfig;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.ClientConfig;
import io.herald.config.NamespaceConfig;
import io.herald.engine.Broker;
import io.herald.engine.Engine;
import io.herald.engine.ForwardingBroker;
import io.herald.engine.memory.MemoryEngine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Subscribe, unsubscribe, publish and fan-out in the session core, without sockets. */
class ChannelCommandsTest {

  private static final NamespaceConfig CHAT = NamespaceConfig.defaults("chat")
      .with("allowSubscribeForClient", true)
      .with("allowPublishForSubscriber", true)
      .with("allowUserLimitedChannels", true)
      .with("allowHistoryForSubscriber", true)
      .with("allowPresenceForSubscriber", true);

  private final SessionHarness h = new SessionHarness(CHAT);

  private static int code(JsonNode reply) {
    return reply.at("/error/code").asInt();
  }

  @Test
  void publicationIsEncodedOnceAndSharedBySubscribers() {
    SessionHarness.Client ann = h.client();
    SessionHarness.Client bob = h.client();
    ann.connect("ann");
    bob.connect("bob");
    ann.call("subscribe", "{\"channel\":\"chat:room\"}");
    bob.call("subscribe", "{\"channel\":\"chat:room\"}");
    ann.call("publish", "{\"channel\":\"chat:room\",\"data\":{\"text\":\"hi\"}}");
    Frame toAnn = lastPublication(ann);
    Frame toBob = lastPublication(bob);
    assertThat(toBob).isSameAs(toAnn);
  }

  @Test
  void subscriptionKeepsTheNamespaceConfigsNameNotAParsedCopy() {
    SessionHarness.Client ann = h.client();
    ann.connect("ann");
    ann.call("subscribe", "{\"channel\":\"chat:room\"}");

    Subscription sub = ann.session.subscriptions().get("chat:room");
    assertThat(sub.channel().namespace()).isEqualTo("chat").isSameAs(sub.namespace().name());
    assertThat(sub.channel().full()).isEqualTo("chat:room");
  }

  private static Frame lastPublication(SessionHarness.Client c) {
    List<Frame> frames = c.transport.frames();
    for (int i = frames.size() - 1; i >= 0; i--) {
      if (frames.get(i).toString().contains("\"method\":\"publication\"")) {
        return frames.get(i);
      }
    }
    throw new AssertionError("no publication");
  }

  @Test
  void publicationCarriesChannelDataAndPublisherInfo() {
    SessionHarness.Client ann = h.client();
    SessionHarness.Client bob = h.client();
    ann.connect("ann");
    bob.connect("bob");
    bob.call("subscribe", "{\"channel\":\"chat:room\"}");
    ann.call("subscribe", "{\"channel\":\"chat:room\"}");
    ann.call("publish", "{\"channel\":\"chat:room\",\"data\":{\"text\":\"hi\"}}");
    List<JsonNode> got = bob.messages();
    JsonNode pub = got.get(got.size() - 1);
    assertThat(pub.get("method").asText()).isEqualTo("publication");
    assertThat(pub.at("/params/channel").asText()).isEqualTo("chat:room");
    assertThat(pub.at("/params/data/text").asText()).isEqualTo("hi");
    assertThat(pub.at("/params/info/user").asText()).isEqualTo("ann");
    assertThat(pub.at("/params/info/client").asText()).isEqualTo(ann.session.id());
  }

  @Test
  void errorsInTheirDocumentedOrder() {
    SessionHarness limited = new SessionHarness(SessionHarness.withChannelLimit(2),
        MemoryEngine::create, CHAT);
    SessionHarness.Client c = limited.client();
    c.connect("ann");
    assertThat(code(c.call("subscribe", "{\"channel\":\"bad channel\"}"))).isEqualTo(107);
    assertThat(code(c.call("subscribe", "{\"channel\":\"" + "x".repeat(256) + "\"}")))
        .isEqualTo(107);
    assertThat(code(c.call("subscribe", "{\"channel\":\"nope:x\"}"))).isEqualTo(102);
    assertThat(c.call("subscribe", "{\"channel\":\"chat:a\"}").has("result")).isTrue();
    assertThat(code(c.call("subscribe", "{\"channel\":\"chat:a\"}"))).isEqualTo(105);
    assertThat(c.call("subscribe", "{\"channel\":\"chat:b\"}").has("result")).isTrue();
    assertThat(code(c.call("subscribe", "{\"channel\":\"chat:c\"}"))).isEqualTo(106);
    c.call("unsubscribe", "{\"channel\":\"chat:a\"}");
    assertThat(c.call("subscribe", "{\"channel\":\"chat:c\"}").has("result")).isTrue();
  }

  @Test
  void userLimitedChannelsAdmitOnlyTheirUsers() {
    SessionHarness.Client phone = h.client();
    SessionHarness.Client laptop = h.client();
    SessionHarness.Client other = h.client();
    phone.connect("u1");
    laptop.connect("u1");
    other.connect("u2");
    assertThat(phone.call("subscribe", "{\"channel\":\"chat:tasks#u1\"}").has("result")).isTrue();
    assertThat(laptop.call("subscribe", "{\"channel\":\"chat:tasks#u1\"}").has("result")).isTrue();
    assertThat(code(other.call("subscribe", "{\"channel\":\"chat:tasks#u1\"}"))).isEqualTo(103);
    assertThat(other.call("subscribe", "{\"channel\":\"chat:dm#u1,u2\"}").has("result")).isTrue();
  }

  @Test
  void privateChannelsNeedAMatchingSubscriptionToken() {
    SessionHarness.Client c = h.client();
    c.connect("ann");
    assertThat(code(c.call("subscribe", "{\"channel\":\"$chat:secret\"}"))).isEqualTo(103);
    String forBob = h.minter.subscriptionToken("bob", "$chat:secret", Duration.ofMinutes(5));
    assertThat(code(c.call("subscribe",
        "{\"channel\":\"$chat:secret\",\"token\":\"" + forBob + "\"}"))).isEqualTo(103);
    String otherChannel = h.minter.subscriptionToken("ann", "$chat:other", Duration.ofMinutes(5));
    assertThat(code(c.call("subscribe",
        "{\"channel\":\"$chat:secret\",\"token\":\"" + otherChannel + "\"}"))).isEqualTo(103);
    String expired = h.minter.subscriptionToken("ann", "$chat:secret", Duration.ofSeconds(1));
    h.loop.advance(Duration.ofSeconds(2).plus(TokenConfig.DEFAULT_LEEWAY));
    c.messages();
    assertThat(code(c.call("subscribe",
        "{\"channel\":\"$chat:secret\",\"token\":\"" + expired + "\"}"))).isEqualTo(109);
    String good = h.minter.subscriptionToken("ann", "$chat:secret", Duration.ofMinutes(5));
    assertThat(c.call("subscribe",
        "{\"channel\":\"$chat:secret\",\"token\":\"" + good + "\"}").has("result")).isTrue();
  }

  @Test
  void publishNeedsPermission() {
    SessionHarness.Client c = h.client();
    c.connect("ann");
    assertThat(code(c.call("publish", "{\"channel\":\"chat:x\",\"data\":1}"))).isEqualTo(103);
    c.call("subscribe", "{\"channel\":\"chat:x\"}");
    assertThat(c.call("publish", "{\"channel\":\"chat:x\",\"data\":1}").has("result")).isTrue();
  }

  @Test
  void privateAndUserLimitedChannelsTakePublicationsOnlyFromTheirOwn() {
    NamespaceConfig open = NamespaceConfig.permissive("open");
    SessionHarness o = new SessionHarness(open);
    SessionHarness.Client ann = o.client();
    ann.connect("ann");
    assertThat(code(ann.call("publish", "{\"channel\":\"$open:x\",\"data\":1}"))).isEqualTo(103);
    assertThat(code(ann.call("publish", "{\"channel\":\"open:t#bob\",\"data\":1}"))).isEqualTo(103);
    assertThat(ann.call("publish", "{\"channel\":\"open:t#ann\",\"data\":1}").has("result"))
        .isTrue();
    String token = o.minter.subscriptionToken("ann", "$open:x", Duration.ofMinutes(5));
    ann.call("subscribe", "{\"channel\":\"$open:x\",\"token\":\"" + token + "\"}");
    assertThat(ann.call("publish", "{\"channel\":\"$open:x\",\"data\":1}").has("result"))
        .isTrue();
  }

  @Test
  void slowClientIsDisconnectedAndOthersStillReceive() {
    SessionHarness.Client slow = h.client();
    SessionHarness.Client fast = h.client();
    slow.connect("s");
    fast.connect("f");
    slow.call("subscribe", "{\"channel\":\"chat:x\"}");
    fast.call("subscribe", "{\"channel\":\"chat:x\"}");
    slow.transport.writable(false);
    h.node.publish("chat:x", "1".getBytes());
    h.node.publish("chat:x", "2".getBytes());
    h.loop.runPending();
    assertThat(slow.transport.closedWith().code()).isEqualTo(3008);
    assertThat(fast.messages()).extracting(m -> m.at("/params/data").asInt()).containsExactly(1, 2);
    assertThat(h.node.channels()).containsEntry("chat:x", 1);
  }

  @Test
  void framesWaitingOnAnAsynchronousCommandAreBounded() {
    PendingBroker broker = new PendingBroker();
    ClientConfig two = ClientConfig.defaults().with("maxPendingFrames", 2);
    SessionHarness slowEngine = new SessionHarness(two, clock -> {
      Engine memory = MemoryEngine.create(clock);
      broker.inner = memory.broker();
      return new Engine(broker, memory.history(), memory.presence(), memory);
    }, CHAT);
    SessionHarness.Client c = slowEngine.client();
    c.connect("ann");
    c.send("subscribe", "{\"channel\":\"chat:a\"}");
    c.send("unsubscribe", "{\"channel\":\"chat:b\"}");
    c.send("unsubscribe", "{\"channel\":\"chat:c\"}");
    assertThat(c.transport.closedWith()).isNull();
    broker.subscribed.complete(null);
    slowEngine.loop.runPending();
    List<JsonNode> replies = c.messages();
    assertThat(replies).extracting(m -> m.get("id").asInt()).containsExactly(2, 3, 4);
    broker.subscribed = new CompletableFuture<>();
    c.send("subscribe", "{\"channel\":\"chat:d\"}");
    c.send("unsubscribe", "{\"channel\":\"chat:e\"}");
    c.send("unsubscribe", "{\"channel\":\"chat:f\"}");
    c.send("unsubscribe", "{\"channel\":\"chat:g\"}");
    assertThat(c.transport.closedWith().code()).isEqualTo(3501);
  }

  /** A memory broker whose subscribe completes only when the test says so. */
  private static final class PendingBroker extends ForwardingBroker {
    CompletableFuture<Void> subscribed = new CompletableFuture<>();
    Broker inner;

    @Override
    protected Broker delegate() {
      return inner;
    }

    @Override
    public CompletionStage<Void> subscribe(String channel) {
      return subscribed;
    }

    @Override
    public CompletionStage<Void> unsubscribe(String channel) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {}
  }
}
