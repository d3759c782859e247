package io.herald.engine.memory;

import io.herald.engine.HistoryAppender;
import io.herald.engine.HistoryOptions;
import io.herald.engine.Publication;
import io.herald.engine.StreamPosition;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Appends to the memory engine's streams for a broker that delivers elsewhere (NATS on a single
 * node, or with history that only this node reads). {@code appended} runs on the caller's thread
 * under the channel stream's lock, before {@link #append} returns. Thread-safe.
 */
public final class MemoryHistoryAppender implements HistoryAppender {

  private final MemoryStreams streams;
  private final MemoryIdempotency idempotency;

  MemoryHistoryAppender(MemoryStreams streams, MemoryIdempotency idempotency) {
    this.streams = streams;
    this.idempotency = idempotency;
  }

  @Override
  public CompletionStage<StreamPosition> append(
      String channel,
      Publication publication,
      HistoryOptions options,
      String idempotencyKey,
      Duration idempotencyWindow,
      Consumer<Publication> appended) {
    if (idempotencyKey == null) {
      return appendNow(channel, publication, options, appended);
    }
    return idempotency.once(channel, idempotencyKey, idempotencyWindow,
        () -> appendNow(channel, publication, options, appended));
  }

  private CompletableFuture<StreamPosition> appendNow(
      String channel, Publication publication, HistoryOptions options,
      Consumer<Publication> appended) {
    try {
      return CompletableFuture.completedFuture(
          streams.append(channel, publication, options, appended));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<StreamPosition> position(String channel) {
    return CompletableFuture.completedFuture(streams.position(channel));
  }
}
