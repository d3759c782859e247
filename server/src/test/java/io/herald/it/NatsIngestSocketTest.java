package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.IngestSource;
import io.herald.server.HeraldServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Core NATS and JetStream into Herald against the NATS at 127.0.0.1:4222. */
class NatsIngestSocketTest extends IngestTestBase {

  private static final String URL = "nats://127.0.0.1:4222";

  private Connection nats;
  private final String stream = unique("HERALD_INGEST").replace('-', '_');
  private final String subject = unique("herald.ingest.test");
  private boolean streamCreated;

  @BeforeEach
  void connect() throws Exception {
    nats = Nats.connect(URL);
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (streamCreated) {
      nats.jetStreamManagement().deleteStream(stream);
    }
    nats.close();
  }

  private void send(String text) {
    nats.publish(subject, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void coreSubjectMessagesReachSubscriberAfterPoison() throws Exception {
    HeraldServer server = startWith(source("workers", "nats").with("nats",
        new IngestSource.NatsSource(URL, subject, "herald")));
    String channel = unique("nats");
    WsClient ws = subscriber(server, "alice", channel);
    // Core NATS keeps nothing: publish until Herald's subscription is there.
    Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          send("{\"method\":\"publish\",\"params\":{\"channel\":\"" + channel
              + "\",\"data\":{\"n\":\"probe\"}}}");
          nats.flush(Duration.ofSeconds(1));
          return !ws.take(WsClient.isPublication(channel)).isEmpty();
        });
    send("not json");
    send("{\"method\":\"publish\",\"params\":{\"channel\":\"\",\"data\":{}}}");
    send(publish(channel, "{\"n\":\"good\"}"));
    Awaitility.await().atMost(DELIVERY).until(() -> publications(ws, channel).stream()
        .anyMatch(d -> d.path("n").asText().equals("good")));
    assertThat(Scrape.of(http, server.port())
        .get("herald_ingestion_failures_total{source=\"workers\"}")).isEqualTo(2.0);
  }

  private void createStream() throws Exception {
    JetStreamManagement jsm = nats.jetStreamManagement();
    jsm.addStream(StreamConfiguration.builder().name(stream).subjects(subject)
        .storageType(StorageType.Memory).build());
    streamCreated = true;
  }

  private void jetStreamDelivers(boolean pull) throws Exception {
    createStream();
    String channel = unique("js");
    // Published before Herald starts: JetStream keeps them for the durable consumer.
    nats.jetStream().publish(subject, "{broken".getBytes(StandardCharsets.UTF_8));
    nats.jetStream().publish(subject,
        publish(channel, "{\"n\":\"stored\"}").getBytes(StandardCharsets.UTF_8));
    HeraldServer server = startWith(source("jobs", "jetstream").with("jetstream",
        new IngestSource.JetStreamSource(URL, stream, "herald", null, pull, 10,
            Duration.ofSeconds(30))));
    WsClient ws = subscriber(server, "alice", channel);
    nats.jetStream().publish(subject,
        publish(channel, "{\"n\":\"live\"}").getBytes(StandardCharsets.UTF_8));
    Awaitility.await().atMost(DELIVERY).until(() -> publications(ws, channel).stream()
        .anyMatch(d -> d.path("n").asText().equals("live")));
    // Well within ackWait: nothing was pushed before Herald listened, nothing waits for redelivery.
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      ConsumerInfo info = nats.jetStreamManagement().getConsumerInfo(stream, "herald");
      assertThat(info.getNumAckPending()).isZero();
      assertThat(info.getNumPending()).isZero();
      assertThat(info.getAckFloor().getStreamSequence()).isEqualTo(3);
    });
    assertThat(Scrape.of(http, server.port())
        .get("herald_ingested_messages_total{source=\"jobs\"}")).isEqualTo(2.0);
    assertThat(Scrape.of(http, server.port())
        .get("herald_ingestion_failures_total{source=\"jobs\"}")).isEqualTo(1.0);
  }

  @Test
  void jetStreamPullConsumerAcksWhatHeraldAcceptedAndTerminatesPoison() throws Exception {
    jetStreamDelivers(true);
  }

  @Test
  void jetStreamPushConsumerAcksWhatHeraldAcceptedAndTerminatesPoison() throws Exception {
    jetStreamDelivers(false);
  }
}
