package io.herald.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rules of {@code webhooks} and {@code webhookOfflineGrace}, part of {@link ConfigValidator}. */
final class WebhookRules {

  /** Shortest webhook secret accepted. */
  static final int MIN_SECRET_LENGTH = 16;

  /** Most receivers (the Redis outbox's scripts report full queues as a bit mask). */
  static final int MAX_ENDPOINTS = 50;

  /** Largest {@code batchMaxSize}. */
  static final int MAX_BATCH_SIZE = 10_000;

  private WebhookRules() {}

  static void check(HeraldConfig c) {
    ConfigValidator.atLeast("webhookOfflineGrace", c.webhookOfflineGrace(), Duration.ZERO);
    if (c.webhookOfflineGrace().compareTo(Duration.ofHours(1)) > 0) {
      ConfigValidator.fail("webhookOfflineGrace",
          Durations.format(c.webhookOfflineGrace()) + " is too long; at most 1h");
    }
    List<WebhookEndpoint> list = ConfigValidator.required(c.webhooks(), "webhooks");
    if (list.size() > MAX_ENDPOINTS) {
      ConfigValidator.fail("webhooks", "has " + list.size() + " receivers; at most "
          + MAX_ENDPOINTS);
    }
    for (int i = 0; i < list.size(); i++) {
      endpoint(ConfigValidator.required(list.get(i), "webhooks[" + i + "]"), "webhooks[" + i + "]");
    }
    if (!list.isEmpty() && c.engine() != null && c.engine().isRedis()) {
      RedisConfig r = c.engine().redis();
      if (r.sentinel() != null && r.sentinel().enabled() || r.cluster() != null
          && !r.cluster().isEmpty()) {
        ConfigValidator.fail("webhooks", "the webhook outbox needs engine.redis.address or"
            + " engine.redis.shards (its first shard); Redis Sentinel and Redis Cluster are not"
            + " supported for webhooks yet");
      }
    }
  }

  private static void endpoint(WebhookEndpoint w, String key) {
    if (w.url() == null || w.url().isBlank()) {
      ConfigValidator.fail(key + ".url", "missing; e.g. https://backend.example.com/herald/hooks");
    }
    if (!KeyFiles.isHttpUrl(w.url())) {
      ConfigValidator.fail(key + ".url", Scalars.quote(w.url().replaceAll("//[^@/]*@", "//***@"))
          + " is not an http(s) URL; e.g. https://backend.example.com/herald/hooks");
    }
    List<String> events = ConfigValidator.required(w.events(), key + ".events");
    if (events.isEmpty()) {
      ConfigValidator.fail(key + ".events", "must list at least one event type; allowed: "
          + String.join(", ", WebhookEndpoint.EVENT_TYPES));
    }
    Set<String> seen = new HashSet<>();
    for (int j = 0; j < events.size(); j++) {
      String e = events.get(j);
      if (!WebhookEndpoint.EVENT_TYPES.contains(e)) {
        ConfigValidator.fail(key + ".events[" + j + "]", (e == null ? "null" : Scalars.quote(e))
            + " is not an event type; allowed: " + String.join(", ", WebhookEndpoint.EVENT_TYPES));
      }
      if (!seen.add(e)) {
        ConfigValidator.fail(key + ".events[" + j + "]", Scalars.quote(e) + " is listed twice");
      }
    }
    List<String> namespaces = ConfigValidator.required(w.namespaces(), key + ".namespaces");
    for (int j = 0; j < namespaces.size(); j++) {
      String n = namespaces.get(j);
      if (n == null || !n.isEmpty() && !n.matches("[A-Za-z0-9_\\-.]{1,64}")) {
        ConfigValidator.fail(key + ".namespaces[" + j + "]", (n == null ? "null"
            : Scalars.quote(n)) + " is not a namespace name; use 1-64 letters, digits, _ - or ."
            + " (\"\" for the default namespace)");
      }
    }
    if (w.secret() == null || w.secret().isEmpty()) {
      ConfigValidator.fail(key + ".secret", "missing; every webhook is signed: use at least "
          + MIN_SECRET_LENGTH + " characters (e.g. openssl rand -base64 32)");
    }
    if (w.secret().length() < MIN_SECRET_LENGTH) {
      ConfigValidator.fail(key + ".secret", "is " + w.secret().length()
          + " characters long; use at least " + MIN_SECRET_LENGTH
          + " (e.g. openssl rand -base64 32)");
    }
    ConfigValidator.atLeast(key + ".timeout", w.timeout(), Duration.ofMillis(100));
    if (w.batchMaxSize() < 1 || w.batchMaxSize() > MAX_BATCH_SIZE) {
      ConfigValidator.fail(key + ".batchMaxSize", w.batchMaxSize() + " is out of range; allowed 1-"
          + MAX_BATCH_SIZE);
    }
    ConfigValidator.atLeast(key + ".batchMaxDelay", w.batchMaxDelay(), Duration.ZERO);
    if (w.batchMaxDelay().compareTo(Duration.ofSeconds(10)) > 0) {
      ConfigValidator.fail(key + ".batchMaxDelay", Durations.format(w.batchMaxDelay())
          + " is too long; at most 10s");
    }
    ConfigValidator.atLeast(key + ".maxAge", w.maxAge(), Duration.ofSeconds(1));
    ConfigValidator.atLeast(key + ".queueMaxSize", w.queueMaxSize(), 1);
  }
}
