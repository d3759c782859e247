package io.herald.engine;

import java.util.concurrent.CompletionStage;

/**
 * Reads and removes channel history. Appending is part of {@link Broker#publish}, so that the
 * offset a publication gets and the order subscribers see it in are decided in one atomic step.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>No method blocks the calling thread.
 *   <li>Offsets in one epoch are 1, 2, 3, ... with no gap and no repeat; trimming (by size or
 *       TTL) removes the oldest publications only.
 *   <li>Reading the history of a channel that has no stream creates its stream meta (a new epoch,
 *       offset 0, kept for {@link HistoryOptions#metaTtl()}), so the position a reader gets before
 *       the first publication stays valid after it.
 *   <li>When a stream is lost its next epoch differs from every earlier one.
 * </ol>
 */
public interface HistoryStore {

  /** Reads a part of {@code channel}'s history. */
  CompletionStage<HistoryPage> history(String channel, HistoryQuery query);

  /**
   * Removes {@code channel}'s publications; the epoch and top offset stay, so clients that
   * recover find that they cannot instead of finding an empty stream.
   */
  CompletionStage<Void> removeHistory(String channel);
}
