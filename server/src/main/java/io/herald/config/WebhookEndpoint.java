package io.herald.config;

import java.time.Duration;
import java.util.List;

/**
 * One webhook receiver: where Herald {@code POST}s batches of events, which events it gets, and
 * how delivery is paced and bounded (docs/webhooks.md). An item of {@code webhooks}.
 *
 * @param url the receiver, an {@code http://} or {@code https://} URL; required
 * @param events the event types it gets ({@link #EVENT_TYPES}); default every type but {@code
 *     client.publish}
 * @param namespaces only events of channels in these namespaces ({@code ""} is the default
 *     namespace); user events ({@code user.online}, {@code user.offline}) have no channel and
 *     always pass; default empty: every namespace
 * @param secret the HMAC-SHA256 key of the {@code Herald-Signature} header; required, at least
 *     16 characters; never logged nor shown in errors
 * @param timeout how long one {@code POST} may take until the receiver's status line arrives;
 *     default 5s
 * @param batchMaxSize most events in one {@code POST}; default 100
 * @param batchMaxDelay how long a batch waits for more events before it is sent; default 100ms
 * @param maxAge an event not delivered this long after it happened is dropped (counted, logged);
 *     default 1h
 * @param queueMaxSize most events waiting for this receiver; beyond it new events are dropped
 *     (counted, logged); default 100000
 */
public record WebhookEndpoint(
    String url,
    List<String> events,
    List<String> namespaces,
    String secret,
    Duration timeout,
    int batchMaxSize,
    Duration batchMaxDelay,
    Duration maxAge,
    int queueMaxSize) {

  /** Every event type, in the order of docs/webhooks.md. */
  public static final List<String> EVENT_TYPES = List.of(
      "channel.occupied", "channel.vacated", "user.online", "user.offline",
      "presence.join", "presence.leave", "client.publish");

  /** The default of {@link #events}: every type but {@code client.publish}. */
  public static final List<String> DEFAULT_EVENTS = EVENT_TYPES.subList(0, 6);

  public WebhookEndpoint {
    events = events == null ? null : List.copyOf(events);
    namespaces = namespaces == null ? null : List.copyOf(namespaces);
  }

  /** An item without URL or secret, every other key at its default (what a list item starts from). */
  public static WebhookEndpoint defaults() {
    return new WebhookEndpoint(null, DEFAULT_EVENTS, List.of(), null, Duration.ofSeconds(5), 100,
        Duration.ofMillis(100), Duration.ofHours(1), 100_000);
  }

  /** A copy with {@code key} (a component name) set to {@code value}. */
  public WebhookEndpoint with(String key, Object value) {
    return Records.with(this, new String[] {key}, 0, value);
  }

  /** Shows every key but the secret. */
  @Override
  public String toString() {
    return "WebhookEndpoint[url=" + url + ", events=" + events + ", namespaces=" + namespaces
        + ", secret=" + (secret == null ? "null" : "***") + ", timeout=" + timeout
        + ", batchMaxSize=" + batchMaxSize + ", batchMaxDelay=" + batchMaxDelay
        + ", maxAge=" + maxAge + ", queueMaxSize=" + queueMaxSize + "]";
  }
}
