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
 * without the PUBLISH. {@code appended} runs on the Lettuce thread that completes the script's
 * reply; a channel's appends go to one connection, whose replies complete in command order, so
 * {@code appended} sees a channel's offsets from this node in order (a reply that completes before
 * its callback was registered runs it on the caller's thread instead, rarely; the receiving nodes'
 * reorder window puts such a pair back in order). Thread-safe.
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
