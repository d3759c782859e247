package io.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client's timers on a fake clock ({@link FakeScheduler}): reconnect backoff with full jitter
 * (defaults 500 ms to 20 s, and configured bounds), and the heartbeat that replaces a connection
 * without pings after the advertised interval plus the margin, not a millisecond earlier.
 */
class ClientTimingTest {

  private static TestServer server;
  private final FakeScheduler clock = new FakeScheduler();
  private final Events events = new Events();
  private HeraldClient client;

  @BeforeAll
  static void start() {
    server = new TestServer("{\"pingInterval\": \"25s\"}");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.disconnect();
      clock.runDue();
    }
  }

  /** What the client reported, in order. */
  static final class Events implements ClientListener {
    final List<io.herald.client.Events.StateChange> connecting = new CopyOnWriteArrayList<>();
    final List<Throwable> transportErrors = new CopyOnWriteArrayList<>();
    volatile int connected;

    @Override
    public void onConnecting(io.herald.client.Events.StateChange e) {
      connecting.add(e);
    }

    @Override
    public void onConnected(io.herald.client.Events.Connected e) {
      connected++;
    }

    @Override
    public void onError(io.herald.client.Events.Error e) {
      if (e.type().equals("transport")) {
        transportErrors.add(e.error());
      }
    }
  }

  /** Runs due tasks until {@code condition} holds; real time passes only for the sockets. */
  private void runUntil(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      clock.runDue();
      if (condition.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }

  /** Runs due tasks for a while of real time, for checking that nothing happens. */
  private void settle() throws InterruptedException {
    for (int i = 0; i < 20; i++) {
      clock.runDue();
      Thread.sleep(5);
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * Checks that attempt n+1 starts exactly {@code delays[n]} ms of fake time after attempt n
   * failed, never earlier, against a port where nothing listens.
   */
  private void assertAttemptsWaitFor(ClientBuilder builder, long... delays) throws Exception {
    client = builder.scheduler(clock).listener(events).build();
    client.connect();
    runUntil(() -> events.transportErrors.size() == 1, "the first attempt to fail");
    for (int n = 0; n < delays.length; n++) {
      int attempts = n + 1;
      runUntil(() -> client.lastReconnectDelay() == delays[attempts - 1], "delay " + attempts);
      assertThat(client.state()).isEqualTo(HeraldClient.State.CONNECTING);
      clock.advance(delays[n] - 1);
      settle();
      assertThat(events.transportErrors).as("attempts before the delay passed").hasSize(attempts);
      clock.advance(1);
      runUntil(() -> events.transportErrors.size() == attempts + 1, "attempt " + (attempts + 1));
    }
  }

  @Test
  void reconnectAttemptsWaitFullJitterBackoffWithTheDefaultBounds() throws Exception {
    // random() = 0.5: half of min(20 s, 500 ms * 2^n).
    assertAttemptsWaitFor(
        HeraldClient.builder("ws://127.0.0.1:" + closedPort() + "/connection/websocket")
            .random(() -> 0.5),
        250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000);
  }

  @Test
  void reconnectBoundsAreConfigurable() throws Exception {
    assertAttemptsWaitFor(
        HeraldClient.builder("ws://127.0.0.1:" + closedPort() + "/connection/websocket")
            .reconnectDelay(Duration.ofMillis(100), Duration.ofSeconds(1))
            .random(() -> 0.999),
        99, 199, 399, 799, 999, 999);
  }

  @Test
  void aConnectionWithoutPingsIsDeadAfterTheIntervalPlusTheMargin() throws Exception {
    client = HeraldClient.builder(server.url())
        .token(server.token("timing"))
        .maxPingDelay(Duration.ofSeconds(3))
        .scheduler(clock)
        .listener(events)
        .random(() -> 0.5)
        .build();
    client.connect();
    runUntil(() -> client.state() == HeraldClient.State.CONNECTED, "connected");
    int before = events.connecting.size();

    clock.advance(25_000 + 3_000 - 1);
    settle();
    assertThat(client.state()).isEqualTo(HeraldClient.State.CONNECTED);

    clock.advance(1);
    assertThat(client.state()).isEqualTo(HeraldClient.State.CONNECTING);
    assertThat(events.connecting).hasSize(before + 1);
    assertThat(events.connecting.getLast().reason()).isEqualTo("no ping from the server");

    clock.advance(250);
    runUntil(() -> events.connected == 2, "a new connection");
    assertThat(client.state()).isEqualTo(HeraldClient.State.CONNECTED);
  }
}
