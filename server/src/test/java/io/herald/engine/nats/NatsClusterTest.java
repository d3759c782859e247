package io.herald.engine.nats;

import static io.herald.engine.EngineTests.get;
import static io.herald.engine.EngineTests.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.config.NatsConfig;
import io.herald.engine.ClientInfo;
import io.herald.engine.ControlMessage;
import io.herald.engine.Engine;
import io.herald.engine.EngineRecorder;
import io.herald.engine.HistoryAppender;
import io.herald.engine.HistoryOptions;
import io.herald.engine.Publication;
import io.herald.engine.PublishOptions;
import io.herald.engine.StreamPosition;
import io.herald.engine.memory.MemoryEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two NATS brokers on one prefix, as two nodes: each sees the other's publications, joins, leaves
 * and control messages. History is one memory store both append to, standing in for Redis.
 */
class NatsClusterTest {

  private static final HistoryOptions HISTORY =
      new HistoryOptions(100, Duration.ofMinutes(1), Duration.ofMinutes(5));

  private final EngineRecorder one = new EngineRecorder();
  private final EngineRecorder two = new EngineRecorder();
  private NatsConfig config;
  private Engine engine;
  private NatsBroker second;

  @BeforeEach
  void start() {
    config = NatsTests.config();
    AtomicReference<HistoryAppender> shared = new AtomicReference<>();
    engine = MemoryEngine.create(Clock.systemUTC(), appender -> {
      shared.set(appender);
      return new NatsBroker(config, appender, Clock.systemUTC(), "one");
    });
    second = new NatsBroker(config, shared.get(), Clock.systemUTC(), "two");
    engine.broker().start(one);
    second.start(two);
  }

  @AfterEach
  void stop() {
    second.close();
    engine.close();
  }

  private static Publication pub(String json) {
    return new Publication(0, json.getBytes(StandardCharsets.UTF_8), null);
  }

  @Test
  void aPublicationReachesTheOtherNodeOnlyWhileItIsSubscribed() throws Exception {
    String c = unique("news.eu");
    get(second.subscribe(c));
    get(engine.broker().publish(c, pub("1"), PublishOptions.NONE));
    await().atMost(Duration.ofSeconds(5)).until(() -> two.received.contains(c + "=1@0"));
    get(second.unsubscribe(c));
    get(engine.broker().publish(c, pub("2"), PublishOptions.NONE));
    get(engine.broker().subscribe(c));
    get(engine.broker().publish(c, pub("3"), PublishOptions.NONE));
    await().atMost(Duration.ofSeconds(5)).until(() -> one.received.contains(c + "=3@0"));
    assertThat(two.received).containsExactly(c + "=1@0");
    assertThat(one.received).containsExactly(c + "=3@0");
  }

  @Test
  void publicationsWithHistoryCarryOffsetEpochAndInfoAcrossNodes() throws Exception {
    String c = unique("chat:room#1,2");
    get(second.subscribe(c));
    ClientInfo ann = new ClientInfo("ann", "c1", "{\"a\":1}".getBytes(), null);
    PublishOptions history = new PublishOptions(HISTORY, null, Duration.ZERO);
    StreamPosition p1 = get(engine.broker().publish(
        c, new Publication(0, "{\"x\":1}".getBytes(), ann), history));
    await().atMost(Duration.ofSeconds(5)).until(() -> two.publications.size() == 1);
    StreamPosition p2 = get(second.publish(c, pub("2"), history));
    assertThat(p2).isEqualTo(new StreamPosition(2, p1.epoch()));
    await().atMost(Duration.ofSeconds(5)).until(() -> two.publications.size() == 2);
    Publication first = two.publications.get(0);
    assertThat(first.offset()).isEqualTo(1);
    assertThat(first.epoch()).isEqualTo(p1.epoch());
    assertThat(first.info().user()).isEqualTo("ann");
    assertThat(first.info().client()).isEqualTo("c1");
    assertThat(new String(first.info().connInfo())).isEqualTo("{\"a\":1}");
    assertThat(first.info().chanInfo()).isNull();
    assertThat(two.received).containsExactly(c + "={\"x\":1}@1", c + "=2@2");
  }

