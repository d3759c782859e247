package io.herald.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.IngestSource;
import io.herald.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kafka at-least-once while the engine is down: nothing is committed or skipped until Herald
 * accepts, and the partition's order is kept.
 */
class KafkaIngestOutageTest {

  private final OutageNode node = new OutageNode();
  private final CountingMetrics metrics = new CountingMetrics();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  private static String publish(String data) {
    return "{\"method\":\"publish\",\"params\":{\"channel\":\"c\",\"data\":" + data + "}}";
  }

  @Test
  void offsetIsCommittedOnlyAfterHeraldAcceptedAndOrderIsKept() throws Exception {
    KafkaKit kafka = KafkaKit.get();
    String topic = "outage-" + UUID.randomUUID();
    String group = "herald-" + UUID.randomUUID();
    kafka.createTopics(topic);
    Ingestor ingestor = ingestor();
    KafkaIngest consumer = new KafkaIngest(source(kafka, topic, group), ingestor);
    node.down = true;
    consumer.start();
    try {
      kafka.produce(topic, "k", publish("1"));
      kafka.produce(topic, "k", publish("2"));
      kafka.produce(topic, "k", publish("3"));
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> metrics.retried.get() >= 5);
      assertThat(kafka.committed(group)).isZero();
      assertThat(node.published).isEmpty();

      node.down = false;
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> kafka.committed(group) == 3);
      assertThat(node.published).containsExactly("1", "2", "3");
    } finally {
      ingestor.close();
      consumer.close();
    }
  }

  @Test
  void shutdownCommitsWhatWasAcceptedAndTheNextConsumerResumesThere() throws Exception {
    KafkaKit kafka = KafkaKit.get();
    String topic = "shutdown-" + UUID.randomUUID();
    String group = "herald-" + UUID.randomUUID();
    kafka.createTopics(topic);
    node.failing = data -> data.equals("2");
    Ingestor first = ingestor();
    KafkaIngest consumer = new KafkaIngest(source(kafka, topic, group), first);
    consumer.start();
    kafka.produce(topic, "k", publish("1"));
    kafka.produce(topic, "k", publish("2"));
    kafka.produce(topic, "k", publish("3"));
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> metrics.retried.get() >= 3);
    first.close();
    consumer.close();
    assertThat(kafka.committed(group)).isEqualTo(1);
    assertThat(node.published).containsExactly("1");

    node.failing = data -> false;
    Ingestor second = ingestor();
    KafkaIngest next = new KafkaIngest(source(kafka, topic, group), second);
    next.start();
    try {
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> kafka.committed(group) == 3);
      assertThat(node.published).containsExactly("1", "2", "3");
    } finally {
      second.close();
      next.close();
    }
  }

  @Test
  void twoConsumersShareTheGroupAndOneTakesOverWhenTheOtherStops() throws Exception {
    KafkaKit kafka = KafkaKit.get();
    String topic = "rebalance-" + UUID.randomUUID();
    String group = "herald-" + UUID.randomUUID();
    kafka.createTopics(topic);
    Ingestor a = ingestor();
    Ingestor b = ingestor();
    KafkaIngest consumerA = new KafkaIngest(source(kafka, topic, group), a);
    KafkaIngest consumerB = new KafkaIngest(source(kafka, topic, group), b);
    consumerA.start();
    consumerB.start();
    try {
      for (int i = 0; i < 100; i++) {
        kafka.produce(topic, "k" + (i % 4), publish("\"k" + (i % 4) + ":" + i + "\""));
      }
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> kafka.committed(group) == 100);
      consumerA.close();
      a.close();
      for (int i = 100; i < 200; i++) {
        kafka.produce(topic, "k" + (i % 4), publish("\"k" + (i % 4) + ":" + i + "\""));
      }
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> kafka.committed(group) == 200);
    } finally {
      consumerA.close();
      b.close();
      consumerB.close();
    }
    List<String> seen = List.copyOf(node.published);
    for (int i = 0; i < 200; i++) {
      assertThat(seen).contains("\"k" + (i % 4) + ":" + i + "\"");
    }
    // Per key (one partition) the order is kept: a record never runs before an earlier one.
    for (int k = 0; k < 4; k++) {
      String prefix = "\"k" + k + ":";
      List<Integer> order = seen.stream().filter(d -> d.startsWith(prefix))
          .map(d -> Integer.parseInt(d.substring(prefix.length(), d.length() - 1))).toList();
      List<Integer> firsts = order.stream().distinct().toList();
      assertThat(firsts).isSorted();
    }
  }

  private Ingestor ingestor() {
    return new Ingestor("tasks", new CommandReader(Json.mapper(64), null), node.api, metrics,
        timer, Duration.ofMillis(10), Duration.ofMillis(50));
  }

  private static IngestSource.KafkaSource source(KafkaKit kafka, String topic, String group) {
    return new IngestSource.KafkaSource(kafka.bootstrapServers(), List.of(topic), group, null, 500);
  }
}
