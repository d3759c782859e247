package io.herald.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** The rules of the {@code ingest} section, part of {@link ConfigValidator}. */
final class IngestRules {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-.]{1,64}");

  /** A channel template: literal text and {@code {field}} placeholders. */
  private static final Pattern TEMPLATE = Pattern.compile("([^{}]|\\{[A-Za-z0-9_]+\\})+");

  private static final Pattern ROUTE = Pattern.compile("/[A-Za-z0-9_\\-./]*");

  /** Kafka settings Herald sets itself, with why a source may not set them in {@code properties}. */
  private static final Map<String, String> KAFKA_OWNED = Map.of(
      "bootstrap.servers", "set by bootstrapServers",
      "group.id", "set by groupId",
      "max.poll.records", "set by maxPollRecords",
      "enable.auto.commit", "Herald commits an offset only once it accepted the record",
      "key.deserializer", "Herald reads keys and values as bytes",
      "value.deserializer", "Herald reads keys and values as bytes");

  private IngestRules() {}

  static void check(IngestConfig in) {
    ConfigValidator.atLeast("ingest.retryMin", in.retryMin(), Duration.ofMillis(1));
    ConfigValidator.atLeast("ingest.retryMax", in.retryMax(), in.retryMin());
    if (in.daprToken() != null && in.daprToken().isBlank()) {
      ConfigValidator.fail("ingest.daprToken", "must not be empty; leave it out for no token");
    }
    Set<String> names = new HashSet<>();
    Set<String> routes = new HashSet<>();
    List<IngestSource> sources = in.sources();
    for (int i = 0; i < sources.size(); i++) {
      String key = "ingest.sources[" + i + "]";
      IngestSource s = ConfigValidator.required(sources.get(i), key);
      if (s.name() == null || !NAME.matcher(s.name()).matches()) {
        ConfigValidator.fail(key + ".name", (s.name() == null ? "missing" : Scalars.quote(s.name())
            + " is not a valid name") + "; use 1-64 letters, digits, _ - or .");
      }
      if (!names.add(s.name())) {
        ConfigValidator.fail(key + ".name",
            Scalars.quote(s.name()) + " is used twice; source names must be unique");
      }
      if (s.type() == null || !IngestSource.TYPES.contains(s.type())) {
        ConfigValidator.fail(key + ".type", (s.type() == null ? "missing" : Scalars.quote(s.type())
            + " is not a source type") + "; allowed: " + String.join(", ", IngestSource.TYPES));
      }
      if (s.channel() != null && !TEMPLATE.matcher(s.channel()).matches()) {
        ConfigValidator.fail(key + ".channel", Scalars.quote(s.channel())
            + " is not a channel template; write fields as {name} (letters, digits, _),"
            + " e.g. tasks:list#{userId}");
      }
      switch (s.type()) {
        case "kafka" -> kafka(s.kafka(), key + ".kafka");
        case "nats" -> {
          text(s.nats().subject(), key + ".nats.subject", "e.g. orders.>");
          KeyFiles.check(key + ".nats.credentialsFile", s.nats().credentialsFile(),
              KeyFiles.NATS_CREDENTIALS);
        }
        case "jetstream" -> jetstream(s.jetstream(), key + ".jetstream");
        case "redisStream" -> redis(s.redisStream(), key + ".redisStream");
        default -> dapr(s.dapr(), key + ".dapr", s.name(), routes);
      }
    }
    if (in.daprToken() == null && sources.stream().anyMatch(s -> "dapr".equals(s.type()))) {
      ConfigValidator.fail("ingest.daprToken", "missing; a dapr source runs server commands"
          + " from HTTP requests, so they must carry this token (Dapr's APP_API_TOKEN, sent in"
          + " dapr-api-token)");
    }
  }

  private static void kafka(IngestSource.KafkaSource k, String key) {
    text(k.bootstrapServers(), key + ".bootstrapServers", "e.g. 127.0.0.1:9092");
    if (k.topics().isEmpty()) {
      ConfigValidator.fail(key + ".topics", "missing; list at least one topic, e.g. [tasks]");
    }
    text(k.groupId(), key + ".groupId", "e.g. herald");
    if (k.deadLetterTopic() != null && k.topics().contains(k.deadLetterTopic())) {
      ConfigValidator.fail(key + ".deadLetterTopic",
          "must not be one of the consumed topics, or a bad message would come back forever");
    }
    ConfigValidator.atLeast(key + ".maxPollRecords", k.maxPollRecords(), 1);
    for (String name : k.properties().keySet()) {
      String own = KAFKA_OWNED.get(name);
      if (own != null) {
        ConfigValidator.fail(key + ".properties." + name, own);
      }
      if (!ConsumerConfig.configNames().contains(name)) {
        String guess = TreeMapper.closest(name, List.copyOf(ConsumerConfig.configNames()));
        ConfigValidator.fail(key + ".properties." + name, "not a Kafka consumer setting"
            + (guess == null ? "" : " (did you mean " + guess + "?)"));
      }
    }
  }

  private static void jetstream(IngestSource.JetStreamSource j, String key) {
    text(j.url(), key + ".url", "e.g. nats://127.0.0.1:4222");
    text(j.stream(), key + ".stream", "the name of an existing stream");
    text(j.durable(), key + ".durable", "e.g. herald");
    ConfigValidator.atLeast(key + ".batchSize", j.batchSize(), 1);
    ConfigValidator.atLeast(key + ".ackWait", j.ackWait(), Duration.ofSeconds(1));
    KeyFiles.check(key + ".credentialsFile", j.credentialsFile(), KeyFiles.NATS_CREDENTIALS);
  }

  private static void redis(IngestSource.RedisStreamSource r, String key) {
    text(r.address(), key + ".address", "e.g. redis://127.0.0.1:6379");
    if (!r.address().startsWith("redis://") && !r.address().startsWith("rediss://")) {
      ConfigValidator.fail(key + ".address", Scalars.quote(r.address())
          + " is not a Redis URI; use redis://host:port or rediss://host:port");
    }
    text(r.stream(), key + ".stream", "the stream key");
    text(r.group(), key + ".group", "e.g. herald");
    text(r.field(), key + ".field", "e.g. data");
    ConfigValidator.atLeast(key + ".batchSize", r.batchSize(), 1);
    KeyFiles.check(key + ".tlsCaFile", r.tlsCaFile(), "a PEM file of CA certificates");
  }

  private static void dapr(
      IngestSource.DaprSource d, String key, String name, Set<String> routes) {
    text(d.pubsubName(), key + ".pubsubName", "the Dapr pub/sub component, e.g. pubsub");
    text(d.topic(), key + ".topic", "e.g. task-updates");
    String route = d.route() == null ? "/dapr/ingest/" + name : d.route();
    if (!ROUTE.matcher(route).matches() || route.equals("/dapr/subscribe")
        || route.startsWith("/api/") || route.startsWith("/connection/")) {
      ConfigValidator.fail(key + ".route", Scalars.quote(route)
          + " is not a usable path; use a path such as /dapr/ingest/tasks (not /api/...,"
          + " /connection/..., /dapr/subscribe)");
    }
    if (!routes.add(route)) {
      ConfigValidator.fail(key + ".route", Scalars.quote(route) + " is used by another source");
    }
  }

  private static void text(String value, String key, String example) {
    if (value == null || value.isBlank()) {
      ConfigValidator.fail(key, "missing; it must be set (" + example + ")");
    }
  }
}
