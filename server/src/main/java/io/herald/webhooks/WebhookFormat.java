package io.herald.webhooks;

import java.util.List;
import java.util.Map;

/**
 * How one receiver's batches look on the wire: the body and the headers (signature included) of
 * a {@code POST} carrying {@code events}. Herald's own is {@link HeraldFormat}; another protocol
 * (Pusher's webhooks, with {@code X-Pusher-Key} and {@code X-Pusher-Signature}) plugs in its own
 * and reuses the outbox, ordering, retries and metrics unchanged. Implementations are
 * thread-safe, fast (they run on a delivery thread per batch attempt, never on an event loop) and
 * do no I/O.
 */
public interface WebhookFormat {

  /**
   * The request for {@code events} (in order, at least one), built anew for every attempt so a
   * retry carries a fresh timestamp.
   *
   * @param nowMillis the attempt's wall time, milliseconds since the epoch
   */
  Request encode(List<WebhookEvent> events, long nowMillis);

  /**
   * One {@code POST}.
   *
   * @param body the bytes sent
   * @param headers extra headers ({@code Content-Type} included); never {@code Host},
   *     {@code Content-Length} or {@code Connection}, which the HTTP client sets
   */
  record Request(byte[] body, Map<String, String> headers) {}
}
