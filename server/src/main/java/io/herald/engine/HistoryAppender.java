package io.herald.engine;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The history half of a publish, for brokers that carry publications over one service and keep
 * history in another (NATS delivery beside memory or Redis history): appends a publication to its
 * channel's stream without delivering it, and hands the stored publication to the caller, who
 * delivers it.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>No method blocks the calling thread.
 *   <li>{@link #append} assigns the next offset of the channel's stream (in the stream's current
 *       epoch, creating the stream with a new epoch when there is none), stores the publication
 *       bounded by {@link HistoryOptions#size()} and {@link HistoryOptions#ttl()}, and extends the
 *       stream meta's life to {@link HistoryOptions#metaTtl()}: the same rules as {@link
 *       HistoryStore}, whose reads see the publication once {@code appended} ran.
 *   <li>{@code appended} runs once per stored publication, before the returned stage completes,
 *       on any thread; it must be fast and must not block. An exception it throws fails the
 *       returned stage but does not undo the append. The memory store runs it under the stream's
 *       lock (so in offset order); a remote store runs it when the reply arrives, which need not
 *       be offset order: a caller that delivers in offset order sorts itself.
 *   <li>With an idempotency key already used on the channel within {@code idempotencyWindow},
 *       nothing is stored, {@code appended} does not run, and the stage completes with the first
 *       append's position (on this store: across nodes when the store is shared).
 *   <li>A failure (store unreachable) completes the stage exceptionally; {@code appended} did not
 *       run.
 * </ol>
 */
public interface HistoryAppender {

  /**
   * Appends {@code publication} to {@code channel}'s stream.
   *
   * @param publication its offset and epoch are ignored and assigned here
   * @param options how the channel keeps history; {@link HistoryOptions#keeps()} is true
   * @param idempotencyKey the publisher's key, or null for none
   * @param idempotencyWindow how long {@code idempotencyKey} is remembered
   * @param appended receives the publication as stored (with offset and epoch)
   * @return the stream's position after this append (of the first one for a repeated key)
   */
  CompletionStage<StreamPosition> append(
      String channel,
      Publication publication,
      HistoryOptions options,
      String idempotencyKey,
      Duration idempotencyWindow,
      Consumer<Publication> appended);

  /**
   * The position of {@code channel}'s stream, without creating it: {@link StreamPosition#NONE}
   * when it has none. For the check after a broker reconnect ({@link
   * BrokerEventHandler#onPositionCheck}).
   */
  CompletionStage<StreamPosition> position(String channel);
}
