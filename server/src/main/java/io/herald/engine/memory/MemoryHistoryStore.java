package io.herald.engine.memory;

import io.herald.engine.HistoryPage;
import io.herald.engine.HistoryQuery;
import io.herald.engine.HistoryStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** History of the memory engine: reads the streams {@link MemoryBroker} appends to. */
public final class MemoryHistoryStore implements HistoryStore {

  private final MemoryStreams streams;

  MemoryHistoryStore(MemoryStreams streams) {
    this.streams = streams;
  }

  @Override
  public CompletionStage<HistoryPage> history(String channel, HistoryQuery query) {
    return CompletableFuture.completedFuture(streams.read(channel, query));
  }

  /** Streams held, including expired ones not reclaimed yet (a diagnostic, for tests). */
  public int streamCount() {
    return streams.size();
  }

  @Override
  public CompletionStage<Void> removeHistory(String channel) {
    streams.clear(channel);
    return CompletableFuture.completedFuture(null);
  }
}
