package io.herald.engine.redis;

import io.herald.engine.HistoryAppender;
import io.herald.engine.HistoryOptions;
import io.herald.engine.Publication;
import io.herald.engine.PublishOptions;
import io.herald.engine.StreamPosition;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Redis history for a broker that delivers another way (NATS): {@link RedisHistoryStore#append}
 * without the PUBLISH. {@code appended} usually runs on the Lettuce thread that completes the
 * script's reply, in the connection's reply order; a reply that completed before its callback was
 * registered, or a script retried after NOSCRIPT, runs it elsewhere or later, so a broker that
 * needs offset order sorts what it sends itself (the NATS broker does). Thread-safe.
 */
public final class RedisHistoryAppender implements HistoryAppender {

  private final RedisHistoryStore store;

  /** Appends to {@code store}'s streams. */
  public RedisHistoryAppender(RedisHistoryStore store) {
    this.store = store;
  }

  @Override
  public CompletionStage<StreamPosition> append(
      String channel,
      Publication publication,
      HistoryOptions options,
      String idempotencyKey,
      Duration idempotencyWindow,
      Consumer<Publication> appended) {
    return store.append(channel, publication,
            new PublishOptions(options, idempotencyKey, idempotencyWindow))
        .thenApply(result -> {
          if (result.stored() != null) {
            appended.accept(result.stored());
          }
          return result.position();
        });
  }

  @Override
  public CompletionStage<StreamPosition> position(String channel) {
    return store.position(channel);
  }
}
