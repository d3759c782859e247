package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code ingest} section: read from YAML, every rule an error naming its key. */
class IngestConfigTest {

  private static HeraldConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, "herald.yaml", Map.of());
  }

  private static void rejects(String yaml, String key, String detail) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(detail);
  }

  @Test
  void readsSourcesOfEveryType() {
    HeraldConfig c = parse("""
        ingest:
          retryMax: 5s
          daprToken: dapr-app-token
          sources:
            - name: tasks
              type: kafka
              channel: "tasks:list#{userId}"
              kafka: {bootstrapServers: "k:9092", topics: [task-updates], deadLetterTopic: dead}
            - {name: workers, type: nats, nats: {subject: "jobs.>"}}
            - {name: jobs, type: jetstream, jetstream: {stream: JOBS, durable: herald, pull: false}}
            - {name: orders, type: redisStream, redisStream: {stream: orders}}
            - {name: dapr, type: dapr, dapr: {pubsubName: pubsub, topic: t}}
        """);
    IngestConfig in = c.ingest();
    assertThat(in.retryMax()).isEqualTo(Duration.ofSeconds(5));
    assertThat(in.retryMin()).isEqualTo(IngestConfig.DEFAULT_RETRY_MIN);
    assertThat(in.sources()).hasSize(5);
    IngestSource kafka = in.sources().get(0);
    assertThat(kafka.channel()).isEqualTo("tasks:list#{userId}");
    assertThat(kafka.kafka().groupId()).isEqualTo("herald");
    assertThat(kafka.kafka().deadLetterTopic()).isEqualTo("dead");
    assertThat(in.sources().get(1).nats().url()).isEqualTo("nats://127.0.0.1:4222");
    assertThat(in.sources().get(2).jetstream().pull()).isFalse();
    assertThat(in.sources().get(3).redisStream().group()).isEqualTo("herald");
    assertThat(in.sources().get(4).dapr().route()).isNull();
  }

  @Test
  void kafkaPropertiesAreReadAsTextInOrder() {
    HeraldConfig c = parse("""
        ingest:
          sources:
            - name: secure
              type: kafka
              kafka:
                bootstrapServers: "k:9093"
                topics: [t]
                properties:
                  security.protocol: SASL_SSL
                  sasl.mechanism: PLAIN
                  sasl.jaas.config: >-
                    org.apache.kafka.common.security.plain.PlainLoginModule required
                    username="herald" password="secret";
                  session.timeout.ms: 45000
                  allow.auto.create.topics: false
        """);
    Map<String, String> p = c.ingest().sources().get(0).kafka().properties();
    assertThat(p.keySet()).containsExactly("security.protocol", "sasl.mechanism",
        "sasl.jaas.config", "session.timeout.ms", "allow.auto.create.topics");
    assertThat(p.get("sasl.jaas.config")).isEqualTo("org.apache.kafka.common.security.plain"
        + ".PlainLoginModule required username=\"herald\" password=\"secret\";");
    assertThat(p.get("session.timeout.ms")).isEqualTo("45000");
    assertThat(p.get("allow.auto.create.topics")).isEqualTo("false");
    assertThat(parse("ingest: {sources: [{name: a, type: kafka, kafka: {bootstrapServers: k,"
        + " topics: [t]}}]}").ingest().sources().get(0).kafka().properties()).isEmpty();
  }

  @Test
  void kafkaPropertiesHeraldOwnsOrKafkaDoesNotKnowAreRefused() {
    String head = "ingest: {sources: [{name: a, type: kafka, kafka: {bootstrapServers: k,"
        + " topics: [t], properties: ";
    String key = "ingest.sources[0].kafka.properties.";
    rejects(head + "{enable.auto.commit: true}}}]}", key + "enable.auto.commit",
        "Herald commits an offset only once it accepted the record");
    rejects(head + "{group.id: g}}}]}", key + "group.id", "set by groupId");
    rejects(head + "{value.deserializer: x}}}]}", key + "value.deserializer", "as bytes");
    rejects(head + "{security.protocl: SSL}}}]}", key + "security.protocl",
        "not a Kafka consumer setting (did you mean security.protocol?)");
    rejects(head + "{sasl: {mechanism: PLAIN}}}}]}", key + "sasl",
        "expected a text, number or boolean, got a mapping");
    rejects(head + "[security.protocol=SSL]}}]}", "ingest.sources[0].kafka.properties",
        "expected a mapping of names to values");
  }

  @Test
  void credentialAndCaFilesMustBeReadable() {
    rejects("ingest: {sources: [{name: a, type: nats, nats: {subject: s,"
        + " credentialsFile: /nonexistent/a.creds}}]}", "ingest.sources[0].nats.credentialsFile",
        "not found");
    rejects("ingest: {sources: [{name: a, type: jetstream, jetstream: {stream: S, durable: d,"
        + " credentialsFile: \"\"}}]}", "ingest.sources[0].jetstream.credentialsFile",
        "must not be empty");
    rejects("ingest: {sources: [{name: a, type: redisStream, redisStream: {stream: s,"
        + " tlsCaFile: /nonexistent/ca.pem}}]}", "ingest.sources[0].redisStream.tlsCaFile",
        "not found; use the path of a PEM file of CA certificates");
  }

  @Test
  void errorsNameTheKey() {
    rejects("ingest: {sources: [{type: nats, nats: {subject: a}}]}",
        "ingest.sources[0].name", "missing");
    rejects("ingest: {sources: [{name: a, type: rabbit}]}",
        "ingest.sources[0].type", "allowed: kafka, nats, jetstream, redisStream, dapr");
    rejects("ingest: {sources: [{name: a, type: nats}]}", "ingest.sources[0].nats.subject",
        "missing");
    rejects("ingest: {sources: [{name: a, type: kafka, kafka: {bootstrapServers: k}}]}",
        "ingest.sources[0].kafka.topics", "missing");
    rejects("ingest: {sources: [{name: a, type: kafka, kafka: {bootstrapServers: k, topics: [t],"
        + " deadLetterTopic: t}}]}", "ingest.sources[0].kafka.deadLetterTopic", "consumed");
    rejects("ingest: {sources: [{name: a, type: jetstream, jetstream: {stream: S}}]}",
        "ingest.sources[0].jetstream.durable", "missing");
    rejects("ingest: {sources: [{name: a, type: redisStream, redisStream: {stream: s,"
        + " address: \"localhost:6379\"}}]}", "ingest.sources[0].redisStream.address",
        "redis://");
    rejects("ingest: {sources: [{name: a, type: dapr, dapr: {pubsubName: p}}]}",
        "ingest.sources[0].dapr.topic", "missing");
    rejects("ingest: {sources: [{name: a, type: dapr, dapr: {pubsubName: p, topic: t,"
        + " route: /api/x}}]}", "ingest.sources[0].dapr.route", "not a usable path");
    rejects("ingest: {sources: [{name: a, type: nats, channel: \"x#{user\", nats: {subject: s}}]}",
        "ingest.sources[0].channel", "not a channel template");
    rejects("ingest: {sources: [{name: a, type: nats, nats: {subject: s}},"
        + " {name: a, type: nats, nats: {subject: t}}]}", "ingest.sources[1].name", "twice");
    rejects("ingest: {sources: [{name: a, type: nats, nats: {subject: s, port: 1}}]}",
        "ingest.sources[0].nats.port", "unknown key");
    rejects("ingest: {retryMin: 2s, retryMax: 1s}", "ingest.retryMax", "at least 2s");
    rejects("ingest: {daprToken: \" \"}", "ingest.daprToken", "must not be empty");
    rejects("ingest: {sources: [{name: a, type: dapr, dapr: {pubsubName: p, topic: t}}]}",
        "ingest.daprToken", "missing; a dapr source runs server commands");
  }
}
