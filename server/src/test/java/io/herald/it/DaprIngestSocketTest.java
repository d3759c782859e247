package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.config.IngestConfig;
import io.herald.config.IngestSource;
import io.herald.server.HeraldServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dapr pub/sub delivered to Herald's HTTP port as CloudEvents, to real WebSocket subscribers. */
class DaprIngestSocketTest extends IngestTestBase {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String TOKEN = "dapr-app-token-123";

  @Override
  HeraldServer startWith(IngestSource... sources) {
    IngestConfig ingest = new IngestConfig(List.of(sources), Duration.ofMillis(20),
        Duration.ofMillis(200), TOKEN);
    return start(TestConfig.create().build().with("ingest", ingest));
  }

  private static IngestSource dapr(String name, String topic, String channel) {
    return source(name, "dapr").with("channel", channel)
        .with("dapr", new IngestSource.DaprSource("pubsub", topic, null));
  }

  private HttpResponse<String> post(HeraldServer server, String path, String body, String token)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Content-Type", "application/cloudevents+json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("dapr-api-token", token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String cloudEvent(String dataJson) {
    return "{\"specversion\":\"1.0\",\"id\":\"e-" + System.nanoTime() + "\",\"source\":\"test\","
        + "\"type\":\"com.dapr.event.sent\",\"pubsubname\":\"pubsub\",\"topic\":\"t\","
        + "\"datacontenttype\":\"application/json\",\"data\":" + dataJson + "}";
  }

  private static String status(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).isEqualTo(200);
    return JSON.readTree(r.body()).path("status").asText();
  }

  @Test
  void subscribeListsTopicsAndRoutes() throws Exception {
    HeraldServer server = startWith(dapr("tasks", "task-updates", "list#{userId}"),
        dapr("commands", "herald-commands", null)
            .with("dapr", new IngestSource.DaprSource("kafka-pubsub", "herald-commands", "/events")));
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + "/dapr/subscribe"))
        .header("dapr-api-token", TOKEN).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree(
        "[{\"pubsubname\":\"pubsub\",\"topic\":\"task-updates\",\"route\":\"/dapr/ingest/tasks\"},"
            + "{\"pubsubname\":\"kafka-pubsub\",\"topic\":\"herald-commands\",\"route\":\"/events\"}]"));
  }

  @Test
  void commandInCloudEventReachesSubscriberAfterPoisonMessagesAreDropped() throws Exception {
    HeraldServer server = startWith(dapr("commands", "cmds", null));
    String channel = unique("dapr");
    WsClient client = subscriber(server, "alice", channel);
    String route = "/dapr/ingest/commands";
    assertThat(status(post(server, route, "not json at all", TOKEN))).isEqualTo("DROP");
    assertThat(status(post(server, route, cloudEvent("{\"method\":\"nope\"}"), TOKEN)))
        .isEqualTo("DROP");
    assertThat(status(post(server, route,
        cloudEvent("{\"method\":\"publish\",\"params\":{\"channel\":\"\"}}"), TOKEN)))
        .isEqualTo("DROP");
    assertThat(status(post(server, route, cloudEvent("\"just a string\""), TOKEN)))
        .isEqualTo("DROP");
    assertThat(status(post(server, route, cloudEvent(publish(channel, "{\"n\":\"good\"}")), TOKEN)))
        .isEqualTo("SUCCESS");
    assertGoodArrivesFirst(client, channel, "good");
    Scrape metrics = Scrape.of(http, server.port());
    assertThat(metrics.get("herald_ingestion_failures_total{source=\"commands\"}")).isEqualTo(4.0);
    assertThat(metrics.get("herald_ingested_messages_total{source=\"commands\"}")).isEqualTo(1.0);
  }

  @Test
  void channelTemplateFillsUserLimitedChannelFromTheData() throws Exception {
    HeraldServer server = startWith(dapr("tasks", "task-updates", "list#{userId}"));
    WsClient alice = subscriber(server, "alice", "list#alice");
    String route = "/dapr/ingest/tasks";
    assertThat(status(post(server, route, cloudEvent("{\"n\":\"no user\"}"), TOKEN)))
        .isEqualTo("DROP");
    assertThat(status(post(server, route,
        cloudEvent("{\"userId\":\"alice\",\"n\":\"task 1\"}"), TOKEN))).isEqualTo("SUCCESS");
    JsonNode data = awaitData(alice, "list#alice");
    assertThat(data.path("n").asText()).isEqualTo("task 1");
    assertThat(data.path("userId").asText()).isEqualTo("alice");
  }

  @Test
  void withoutATokenConfiguredEveryRequestIsRefused() throws Exception {
    IngestConfig ingest = new IngestConfig(List.of(dapr("commands", "cmds", null)),
        Duration.ofMillis(20), Duration.ofMillis(200), null);
    HeraldServer server = start(TestConfig.create().build().with("ingest", ingest));
    String channel = unique("dapr");
    WsClient client = subscriber(server, "alice", channel);
    String event = cloudEvent(publish(channel, "{\"n\":\"unauthenticated\"}"));

    assertThat(post(server, "/dapr/ingest/commands", event, null).statusCode()).isEqualTo(401);
    assertThat(post(server, "/dapr/ingest/commands", event, "").statusCode()).isEqualTo(401);
    client.assertNone(WsClient.isPublication(channel), Duration.ofMillis(500), "publication");
  }

  @Test
  void tokenIsRequired() throws Exception {
    HeraldServer server = startWith(dapr("commands", "cmds", null));
    String channel = unique("dapr");
    WsClient client = subscriber(server, "alice", channel);
    String event = cloudEvent(publish(channel, "{\"n\":\"with token\"}"));
    assertThat(post(server, "/dapr/ingest/commands", event, null).statusCode()).isEqualTo(401);
    assertThat(post(server, "/dapr/ingest/commands", event, "wrong").statusCode()).isEqualTo(401);
    assertThat(status(post(server, "/dapr/ingest/commands", event, TOKEN)))
        .isEqualTo("SUCCESS");
    assertGoodArrivesFirst(client, channel, "with token");
  }
}
