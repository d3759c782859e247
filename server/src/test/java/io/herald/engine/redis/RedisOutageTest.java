package io.herald.engine.redis;

import static io.herald.engine.EngineTests.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.herald.engine.BrokerEventHandler;
import io.herald.engine.ClientInfo;
import io.herald.engine.ControlMessage;
import io.herald.engine.Engine;
import io.herald.engine.EngineRecorder;
import io.herald.engine.HealthCheck;
import io.herald.engine.HistoryOptions;
import io.herald.engine.HistoryQuery;
import io.herald.engine.Publication;
import io.herald.engine.PublishOptions;
import io.herald.engine.StreamPosition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis engine when Redis goes away: on a {@code redis-server} of its own that the test
 * kills and starts again (empty, as a Redis without persistence restarts).
 */
class RedisOutageTest {

  private static final HistoryOptions HISTORY =
      new HistoryOptions(100, Duration.ofMinutes(5), Duration.ofMinutes(10));
  private static final PublishOptions WITH_HISTORY =
      new PublishOptions(HISTORY, null, Duration.ZERO);

  /** Records position checks beside everything else. */
  private static final class Recorder implements BrokerEventHandler {
    final EngineRecorder events = new EngineRecorder();
    final List<String> checks = new CopyOnWriteArrayList<>();

    @Override
    public void onPublication(String channel, Publication publication) {
      events.onPublication(channel, publication);
    }

    @Override
    public void onJoin(String channel, ClientInfo info) {
      events.onJoin(channel, info);
    }

    @Override
    public void onLeave(String channel, ClientInfo info) {
      events.onLeave(channel, info);
    }

    @Override
    public void onControl(ControlMessage message) {
      events.onControl(message);
    }

    @Override
    public void onPositionCheck(String channel, StreamPosition position) {
      checks.add(channel + "@" + position.offset() + ":" + position.epoch());
    }
  }

  private RedisProcess redis;
  private Engine engine;
  private final Recorder recorder = new Recorder();

  @BeforeEach
  void start() {
    redis = RedisProcess.start();
    engine = RedisEngine.create(RedisTests.config(redis.address(), "outage"));
    engine.broker().start(recorder);
  }

  @AfterEach
  void stop() {
    engine.close();
    redis.close();
  }

  private StreamPosition publish(String channel, String data) throws Exception {
    return get(engine.broker().publish(channel,
        new Publication(0, data.getBytes(StandardCharsets.UTF_8), null), WITH_HISTORY));
  }

  @Test
  void publishesFailWhileRedisIsDownAndAfterARestartTheEpochChanges() throws Exception {
    get(engine.broker().subscribe("news"));
    StreamPosition before = publish("news", "1");
    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.events.received.contains("news=1@1"));
    assertThat(HealthCheck.of(engine.broker()).up()).isTrue();

    redis.stop();
    await().atMost(Duration.ofSeconds(5)).until(() -> !HealthCheck.of(engine.broker()).up());
    assertThat(HealthCheck.of(engine.history()).detail()).contains("127.0.0.1:" + redis.port());
    assertThatThrownBy(() -> publish("news", "lost")).isInstanceOf(ExecutionException.class);

    redis.restart();
    await().atMost(Duration.ofSeconds(10)).until(() -> HealthCheck.of(engine.broker()).up());
    // Subscribed again and told to check: the stream is gone with the old Redis.
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.checks.contains("news@0:"));
    StreamPosition after = publish("news", "2");
    assertThat(after.offset()).isEqualTo(1);
    assertThat(after.epoch()).isNotEqualTo(before.epoch());
    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.events.received.contains("news=2@1"));
    assertThat(get(engine.history().history("news", HistoryQuery.all(HISTORY))).position())
        .isEqualTo(after);
  }

  @Test
  void aSubscribeRejectedWhileRedisIsDownTakesEffectOnceItIsBack() throws Exception {
    redis.stop();
    await().atMost(Duration.ofSeconds(5)).until(() -> !HealthCheck.of(engine.broker()).up());
    assertThatThrownBy(() -> get(engine.broker().subscribe("late")))
        .isInstanceOf(ExecutionException.class);
    redis.restart();
    await().atMost(Duration.ofSeconds(10)).until(() -> HealthCheck.of(engine.broker()).up());
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      publish("late", "x");
      Thread.sleep(50);
      return recorder.events.received.stream().anyMatch(r -> r.startsWith("late=x@"));
    });
  }

  @Test
  void undecodableMessagesAreSkipped() throws Exception {
    get(engine.broker().subscribe("news"));
    redis.cli("publish", "outage:c:news", "pgarbage");
    redis.cli("publish", "outage:c:news", "p1:e:\u0001");
    redis.cli("publish", "outage:c:news", "jx");
    redis.cli("publish", "outage:c:news", "?");
    redis.cli("publish", "outage:control", "not json");
    redis.cli("publish", "outage:control", "{\"type\":\"disconnect\"}");
    publish("news", "1");
    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.events.received.contains("news=1@1"));
    assertThat(recorder.events.received).containsExactly("news=1@1");
    assertThat(recorder.events.controls).isEmpty();
  }

  @Test
  void aLostPubSubConnectionIsFollowedByAPositionCheck() throws Exception {
    get(engine.broker().subscribe("room"));
    get(engine.broker().subscribe("quiet"));
    publish("room", "1");
    StreamPosition top = publish("room", "2");
    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.events.publications.size() == 2);

    redis.cli("client", "kill", "type", "pubsub");

    await().atMost(Duration.ofSeconds(10))
        .until(() -> recorder.checks.contains("room@2:" + top.epoch()));
    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.checks.contains("quiet@0:"));
    StreamPosition next = publish("room", "3");
    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.events.received.contains("room=3@3"));
    assertThat(next).isEqualTo(new StreamPosition(3, top.epoch()));
  }

  @Test
  void unsubscribedChannelsStayUnsubscribedAndWantedOnesAreSubscribedAfterAReconnect() throws Exception {
    get(engine.broker().subscribe("gone"));
    get(engine.broker().unsubscribe("gone"));
    redis.cli("client", "kill", "type", "pubsub");
    // Rejected while the connection is down, or not: either way it is subscribed once it is up.
    engine.broker().subscribe("kept");
    await().atMost(Duration.ofSeconds(10)).until(() -> HealthCheck.of(engine.broker()).up());
    publish("gone", "1");
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      publish("kept", "x");
      Thread.sleep(50);
      return recorder.events.received.stream().anyMatch(r -> r.startsWith("kept=x@"));
    });
    assertThat(recorder.events.received).doesNotContain("gone=1@1");
    assertThat(recorder.checks).noneMatch(c -> c.startsWith("gone@"));
  }
}
