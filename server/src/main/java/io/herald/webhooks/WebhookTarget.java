package io.herald.webhooks;

import io.herald.config.WebhookEndpoint;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One receiver as delivery sees it: where to send, which events, in what wire format, and the
 * pacing limits. Herald's receivers come from {@code webhooks} ({@link #of}); another protocol
 * builds its own with its {@link WebhookFormat}.
 *
 * @param id stable name in metrics, logs, the admin UI and the Redis outbox's keys; unique among
 *     the targets of one node, the same on every node of a cluster
 * @param url where batches are {@code POST}ed
 * @param format body and headers of each request
 * @param types the event types this receiver may get
 * @param accepts which events this receiver gets (their type among {@code types})
 * @param timeout longest wait for the status line of one request
 * @param batchMaxSize most events per request
 * @param batchMaxDelay how long a batch waits for more events
 * @param maxAge undelivered this long after it happened: dropped
 * @param queueMaxSize most events waiting; beyond it new ones are dropped
 */
public record WebhookTarget(
    String id,
    URI url,
    WebhookFormat format,
    Set<String> types,
    Predicate<WebhookEvent> accepts,
    Duration timeout,
    int batchMaxSize,
    Duration batchMaxDelay,
    Duration maxAge,
    int queueMaxSize) {

  public WebhookTarget {
    types = Set.copyOf(types);
  }

  /**
   * Item {@code index} of {@code webhooks}: id {@code webhook<index>}, Herald's format, its
   * events and namespaces.
   */
  public static WebhookTarget of(int index, WebhookEndpoint e) {
    Set<String> types = Set.copyOf(e.events());
    List<String> namespaces = e.namespaces();
    Predicate<WebhookEvent> accepts = ev -> types.contains(ev.type())
        && (namespaces.isEmpty() || ev.namespace() == null || namespaces.contains(ev.namespace()));
    return new WebhookTarget("webhook" + index, URI.create(e.url()), new HeraldFormat(e.secret()),
        types, accepts, e.timeout(), e.batchMaxSize(), e.batchMaxDelay(), e.maxAge(), e.queueMaxSize());
  }
}
