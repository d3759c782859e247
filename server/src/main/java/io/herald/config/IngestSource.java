package io.herald.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ingestion source: where its messages come from and how each becomes a server API command.
 * Only the section named by {@code type} is read; the others keep their defaults.
 *
 * @param name unique name, the {@code source} label of the ingestion metrics and in logs
 * @param type {@code kafka}, {@code nats}, {@code jetstream}, {@code redisStream} or {@code dapr}
 * @param channel a channel template such as {@code tasks:list#{userId}}, filled from top-level
 *     fields of the message's JSON object, which then becomes the publication data; null (default):
 *     each message is a command {@code {"method": ..., "params": {...}}}
 * @param kafka settings of a {@code kafka} source
 * @param nats settings of a {@code nats} source (core NATS)
 * @param jetstream settings of a {@code jetstream} source
 * @param redisStream settings of a {@code redisStream} source
 * @param dapr settings of a {@code dapr} source
 */
public record IngestSource(
    String name,
    String type,
    String channel,
    KafkaSource kafka,
    NatsSource nats,
    JetStreamSource jetstream,
    RedisStreamSource redisStream,
    DaprSource dapr) {

  /** The source types. */
  public static final List<String> TYPES =
      List.of("kafka", "nats", "jetstream", "redisStream", "dapr");

  /** A source without name or type, every section at its defaults (what a list item starts from). */
  public static IngestSource defaults() {
    return new IngestSource(null, null, null, KafkaSource.defaults(), NatsSource.defaults(),
        JetStreamSource.defaults(), RedisStreamSource.defaults(), DaprSource.defaults());
  }

  /** A copy with {@code key} (a component name) set to {@code value}. */
  public IngestSource with(String key, Object value) {
    return Records.with(this, key.split("\\."), 0, value);
  }

  /**
   * Kafka consumer settings.
   *
   * @param bootstrapServers {@code host:port[,host:port]}; required
   * @param topics topics to consume; required
   * @param groupId consumer group; default {@code herald}
   * @param deadLetterTopic where bad messages are copied (with headers naming their origin); null
   *     (default): bad messages are only logged, counted and skipped
   * @param maxPollRecords most records per poll ({@code max.poll.records}); default 500
   * @param properties further Kafka client settings by their Kafka names, e.g. {@code
   *     security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code
   *     ssl.truststore.location}: given to the consumer, and those a producer knows to the
   *     dead-letter producer; default none. The settings Herald owns are refused (see {@code
   *     docs/ingestion.md})
   */
  public record KafkaSource(
      String bootstrapServers,
      List<String> topics,
      String groupId,
      String deadLetterTopic,
      int maxPollRecords,
      Map<String, String> properties) {

    public KafkaSource {
      topics = List.copyOf(topics);
      properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** Without further properties. */
    public KafkaSource(String bootstrapServers, List<String> topics, String groupId,
        String deadLetterTopic, int maxPollRecords) {
      this(bootstrapServers, topics, groupId, deadLetterTopic, maxPollRecords, Map.of());
    }

    static KafkaSource defaults() {
      return new KafkaSource(null, List.of(), "herald", null, 500, Map.of());
    }
  }

  /**
   * Core NATS subscription (at-most-once).
   *
   * @param url server URL(s), comma-separated; default {@code nats://127.0.0.1:4222}
   * @param subject subject to subscribe to, wildcards allowed; required
   * @param queueGroup queue group, so that several Herald nodes share the messages instead of
   *     each getting every one; default null: every node gets every message
   * @param credentialsFile a NATS {@code .creds} file, or a file holding an NKey seed; default
   *     null: none (a user and password, or a token, may be given in the URL)
   */
  public record NatsSource(String url, String subject, String queueGroup, String credentialsFile) {

    /** Without a credentials file. */
    public NatsSource(String url, String subject, String queueGroup) {
      this(url, subject, queueGroup, null);
    }

    static NatsSource defaults() {
      return new NatsSource("nats://127.0.0.1:4222", null, null, null);
    }
  }

  /**
   * JetStream durable consumer (at-least-once).
   *
   * @param url server URL(s), comma-separated; default {@code nats://127.0.0.1:4222}
   * @param stream the stream, which must exist; required
   * @param durable durable consumer name, created when missing; required
   * @param subject filter subject; default null: the whole stream
   * @param pull true (default): a pull consumer fetching batches; false: a push consumer
   * @param batchSize most messages per pull; default 100
   * @param ackWait how long JetStream waits for an ack before it redelivers; default 30s
   * @param credentialsFile a NATS {@code .creds} file, or a file holding an NKey seed; default
   *     null: none
   */
  public record JetStreamSource(
      String url,
      String stream,
      String durable,
      String subject,
      boolean pull,
      int batchSize,
      Duration ackWait,
      String credentialsFile) {

    /** Without a credentials file. */
    public JetStreamSource(String url, String stream, String durable, String subject,
        boolean pull, int batchSize, Duration ackWait) {
      this(url, stream, durable, subject, pull, batchSize, ackWait, null);
    }

    static JetStreamSource defaults() {
      return new JetStreamSource(
          "nats://127.0.0.1:4222", null, null, null, true, 100, Duration.ofSeconds(30), null);
    }
  }

  /**
   * Redis stream consumer group (at-least-once).
   *
   * @param address {@code redis://host:port[/db]}; default {@code redis://127.0.0.1:6379}
   * @param stream stream key; required
   * @param group consumer group, created (with the stream) when missing; default {@code herald}
   * @param consumer this node's consumer name in the group; default null: the host name
   * @param field the entry field holding the message; default {@code data}
   * @param batchSize most entries per XREADGROUP; default 100
   * @param tlsCaFile PEM CA certificates trusted for {@code rediss://}; default null: the JVM's
   *     trust store
   */
  public record RedisStreamSource(
      String address, String stream, String group, String consumer, String field, int batchSize,
      String tlsCaFile) {

    /** Trusting the JVM's trust store for {@code rediss://}. */
    public RedisStreamSource(String address, String stream, String group, String consumer,
        String field, int batchSize) {
      this(address, stream, group, consumer, field, batchSize, null);
    }

    static RedisStreamSource defaults() {
      return new RedisStreamSource(
          "redis://127.0.0.1:6379", null, "herald", null, "data", 100, null);
    }
  }

  /**
   * A Dapr pub/sub subscription, delivered by the Dapr sidecar to Herald's HTTP port.
   *
   * @param pubsubName the Dapr pub/sub component; required
   * @param topic the topic; required
   * @param route the path Dapr posts to; default null: {@code /dapr/ingest/<source name>}
   */
  public record DaprSource(String pubsubName, String topic, String route) {
    static DaprSource defaults() {
      return new DaprSource(null, null, null);
    }
  }
}