  @Test
  void joinsAndLeavesReachTheOtherNodeInOrderWithPublications() throws Exception {
    String c = unique("room");
    get(second.subscribe(c));
    ClientInfo bob = new ClientInfo("bob", "c2", null, "{\"role\":\"x\"}".getBytes());
    get(engine.broker().publishJoin(c, bob));
    get(engine.broker().publish(c, pub("1"), PublishOptions.NONE));
    get(engine.broker().publishLeave(c, bob));
    await().atMost(Duration.ofSeconds(5)).until(() -> two.received.size() == 3);
    assertThat(two.received).containsExactly("join:" + c + ":c2", c + "=1@0", "leave:" + c + ":c2");
  }

  @Test
  void controlMessagesReachEveryNodeIncludingTheSender() throws Exception {
    ControlMessage m = new ControlMessage.Disconnect(unique("u"), null, 3000, "bye");
    ControlMessage n = new ControlMessage.NodeLeft(unique("node"));
    get(second.publishControl(m));
    get(second.publishControl(n));
    await().atMost(Duration.ofSeconds(5)).until(
        () -> one.controls.size() == 2 && two.controls.size() == 2);
    assertThat(one.controls).containsExactly(m, n);
    assertThat(two.controls).containsExactly(m, n);
  }

  @Test
  void nodesOnAnotherPrefixSeeNothing() throws Exception {
    String c = unique("c");
    EngineRecorder other = new EngineRecorder();
    try (NatsBroker stranger =
        new NatsBroker(NatsTests.config(), null, Clock.systemUTC(), "stranger")) {
      stranger.start(other);
      get(stranger.subscribe(c));
      get(engine.broker().subscribe(c));
      get(engine.broker().publish(c, pub("1"), PublishOptions.NONE));
      get(engine.broker().publishControl(new ControlMessage.NodeLeft("x")));
      await().atMost(Duration.ofSeconds(5)).until(() -> one.received.contains(c + "=1@0"));
      get(stranger.publish(c, pub("mine"), PublishOptions.NONE));
      await().atMost(Duration.ofSeconds(5)).until(() -> other.received.contains(c + "=mine@0"));
      assertThat(other.received).containsExactly(c + "=mine@0");
      assertThat(other.controls).isEmpty();
    }
    assertThat(one.received).containsExactly(c + "=1@0");
  }

  @Test
  void aMessageOfAnotherFormatIsDroppedAndTheNextOneArrives() throws Exception {
    String c = unique("c");
    get(second.subscribe(c));
    try (io.nats.client.Connection raw = io.nats.client.Nats.connect(NatsTests.URL)) {
      String subject = new NatsSubjects(config.prefix()).channel(c);
      raw.publish(subject, "not herald".getBytes());
      raw.publish(subject, new byte[] {1, 1, 0});
      raw.flush(Duration.ofSeconds(2));
    }
    get(engine.broker().publish(c, pub("ok"), PublishOptions.NONE));
    await().atMost(Duration.ofSeconds(5)).until(() -> two.received.contains(c + "=ok@0"));
    assertThat(two.received).containsExactly(c + "=ok@0");
  }

  @Test
  void concurrentPublishersOnTwoNodesAreDeliveredInOffsetOrder() throws Exception {
    String c = unique("busy");
    get(engine.broker().subscribe(c));
    get(second.subscribe(c));
    PublishOptions history = new PublishOptions(HISTORY, null, Duration.ZERO);
    int each = 300;
    Thread other = Thread.ofPlatform().start(() -> {
      for (int i = 0; i < each; i++) {
        second.publish(c, pub("2"), history);
      }
    });
    for (int i = 0; i < each; i++) {
      engine.broker().publish(c, pub("1"), history);
    }
    other.join();
    for (EngineRecorder node : new EngineRecorder[] {one, two}) {
      await().atMost(Duration.ofSeconds(10))
          .until(() -> node.publications.size() == 2 * each);
      for (int i = 0; i < 2 * each; i++) {
        assertThat(node.publications.get(i).offset()).isEqualTo(i + 1);
      }
    }
  }

  @Test
  void aKeyRepeatedOnAnotherNodeSharingTheStoreDeliversOnce() throws Exception {
    String c = unique("h");
    get(second.subscribe(c));
    PublishOptions history = new PublishOptions(HISTORY, "k", Duration.ofMinutes(1));
    StreamPosition first = get(engine.broker().publish(c, pub("1"), history));
    StreamPosition repeat = get(second.publish(c, pub("1"), history));
    get(engine.broker().publish(c, pub("2"), PublishOptions.NONE));
    assertThat(repeat).isEqualTo(first);
    await().atMost(Duration.ofSeconds(5)).until(() -> two.received.size() == 2);
    assertThat(two.received).containsExactly(c + "=1@1", c + "=2@0");
  }
}
