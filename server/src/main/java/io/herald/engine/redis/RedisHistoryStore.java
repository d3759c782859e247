package io.herald.engine.redis;

import io.herald.engine.AppendingHistory;
import io.herald.engine.HistoryAppender;

import io.herald.engine.Health;
import io.herald.engine.HealthCheck;
import io.herald.engine.HistoryPage;
import io.herald.engine.HistoryQuery;
import io.herald.engine.HistoryStore;
import io.herald.engine.Publication;
import io.herald.engine.PublishOptions;
import io.herald.engine.StreamPosition;
import java.util.concurrent.CompletionStage;

/**
 * Channel history in Redis: a stream per channel ({@code XADD} with {@code MAXLEN} = history
 * size, entry ids {@code <offset>-0}) and a meta hash with the epoch and top offset. The stream
 * expires {@code historyTtl} after the channel's last publication (the whole stream, as in
 * Centrifugo: within an active channel older publications stay until trimmed by size); the meta
 * expires {@code historyMetaTtl} after it. When Redis loses the meta (a restart without
 * persistence, an eviction, a flush), the next read or append starts a new epoch, so clients are
 * told they cannot recover instead of seeing a silent gap. Thread-safe; never blocks.
 */
public final class RedisHistoryStore implements HistoryStore, AppendingHistory, HealthCheck {

  /**
   * What {@link #append} did.
   *
   * @param position the channel's position after the append; of the first publish for a
   *     repeated idempotency key; {@link StreamPosition#NONE} when no history is kept
   * @param stored the publication as stored, with its offset and epoch; null for a repeated
   *     idempotency key (nothing was appended, nothing must be delivered)
   */
  public record Appended(StreamPosition position, Publication stored) {}

  private final RedisStreams streams;
  private final RedisShards shards;

  RedisHistoryStore(RedisStreams streams, RedisShards shards) {
    this.streams = streams;
    this.shards = shards;
  }

  /**
   * Appends {@code publication} to {@code channel}'s history <em>without</em> publishing it on
   * Redis pub/sub, for brokers that carry publications another way (NATS) and keep history in
   * Redis. One atomic step in Redis: the idempotency check (a key repeated within {@code
   * options.idempotencyWindow()} appends nothing and returns the first position), the next
   * offset, the append, the TTLs. The caller delivers {@link Appended#stored} in the order the
   * appends completed per channel; when it delivers them out of order, subscribers see an offset
   * jump and recover, which is safe but costly.
   *
   * @return fails when Redis cannot be reached or answers an error
   */
  public CompletionStage<Appended> append(
      String channel, Publication publication, PublishOptions options) {
    return streams.append(channel, publication, options, false);
  }

  /**
   * The position of {@code channel}'s stream without creating it: {@link StreamPosition#NONE}
   * when it has none.
   */
  public CompletionStage<StreamPosition> position(String channel) {
    return streams.position(channel);
  }

  @Override
  public CompletionStage<HistoryPage> history(String channel, HistoryQuery query) {
    return streams.read(channel, query);
  }

  @Override
  public CompletionStage<Void> removeHistory(String channel) {
    return streams.remove(channel);
  }

  @Override
  public Health health() {
    return shards.health();
  }

  /** Appends without PUBLISH, for the NATS broker ({@link RedisHistoryAppender}). */
  @Override
  public HistoryAppender appender() {
    return new RedisHistoryAppender(this);
  }
}
