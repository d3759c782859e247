package io.herald.config;

import java.time.Duration;
import java.util.List;

/**
 * Ingestion from event streams: each source consumes messages from Kafka, NATS, JetStream, a Redis
 * stream or Dapr pub/sub and turns each into a server API command (docs/ingestion.md). Off while
 * {@code sources} is empty.
 *
 * @param sources the sources, each with a unique name; default none
 * @param retryMin first wait before retrying a message Herald could not accept (engine
 *     unavailable); default 100ms
 * @param retryMax longest wait between retries (the wait doubles up to it); default 10s
 * @param daprToken the token Dapr's requests must carry in {@code dapr-api-token} (Dapr's app
 *     API token, {@code APP_API_TOKEN}); required when a {@code dapr} source is configured;
 *     default null
 */
public record IngestConfig(
    List<IngestSource> sources, Duration retryMin, Duration retryMax, String daprToken) {

  /** Default {@link #retryMin()}. */
  public static final Duration DEFAULT_RETRY_MIN = Duration.ofMillis(100);

  /** Default {@link #retryMax()}. */
  public static final Duration DEFAULT_RETRY_MAX = Duration.ofSeconds(10);

  public IngestConfig {
    sources = List.copyOf(sources);
  }

  /** No sources, every default. */
  public static IngestConfig none() {
    return new IngestConfig(List.of(), DEFAULT_RETRY_MIN, DEFAULT_RETRY_MAX, null);
  }

  /** A copy with {@code list} as sources. */
  public IngestConfig withSources(List<IngestSource> list) {
    return new IngestConfig(list, retryMin, retryMax, daprToken);
  }

  /** True when at least one source is configured. */
  public boolean enabled() {
    return !sources.isEmpty();
  }
}
