package io.herald.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java client against a real Herald node over real sockets. */
class HeraldClientTest {

  private static TestServer server;
  private final List<HeraldClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = new TestServer("""
        {"pingInterval": "2s", "pongTimeout": "1s", "recoveryMaxPublicationLimit": 20}""");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(HeraldClient::close);
  }

  private HeraldClient client(String url, Recorder recorder, String user) {
    return client(url, recorder, user, true);
  }

  private HeraldClient client(String url, Recorder recorder, String user,
      boolean subscribeOnConnect) {
    HeraldClient c = HeraldClient.builder(url)
        .token(server.token(user))
        .subscribeOnConnect(subscribeOnConnect)
        .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(200))
        .maxPingDelay(Duration.ofMillis(300))
        .listener(recorder)
        .build();
    clients.add(c);
    return c;
  }

  private static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(5, TimeUnit.SECONDS);
  }

  @Test
  void connectsSubscribesPublishesAndReads() throws Exception {
    Recorder rec = new Recorder();
    HeraldClient c = client(server.url(), rec, "alice");
    Subscription sub = c.subscribe("h:basic",
        SubscribeOptions.defaults().withJoinLeave(true), rec);
    c.connect();
    Events.Connected connected = rec.next(Events.Connected.class);
    assertThat(connected.user()).isEqualTo("alice");
    assertThat(connected.pingSeconds()).isEqualTo(2);
    assertThat(rec.next(Events.Subscribed.class).recoverable()).isTrue();

    Results.Publish first = get(c.publish("h:basic", Map.of("text", "hi", "n", 1)));
    assertThat(first.position().offset()).isEqualTo(1);
    server.api("publish", Map.of("channel", "h:basic", "data", List.of(1, 2.5, "x")));
    Publication p1 = rec.next(Publication.class);
    assertThat(p1.data()).isEqualTo(Map.of("text", "hi", "n", 1L));
    assertThat(p1.info().user()).isEqualTo("alice");
    Publication p2 = rec.next(Publication.class);
    assertThat(p2.dataJson()).isEqualTo("[1,2.5,\"x\"]");
    assertThat(p2.info()).isNull();
    assertThat(sub.position()).isEqualTo(new StreamPosition(2, first.position().epoch()));

    Results.History history = get(c.history("h:basic", 10, null, false));
    assertThat(history.publications()).extracting(Publication::offset).containsExactly(1L, 2L);
    assertThat(get(c.presence("h:basic")).values()).extracting(ClientInfo::user)
        .containsExactly("alice");
    assertThat(get(c.presenceStats("h:basic"))).isEqualTo(new Results.PresenceStats(1, 1));
  }

  @Test
  void aBurstCoalescedIntoArraysArrivesWholeAndInOrder() throws Exception {
    Recorder rec = new Recorder();
    HeraldClient c = client(server.url(), rec, "burst");
    c.subscribe("h:burst", SubscribeOptions.defaults(), rec);
    c.connect();
    rec.next(Events.Connected.class);
    rec.next(Events.Subscribed.class);
    // One API request: its publications fan out back to back, so the server coalesces them
    // (the client asks for batch at connect).
    List<Map<String, Object>> commands = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      commands.add(Map.of("method", "publish",
          "params", Map.of("channel", "h:burst", "data", Map.of("n", i))));
    }
    server.api("batch", Map.of("commands", commands));
    for (long i = 0; i < 100; i++) {
      assertThat(rec.next(Publication.class).data()).isEqualTo(Map.of("n", i));
    }
  }

  @Test
  void refusedSubscribeEndsWithTheServerCode() throws Exception {
    Recorder rec = new Recorder();
    HeraldClient c = client(server.url(), rec, "bob");
    c.connect();
    Subscription sub = c.subscribe("nope:x", rec);
    assertThat(rec.next(Events.Unsubscribed.class).code()).isEqualTo(102);
    assertThat(sub.state()).isEqualTo(Subscription.State.UNSUBSCRIBED);
    assertThat(c.subscription("nope:x")).isNull();
    c.subscribe("h:once", rec);
    assertThatThrownBy(() -> c.subscribe("h:once", rec))
        .isInstanceOfSatisfying(HeraldException.class,
            e -> assertThat(e.code()).isEqualTo(HeraldException.BAD_STATE));
  }

  @Test
  void reconnectsAndResubscribesAfterTheServerDropsTheConnection() throws Exception {
    Recorder rec = new Recorder();
    HeraldClient c = client(server.url(), rec, "carol");
    c.subscribe("plain:news", rec);
    c.connect();
    rec.next(Events.Subscribed.class);
    String firstId = c.clientId();
    server.api("disconnect", Map.of("user", "carol", "code", 3011, "reason", "come back"));
    Recorder.Connecting lost = rec.next(Recorder.Connecting.class);
    assertThat(lost.change()).isEqualTo(new Events.StateChange(3011, "come back"));
    rec.next(Events.Connected.class);
    rec.next(Events.Subscribed.class);
    assertThat(c.clientId()).isNotEqualTo(firstId);
    server.api("publish", Map.of("channel", "plain:news", "data", "after"));
    assertThat(rec.next(Publication.class).data()).isEqualTo("after");
  }

  @Test
  void doNotReconnectCodeLeavesItDisconnected() throws Exception {
    Recorder rec = new Recorder();
    HeraldClient c = client(server.url(), rec, "dan");
    c.connect();
    get(c.ready());
    server.api("disconnect", Map.of("user", "dan", "code", 4501, "reason", "banned"));
    assertThat(rec.next(Recorder.Disconnected.class).change())
        .isEqualTo(new Events.StateChange(4501, "banned"));
    assertThat(c.state()).isEqualTo(HeraldClient.State.DISCONNECTED);
    assertThatThrownBy(() -> get(c.history("h:x", 1, null, false)))
        .hasCauseInstanceOf(HeraldException.class);
  }

  @Test
  void recoversEveryPublicationMissedDuringANetworkCutInsideConnect() throws Exception {
    recoversEveryPublicationMissedDuringANetworkCut(true);
  }

  @Test
  void recoversEveryPublicationMissedDuringANetworkCutWithSubscribe() throws Exception {
    recoversEveryPublicationMissedDuringANetworkCut(false);
  }

  private void recoversEveryPublicationMissedDuringANetworkCut(boolean inConnect)
      throws Exception {
    String channel = "h:recover-" + inConnect;
    try (TcpProxy proxy = new TcpProxy(server.port())) {
      Recorder rec = new Recorder();
      HeraldClient c = client("ws://127.0.0.1:" + proxy.port() + "/connection/websocket", rec,
          "erin", inConnect);
      c.subscribe(channel, rec);
      c.connect();
      rec.next(Events.Subscribed.class);
      for (int i = 1; i <= 3; i++) {
        server.api("publish", Map.of("channel", channel, "data", i));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> rec.publications.size() == 3);
      proxy.refuse = true;
      proxy.cut();
      rec.next(Recorder.Connecting.class);
      for (int i = 4; i <= 12; i++) {
        server.api("publish", Map.of("channel", channel, "data", i));
      }
      proxy.refuse = false;
      Events.Subscribed again = rec.next(Events.Subscribed.class, Duration.ofSeconds(10));
      assertThat(again.wasRecovering()).isTrue();
      assertThat(again.recovered()).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(() -> rec.publications.size() == 12);
      assertThat(rec.publications).extracting(Publication::offset)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 12).boxed().toList());
      assertThat(rec.publications).extracting(Publication::data)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 12).boxed().toList());
    }
  }

  @Test
  void tooManyMissedSaysNotRecovered() throws Exception {
    try (TcpProxy proxy = new TcpProxy(server.port())) {
      Recorder rec = new Recorder();
      HeraldClient c = client("ws://127.0.0.1:" + proxy.port() + "/connection/websocket", rec,
          "fred");
      c.subscribe("h:toomuch", rec);
      c.connect();
      rec.next(Events.Subscribed.class);
      server.api("publish", Map.of("channel", "h:toomuch", "data", 0));
      rec.next(Publication.class);
      proxy.refuse = true;
      proxy.cut();
      rec.next(Recorder.Connecting.class);
      for (int i = 1; i <= 25; i++) {
        server.api("publish", Map.of("channel", "h:toomuch", "data", i));
      }
      proxy.refuse = false;
      Events.Subscribed again = rec.next(Events.Subscribed.class, Duration.ofSeconds(10));
      assertThat(again.wasRecovering()).isTrue();
      assertThat(again.recovered()).isFalse();
      assertThat(again.position().offset()).isEqualTo(26);
      assertThat(rec.publications).hasSize(1);
    }
  }

  @Test
  void aChangedEpochSaysNotRecoveredAndContinuesFromTheNewStream() throws Exception {
    try (TcpProxy proxy = new TcpProxy(server.port());
        TestServer restarted = new TestServer("{}")) {
      Recorder rec = new Recorder();
      HeraldClient c = client("ws://127.0.0.1:" + proxy.port() + "/connection/websocket", rec,
          "gina");
      c.subscribe("h:epoch", rec);
      c.connect();
      Events.Subscribed first = rec.next(Events.Subscribed.class);
      server.api("publish", Map.of("channel", "h:epoch", "data", 1));
      rec.next(Publication.class);
      // The same secret, a fresh history: as after a restart that lost the memory engine's state.
      restarted.api("publish", Map.of("channel", "h:epoch", "data", "new-1"));
      restarted.api("publish", Map.of("channel", "h:epoch", "data", "new-2"));
      proxy.refuse = true;
      proxy.cut();
      rec.next(Recorder.Connecting.class);
      proxy.targetPort = restarted.port();
      proxy.refuse = false;
      Events.Subscribed again = rec.next(Events.Subscribed.class, Duration.ofSeconds(10));
      assertThat(again.wasRecovering()).isTrue();
      assertThat(again.recovered()).isFalse();
      assertThat(again.position().epoch()).isNotEqualTo(first.position().epoch());
      assertThat(again.position().offset()).isEqualTo(2);
      restarted.api("publish", Map.of("channel", "h:epoch", "data", "new-3"));
      Publication next = rec.next(Publication.class);
      assertThat(next.offset()).isEqualTo(3);
      assertThat(rec.publications).hasSize(2);
    }
  }

  @Test
  void aConnectionWithoutPingsIsReplaced() throws Exception {
    try (TcpProxy proxy = new TcpProxy(server.port())) {
      Recorder rec = new Recorder();
      HeraldClient c = client("ws://127.0.0.1:" + proxy.port() + "/connection/websocket", rec,
          "gina");
      c.connect();
      rec.next(Events.Connected.class);
      long start = System.nanoTime();
      proxy.freeze = true;
      Recorder.Connecting lost = rec.next(Recorder.Connecting.class, Duration.ofSeconds(5));
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(lost.change().reason()).isEqualTo("no ping from the server");
      assertThat(elapsedMs).isLessThan(2000 + 300 + 1000);
      proxy.freeze = false;
      rec.next(Events.Connected.class);
    }
  }

  @Test
  void publishesWaitOfflineAndAFullQueueRefuses() throws Exception {
    try (TcpProxy proxy = new TcpProxy(server.port())) {
      Recorder readerRec = new Recorder();
      HeraldClient reader = client(server.url(), readerRec, "reader");
      reader.subscribe("h:queue", readerRec);
      reader.connect();
      readerRec.next(Events.Subscribed.class);

      Recorder rec = new Recorder();
      HeraldClient c = HeraldClient.builder("ws://127.0.0.1:" + proxy.port()
              + "/connection/websocket")
          .token(server.token("hal")).reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(100))
          .maxQueuedPublishes(2).listener(rec).build();
      clients.add(c);
      c.connect();
      rec.next(Events.Connected.class);
      proxy.refuse = true;
      proxy.cut();
      rec.next(Recorder.Connecting.class);
      CompletableFuture<Results.Publish> one = c.publish("h:queue", "one");
      CompletableFuture<Results.Publish> two = c.publish("h:queue", "two");
      assertThatThrownBy(() -> c.publish("h:queue", "three").join())
          .isInstanceOf(CompletionException.class)
          .cause().isInstanceOfSatisfying(HeraldException.class,
              e -> assertThat(e.code()).isEqualTo(HeraldException.QUEUE_FULL));
      proxy.refuse = false;
      get(CompletableFuture.allOf(one, two));
      await().atMost(Duration.ofSeconds(5)).until(() -> readerRec.publications.size() == 2);
      assertThat(readerRec.publications).extracting(Publication::data)
          .containsExactly("one", "two");
    }
  }

  @Test
  void aPublishWhoseAnswerWasLostIsRetriedWithoutADuplicate() throws Exception {
    try (TcpProxy proxy = new TcpProxy(server.port())) {
      Recorder readerRec = new Recorder();
      HeraldClient reader = client(server.url(), readerRec, "reader2");
      reader.subscribe("h:idem", readerRec);
      reader.connect();
      readerRec.next(Events.Subscribed.class);

      Recorder rec = new Recorder();
      HeraldClient c = client("ws://127.0.0.1:" + proxy.port() + "/connection/websocket", rec,
          "jack");
      c.connect();
      rec.next(Events.Connected.class);
      proxy.dropDownstream = true; // the server gets the publish; its answer never arrives
      CompletableFuture<Results.Publish> published = c.publish("h:idem", "once");
      readerRec.next(Publication.class);
      proxy.dropDownstream = false;
      proxy.cut(); // the client resends after reconnecting, with the same idempotency key
      assertThat(get(published).position().offset()).isEqualTo(1);
      Thread.sleep(300);
      assertThat(readerRec.publications).extracting(Publication::data).containsExactly("once");
    }
  }

  @Test
  void expiredTokenIsReplacedFromTheSupplierAndRefreshedBeforeExpiry() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Recorder rec = new Recorder();
    HeraldClient c = HeraldClient.builder(server.url())
        .tokenSupplier(() -> CompletableFuture.completedFuture(
            server.token("ivy", calls.incrementAndGet() == 1 ? Duration.ofSeconds(-10)
                : Duration.ofSeconds(3))))
        .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(100))
        .refreshAt(0.3)
        .listener(rec)
        .build();
    clients.add(c);
    c.connect();
    Events.Error error = rec.next(Events.Error.class);
    assertThat(((HeraldException) error.error()).code()).isEqualTo(HeraldException.TOKEN_EXPIRED);
    rec.next(Events.Connected.class);
    assertThat(calls.get()).isEqualTo(2);
    await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 3);
    assertThat(c.state()).isEqualTo(HeraldClient.State.CONNECTED);
  }
}
