package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.IngestSource;
import io.herald.ingest.KafkaKit;
import io.herald.server.HeraldServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kafka into Herald through the in-process KRaft cluster of Kafka's own test kit. */
class KafkaIngestSocketTest extends IngestTestBase {

  private static KafkaKit kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = KafkaKit.get();
  }

  private static void createTopics(String... topics) throws Exception {
    kafka.createTopics(topics);
  }

  private static void produce(String topic, String key, String value) throws Exception {
    kafka.produce(topic, key, value);
  }

  private static long committed(String group) throws Exception {
    return kafka.committed(group);
  }

  private static IngestSource kafka(String topic, String group, String deadLetters) {
    return source("tasks", "kafka").with("kafka", new IngestSource.KafkaSource(
        kafka.bootstrapServers(), List.of(topic), group, deadLetters, 500));
  }

  @Test
  void recordsReachSubscriberPoisonGoesToDeadLetterTopic() throws Exception {
    String topic = unique("tasks");
    String dlt = topic + "-dead";
    createTopics(topic, dlt);
    String group = unique("herald");
    HeraldServer server = startWith(kafka(topic, group, dlt));
    String channel = unique("kafka");
    WsClient ws = subscriber(server, "alice", channel);
    // One key: one partition, so the poison record comes before the good one.
    produce(topic, "k", "{not json");
    produce(topic, "k", "{\"method\":\"unknownMethod\",\"params\":{}}");
    produce(topic, "k", publish(channel, "{\"n\":\"good\"}"));
    assertGoodArrivesFirst(ws, channel, "good");

    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, unique("dlt-reader"));
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<ConsumerRecord<String, String>> dead = new ArrayList<>();
    try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(p)) {
      reader.subscribe(List.of(dlt));
      Awaitility.await().atMost(DELIVERY).until(() -> {
        reader.poll(Duration.ofMillis(200)).forEach(dead::add);
        return dead.size() >= 2;
      });
    }
    assertThat(dead).extracting(ConsumerRecord::value)
        .containsExactly("{not json", "{\"method\":\"unknownMethod\",\"params\":{}}");
    assertThat(new String(dead.get(0).headers().lastHeader("herald-source-topic").value(),
        StandardCharsets.UTF_8)).isEqualTo(topic);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> committed(group) == 3);
  }

  @Test
  void offsetsAreCommittedAfterAcceptSoARestartedConsumerLosesNothing() throws Exception {
    String topic = unique("tasks");
    createTopics(topic);
    String group = unique("herald");
    String channel = unique("kafka");

    HeraldServer first = startWith(kafka(topic, group, null));
    WsClient ws1 = subscriber(first, "alice", channel);
    produce(topic, "a", publish(channel, "{\"n\":\"one\"}"));
    assertGoodArrivesFirst(ws1, channel, "one");
    assertThat(first.shutdownGracefully()).isTrue();
    assertThat(committed(group)).isEqualTo(1);

    // Produced while no Herald consumes: the next one picks it up, and not the first again.
    produce(topic, "a", publish(channel, "{\"n\":\"two\"}"));
    produce(topic, "b", publish(channel, "{\"n\":\"three\"}"));
    HeraldServer second = startWith(kafka(topic, group, null));
    WsClient ws2 = subscriber(second, "alice", channel);
    Awaitility.await().atMost(DELIVERY).until(() -> committed(group) == 3);
    // The subscriber may have joined after the records ran: history is off, so check the counter.
    assertThat(Scrape.of(http, second.port())
        .get("herald_ingested_messages_total{source=\"tasks\"}")).isEqualTo(2.0);
    ws2.assertNone(m -> WsClient.isPublication(channel).test(m)
        && m.path("params").path("data").path("n").asText().equals("one"),
        Duration.ofMillis(200), "record one delivered again");
  }
}
