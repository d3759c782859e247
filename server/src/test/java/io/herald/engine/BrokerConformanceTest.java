package io.herald.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static io.herald.engine.EngineTests.get;
import static io.herald.engine.EngineTests.unique;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Broker} contract, run against every engine: subclass it and return a fresh engine
 * from {@link #newEngine()}. Distributed engines reuse it unchanged.
 */
public abstract class BrokerConformanceTest {

  /** History kept by the channels of these tests. */
  protected static final HistoryOptions HISTORY =
      new HistoryOptions(1000, Duration.ofMinutes(5), Duration.ofMinutes(10));

  /** What the broker handed to the node. */
  protected final EngineRecorder recorder = new EngineRecorder();

  /** What the broker handed to the node, as text, in arrival order. */
  protected final List<String> received = recorder.received;

  private Engine engine;
  private Broker broker;

  /** A fresh engine whose broker is not started. */
  protected abstract Engine newEngine();

  @BeforeEach
  void startBroker() {
    engine = newEngine();
    broker = engine.broker();
    broker.start(recorder);
  }

  @AfterEach
  void closeBroker() {
    engine.close();
  }

  private static Publication pub(String json) {
    return new Publication(0, json.getBytes(StandardCharsets.UTF_8), null);
  }

  private static PublishOptions withHistory(String key) {
    return new PublishOptions(HISTORY, key, Duration.ofMinutes(1));
  }

  @Test
  void anEventNameAndClientInfoTravelAndAreStoredWithThePublication() throws Exception {
    String named = unique("named");
    get(broker.subscribe(named));
    ClientInfo info = new ClientInfo("u", "c", null, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    Publication p = new Publication(0, "\"x\"".getBytes(StandardCharsets.UTF_8), info, "", "ev");
    get(broker.publish(named, p, withHistory(null)));
    get(broker.publish(named, pub("2"), withHistory(null)));
    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.publications.size() >= 2);
    Publication got = recorder.publications.get(0);
    assertThat(got.event()).isEqualTo("ev");
    assertThat(got.info().client()).isEqualTo("c");
    assertThat(new String(got.data(), StandardCharsets.UTF_8)).isEqualTo("\"x\"");
    assertThat(recorder.publications.get(1).event()).isNull();
    HistoryPage page = get(engine.history().history(named,
        new HistoryQuery(null, 10, false, HISTORY)));
    assertThat(page.publications()).extracting(Publication::event).containsExactly("ev", null);
  }

  @Test
  void subscribedChannelReceivesItsPublications() throws Exception {
    String news = unique("news");
    get(broker.subscribe(news));
    get(broker.publish(news, pub("1"), PublishOptions.NONE));
    await().atMost(Duration.ofSeconds(5)).until(() -> received.contains(news + "=1@0"));
  }

  @Test
  void publicationsOfOneChannelKeepPublishOrder() throws Exception {
    String seq = unique("seq");
    get(broker.subscribe(seq));
    for (int i = 0; i < 200; i++) {
      broker.publish(seq, pub(Integer.toString(i)), PublishOptions.NONE);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= 200);
    for (int i = 0; i < 200; i++) {
      assertThat(received.get(i)).isEqualTo(seq + "=" + i + "@0");
    }
  }

  @Test
  void subscribeAndUnsubscribeAreIdempotent() throws Exception {
    String x = unique("x");
    get(broker.subscribe(x));
    get(broker.subscribe(x));
    get(broker.unsubscribe(x));
    get(broker.unsubscribe(x));
    get(broker.unsubscribe(unique("never")));
  }

  @Test
  void dataIsDeliveredByteForByte() throws Exception {
    String u = unique("u");
    get(broker.subscribe(u));
    String data = "{\"text\":\"h\\u00e9llo \\\"w\\\" \\uD83D\\uDE00\",\"n\":[1,2.5,null,true]}";
    get(broker.publish(u, pub(data), PublishOptions.NONE));
    await().atMost(Duration.ofSeconds(5)).until(() -> received.contains(u + "=" + data + "@0"));
  }

  @Test
  void withoutHistoryThePositionIsNone() throws Exception {
    String c = unique("plain");
    assertThat(get(broker.publish(c, pub("1"), PublishOptions.NONE))).isEqualTo(StreamPosition.NONE);
  }

  @Test
  void withHistoryOffsetsCountUpWithinOneEpoch() throws Exception {
    String c = unique("h");
    get(broker.subscribe(c));
    StreamPosition first = get(broker.publish(c, pub("1"), withHistory(null)));
    StreamPosition second = get(broker.publish(c, pub("2"), withHistory(null)));
    assertThat(first.offset()).isEqualTo(1);
    assertThat(second).isEqualTo(new StreamPosition(2, first.epoch()));
    assertThat(first.epoch()).isNotEmpty();
    await().atMost(Duration.ofSeconds(5))
        .until(() -> received.containsAll(List.of(c + "=1@1", c + "=2@2")));
  }

  @Test
  void concurrentPublishersAreDeliveredInOffsetOrderWithoutGaps() throws Exception {
    String c = unique("race");
    get(broker.subscribe(c));
    int threads = 4;
    int each = 250;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Set<Long> offsets = ConcurrentHashMap.newKeySet();
    try {
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(CompletableFuture.runAsync(() -> {
          for (int i = 0; i < each; i++) {
            offsets.add(broker.publish(c, pub("0"), withHistory(null))
                .toCompletableFuture().join().offset());
          }
        }, pool));
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(offsets).hasSize(threads * each);
    await().atMost(Duration.ofSeconds(10))
        .until(() -> recorder.publications.size() >= threads * each);
    for (int i = 0; i < threads * each; i++) {
      assertThat(recorder.publications.get(i).offset()).isEqualTo(i + 1);
    }
  }

  @Test
  void aRepeatedIdempotencyKeyDeliversOnceAndReturnsTheFirstPosition() throws Exception {
    String c = unique("idem");
    get(broker.subscribe(c));
    StreamPosition first = get(broker.publish(c, pub("1"), withHistory("k1")));
    StreamPosition again = get(broker.publish(c, pub("1"), withHistory("k1")));
    StreamPosition other = get(broker.publish(c, pub("2"), withHistory("k2")));
    assertThat(again).isEqualTo(first);
    assertThat(other.offset()).isEqualTo(first.offset() + 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= 2);
    Thread.sleep(100);
    assertThat(received).containsExactly(c + "=1@1", c + "=2@2");
  }

  @Test
  void idempotencyKeysArePerChannel() throws Exception {
    String a = unique("ia");
    String b = unique("ib");
    get(broker.subscribe(a));
    get(broker.subscribe(b));
    get(broker.publish(a, pub("1"), withHistory("same")));
    get(broker.publish(b, pub("1"), withHistory("same")));
    await().atMost(Duration.ofSeconds(5))
        .until(() -> received.containsAll(List.of(a + "=1@1", b + "=1@1")));
  }

  @Test
  void joinsAndLeavesReachSubscribedNodes() throws Exception {
    String c = unique("jl");
    get(broker.subscribe(c));
    ClientInfo ann = new ClientInfo("ann", "c1", null, null);
    get(broker.publishJoin(c, ann));
    get(broker.publishLeave(c, ann));
    await().atMost(Duration.ofSeconds(5))
        .until(() -> received.containsAll(List.of("join:" + c + ":c1", "leave:" + c + ":c1")));
    assertThat(received.indexOf("join:" + c + ":c1"))
        .isLessThan(received.indexOf("leave:" + c + ":c1"));
  }

  @Test
  void controlMessagesReachTheSenderToo() throws Exception {
    String user = unique("user");
    ControlMessage first = new ControlMessage.Disconnect(user, null, 3000, "first");
    ControlMessage second = new ControlMessage.Unsubscribe(user, "news:" + user);
    get(broker.publishControl(first));
    get(broker.publishControl(second));
    await().atMost(Duration.ofSeconds(5))
        .until(() -> recorder.controls.containsAll(List.of(first, second)));
    assertThat(recorder.controls.indexOf(first)).isLessThan(recorder.controls.indexOf(second));
  }
}
