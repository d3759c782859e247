package io.herald.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What becomes of a message: accepted, rejected as bad, or retried while the engine is down. */
class IngestorTest {

  private final OutageNode node = new OutageNode();
  private final CountingMetrics metrics = new CountingMetrics();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  private Ingestor ingestor(String template) {
    return new Ingestor("test", new CommandReader(Json.mapper(64), template), node.api, metrics,
        timer, Duration.ofMillis(5), Duration.ofMillis(40));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String publish(String channel, String data) {
    return "{\"method\":\"publish\",\"params\":{\"channel\":\"" + channel + "\",\"data\":" + data
        + "}}";
  }

  private static Outcome get(CompletableFuture<Outcome> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  @Test
  void badMessagesAreRejectedWithoutReachingTheEngine() throws Exception {
    Ingestor commands = ingestor(null);
    for (String bad : new String[] {"", "nope", "[1,2]", "{\"params\":{}}",
        "{\"method\":\"shout\",\"params\":{}}", "{\"method\":\"publish\",\"params\":[]}",
        "{\"method\":\"publish\",\"params\":{\"channel\":\"a\"}}", publish("", "{}"),
        publish("nowhere:a", "{}"), publish("bad channel\\u0000", "{}"),
        "{\"method\":\"disconnect\",\"params\":{\"user\":\"u\",\"code\":1}}"}) {
      assertThat(get(commands.untilDone(bytes(bad), "pos"))).as(bad).isEqualTo(Outcome.REJECTED);
    }
    Ingestor template = ingestor("tasks:list#{userId}");
    assertThat(get(template.untilDone(bytes("{\"id\":1}"), "pos"))).isEqualTo(Outcome.REJECTED);
    assertThat(get(template.untilDone(bytes("{\"userId\":{\"a\":1}}"), "pos")))
        .isEqualTo(Outcome.REJECTED);
    assertThat(node.published).isEmpty();
    assertThat(metrics.failed.get()).isEqualTo(13);
    assertThat(metrics.retried.get()).isZero();
  }

  @Test
  void templateMakesTheChannelAndTheMessageTheData() throws Exception {
    Ingestor template = ingestor("list#{userId}.{n}");
    assertThat(get(template.untilDone(bytes("{\"userId\":\"42\",\"n\":7,\"done\":true}"), "p")))
        .isEqualTo(Outcome.ACCEPTED);
    assertThat(node.published).containsExactly("{\"userId\":\"42\",\"n\":7,\"done\":true}");
    assertThat(metrics.processed.get()).isEqualTo(1);
  }

  @Test
  void engineFailureIsRetriedWithBackoffUntilAcceptedNotDropped() throws Exception {
    node.down = true;
    CompletableFuture<Outcome> outcome = ingestor(null).untilDone(bytes(publish("a", "1")), "p");
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> node.failedPublishes.get() >= 4);
    assertThat(outcome).isNotDone();
    node.down = false;
    assertThat(get(outcome)).isEqualTo(Outcome.ACCEPTED);
    assertThat(node.published).containsExactly("1");
    assertThat(metrics.retried.get()).isGreaterThanOrEqualTo(4);
    assertThat(metrics.failed.get()).isZero();
  }

  @Test
  void closeStopsRetriesAndLeavesTheMessageUnacknowledged() {
    node.down = true;
    Ingestor ingestor = ingestor(null);
    CompletableFuture<Outcome> outcome = ingestor.untilDone(bytes(publish("a", "1")), "p");
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> node.failedPublishes.get() >= 1);
    ingestor.close();
    assertThatThrownBy(() -> outcome.get(5, TimeUnit.SECONDS))
        .isInstanceOfAny(ExecutionException.class, CancellationException.class);
    assertThat(node.published).isEmpty();
  }

  @Test
  void daprGetsRetryWhileTheEngineIsDownThenSuccess() throws Exception {
    DaprEndpoint routes = new DaprEndpoint(Json.mapper(64), "dapr-token");
    routes.add(io.herald.config.IngestSource.defaults().with("name", "t").with("type", "dapr")
        .with("dapr", new io.herald.config.IngestSource.DaprSource("pubsub", "t", null)),
        ingestor(null));
    DaprEndpoint dapr = routes.build();
    byte[] event = bytes("{\"specversion\":\"1.0\",\"id\":\"1\",\"data\":" + publish("a", "2")
        + "}");
    node.down = true;
    DaprReply retry = dapr.handle("POST", "/dapr/ingest/t", "dapr-token", event)
        .toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(new String(retry.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"status\":\"RETRY\"}");
    node.down = false;
    DaprReply success = dapr.handle("POST", "/dapr/ingest/t", "dapr-token", event)
        .toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(new String(success.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"status\":\"SUCCESS\"}");
    assertThat(node.published).containsExactly("2");
  }
}
