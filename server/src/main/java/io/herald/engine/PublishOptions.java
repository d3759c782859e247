package io.herald.engine;

import java.time.Duration;

/**
 * What a publish asks of the broker besides delivery.
 *
 * @param history whether and how to append the publication to the channel's history
 * @param idempotencyKey a key the publisher chose; a second publish with the same key on the same
 *     channel within {@code idempotencyWindow} delivers nothing and returns the first result; null
 *     for none
 * @param idempotencyWindow how long a key is remembered
 */
public record PublishOptions(
    HistoryOptions history, String idempotencyKey, Duration idempotencyWindow) {

  /** No history, no idempotency key. */
  public static final PublishOptions NONE =
      new PublishOptions(HistoryOptions.NONE, null, Duration.ZERO);
}
