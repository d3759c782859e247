package io.herald.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.IngestSource;
import io.herald.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A source's {@code properties} reach the Kafka client: a broker that only speaks SASL (PLAIN,
 * its own in-process KRaft cluster) is consumed with the right credentials, and with a wrong
 * password nothing is consumed and nothing else breaks.
 */
class KafkaSaslIngestTest {

  private static final String TOPIC = "sasl-tasks";
  private static KafkaClusterTestKit cluster;

  private final OutageNode node = new OutageNode();
  private final CountingMetrics metrics = new CountingMetrics();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @BeforeAll
  static void startSaslCluster() throws Exception {
    cluster = KafkaKit.startCluster(SecurityProtocol.SASL_PLAINTEXT);
    try (Admin admin = cluster.admin()) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
    }
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
      producer.send(new ProducerRecord<>(TOPIC, "k",
          "{\"method\":\"publish\",\"params\":{\"channel\":\"c\",\"data\":\"secure\"}}")).get();
    }
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  @Test
  void theSourcesSaslPropertiesLetItConsume() throws Exception {
    Ingestor ingestor = ingestor();
    KafkaIngest consumer = new KafkaIngest(source("herald-sasl", "plain-admin-secret"), ingestor);
    consumer.start();
    try {
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !node.published.isEmpty());
      assertThat(node.published).containsExactly("\"secure\"");
    } finally {
      ingestor.close();
      consumer.close();
    }
  }

  @Test
  void aWrongPasswordConsumesNothing() throws Exception {
    Ingestor ingestor = ingestor();
    KafkaIngest consumer = new KafkaIngest(source("herald-wrong", "not-the-password"), ingestor);
    consumer.start();
    try {
      Thread.sleep(3000);
      assertThat(node.published).isEmpty();
      assertThat(metrics.processed.get()).isZero();
    } finally {
      ingestor.close();
      consumer.close();
    }
  }

  private Ingestor ingestor() {
    return new Ingestor("secure", new CommandReader(Json.mapper(64), null), node.api, metrics,
        timer, Duration.ofMillis(10), Duration.ofMillis(50));
  }

  private static IngestSource.KafkaSource source(String group, String password) {
    return new IngestSource.KafkaSource(cluster.bootstrapServers(), List.of(TOPIC), group, null,
        500, Map.of(
            "security.protocol", "SASL_PLAINTEXT",
            "sasl.mechanism", "PLAIN",
            "sasl.jaas.config", jaas(password)));
  }

  private static String jaas(String password) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required"
        + " username=\"plain-admin\" password=\"" + password + "\";";
  }

  private static Properties producerProperties() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put("security.protocol", "SASL_PLAINTEXT");
    p.put("sasl.mechanism", "PLAIN");
    p.put("sasl.jaas.config", jaas("plain-admin-secret"));
    return p;
  }
}
