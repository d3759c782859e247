package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.IngestConfig;
import io.herald.config.IngestSource;
import io.herald.server.HeraldServer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Real Herald servers with ingestion sources, and the checks every source's test makes. */
abstract class IngestTestBase extends SocketTestBase {

  static final Duration DELIVERY = Duration.ofSeconds(20);

  /** A name nobody else uses on the shared Redis / NATS / Kafka. */
  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static IngestSource source(String name, String type) {
    return IngestSource.defaults().with("name", name).with("type", type);
  }

  /** A server with {@code sources}, retries from 20 ms to 200 ms. */
  HeraldServer startWith(IngestSource... sources) {
    IngestConfig ingest = new IngestConfig(
        List.of(sources), Duration.ofMillis(20), Duration.ofMillis(200), null);
    return start(TestConfig.create().build().with("ingest", ingest));
  }

  /** The command a source reads by default: publish {@code data} to {@code channel}. */
  static String publish(String channel, String dataJson) {
    return "{\"method\":\"publish\",\"params\":{\"channel\":\"" + channel + "\",\"data\":"
        + dataJson + "}}";
  }

  /** Waits for the next publication of {@code channel} on {@code client} and returns its data. */
  static JsonNode awaitData(WsClient client, String channel) {
    JsonNode message = client.await(WsClient.isPublication(channel), DELIVERY,
        "a publication in " + channel);
    return message.get("params").get("data");
  }

  /** The poison message before the good one was skipped: the good one is the first to arrive. */
  static void assertGoodArrivesFirst(WsClient client, String channel, String marker) {
    assertThat(awaitData(client, channel).path("n").asText()).isEqualTo(marker);
  }
}
