package io.herald.engine.nats;

import static io.herald.engine.EngineTests.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.herald.config.NatsConfig;
import io.herald.engine.Engine;
import io.herald.engine.EngineRecorder;
import io.herald.engine.HealthCheck;
import io.herald.engine.HistoryOptions;
import io.herald.engine.Publication;
import io.herald.engine.PublishOptions;
import io.herald.engine.StreamPosition;
import io.herald.engine.ControlMessage;
import io.herald.engine.HistoryAppender;
import io.herald.engine.memory.MemoryEngine;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A NATS server that goes away and comes back: the broker's own server, killed and restarted. */
class NatsReconnectTest {

  private NatsServerProcess server;
  private final EngineRecorder recorder = new EngineRecorder();
  private Engine engine;

  @BeforeEach
  void start() throws Exception {
    server = new NatsServerProcess();
    server.start();
    NatsConfig config = NatsConfig.defaults().withUrl(server.url()).withPrefix("herald");
    engine = NatsEngine.withMemoryHistory(config, Clock.systemUTC(), "restart");
    engine.broker().start(recorder);
  }

  @AfterEach
  void stop() throws Exception {
    engine.close();
    server.close();
  }

  private static Publication pub(String json) {
    return new Publication(0, json.getBytes(), null);
  }

  @Test
  void publishesFailDuringAnOutageAndWorkAgainAfterReconnect() throws Exception {
    get(engine.broker().subscribe("room"));
    get(engine.broker().subscribe("news:eu"));
    PublishOptions history = new PublishOptions(
        new HistoryOptions(10, Duration.ofMinutes(1), Duration.ofMinutes(1)), null, Duration.ZERO);
    StreamPosition before = get(engine.broker().publish("room", pub("1"), history));
    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.received.contains("room=1@1"));
    assertThat(HealthCheck.of(engine.broker()).up()).isTrue();

    server.stop();
    await().atMost(Duration.ofSeconds(5)).until(() -> !HealthCheck.of(engine.broker()).up());
    assertThat(HealthCheck.of(engine.broker()).detail()).startsWith("nats:");
    assertThatThrownBy(() -> get(engine.broker().publish("room", pub("lost"), history)))
        .isInstanceOf(ExecutionException.class).hasMessageContaining("nats: not connected");
    assertThatThrownBy(() -> get(engine.broker().publish("room", pub("lost"), PublishOptions.NONE)))
        .isInstanceOf(ExecutionException.class);
    assertThatThrownBy(() -> get(engine.broker().publishControl(new ControlMessage.NodeLeft("x"))))
        .isInstanceOf(ExecutionException.class);
    get(engine.broker().subscribe("late"));
    assertThat(recorder.positionChecks).isEmpty();

    server.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> HealthCheck.of(engine.broker()).up());
    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.positionChecks.containsAll(
        java.util.List.of("room@1:" + before.epoch(), "news:eu@0:", "late@0:")));
    get(engine.broker().publish("room", pub("2"), PublishOptions.NONE));
    get(engine.broker().publish("late", pub("3"), PublishOptions.NONE));
    await().atMost(Duration.ofSeconds(5))
        .until(() -> recorder.received.containsAll(java.util.List.of("room=2@0", "late=3@0")));
    assertThat(recorder.received).containsExactly("room=1@1", "room=2@0", "late=3@0");
  }

  @Test
  void afterAReconnectThePositionCheckShowsWhatWasAppendedMeanwhile() throws Exception {
    AtomicReference<HistoryAppender> shared = new AtomicReference<>();
    try (Engine own = MemoryEngine.create(Clock.systemUTC(), appender -> {
          shared.set(appender);
          return new NatsBroker(
              NatsConfig.defaults().withUrl(server.url()), appender, Clock.systemUTC(), "own");
        })) {
      EngineRecorder ownNode = new EngineRecorder();
      own.broker().start(ownNode);
      get(own.broker().subscribe("feed"));
      PublishOptions history = new PublishOptions(
          new HistoryOptions(10, Duration.ofMinutes(1), Duration.ofMinutes(1)), null,
          Duration.ZERO);
      StreamPosition first = get(own.broker().publish("feed", pub("1"), history));
      await().atMost(Duration.ofSeconds(5)).until(() -> ownNode.received.contains("feed=1@1"));

      server.stop();
      await().atMost(Duration.ofSeconds(5)).until(() -> !HealthCheck.of(own.broker()).up());
      // Another node, still connected to its NATS, appends to the shared store meanwhile.
      get(shared.get().append("feed", pub("2"), history.history(), null, Duration.ZERO, p -> { }));
      server.start();

      await().atMost(Duration.ofSeconds(10))
          .until(() -> ownNode.positionChecks.contains("feed@2:" + first.epoch()));
      assertThat(ownNode.received).containsExactly("feed=1@1");
    }
  }
}
