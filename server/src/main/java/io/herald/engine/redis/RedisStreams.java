package io.herald.engine.redis;

import io.herald.engine.HistoryOptions;
import io.herald.engine.HistoryPage;
import io.herald.engine.HistoryQuery;
import io.herald.engine.Publication;
import io.herald.engine.PublishOptions;
import io.herald.engine.StreamPosition;
import io.herald.engine.redis.RedisHistoryStore.Appended;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.CompletionStage;

/**
 * Channel streams in Redis: the append (+ publish) script and history reads, shared by the
 * broker and the history store. Thread-safe.
 */
final class RedisStreams {

  private final RedisShards shards;
  private final RedisKeys keys;

  RedisStreams(RedisShards shards, RedisKeys keys) {
    this.shards = shards;
    this.keys = keys;
  }

  /**
   * A candidate epoch, drawn for every append and read (a script uses it only when it creates a
   * stream): 64 random bits, so two epochs of one channel never meet in practice. Epochs need to
   * be unique, not secret, so a thread-local generator keeps this off any lock.
   */
  static String newEpoch() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  /**
   * Runs the publish script: idempotency check, append when {@code options} keep history, and
   * PUBLISH on the channel's pub/sub channel unless {@code publish} is false.
   */
  CompletionStage<Appended> append(
      String channel, Publication publication, PublishOptions options, boolean publish) {
    HistoryOptions h = options.history();
    boolean keeps = h.keeps();
    String key = options.idempotencyKey();
    byte[] body = RedisPayloads.body(publication);
    String[] k = {keys.stream(channel), keys.meta(channel), keys.idempotency(channel, key)};
    long window = key == null ? 0 : Math.max(1, options.idempotencyWindow().toMillis());
    return RedisScripts.PUBLISH.<List<Object>>run(
            shards.of(channel).commands(), ScriptOutputType.MULTI, k,
            body,
            keeps ? h.size() : 0,
            Math.max(1, h.ttl().toMillis()),
            Math.max(1, h.metaTtl().toMillis()),
            newEpoch(),
            publish ? keys.pubSub(channel) : "",
            window)
        .thenApply(result -> {
          boolean fresh = ((Long) result.get(0)) == 1;
          StreamPosition position = parsePosition(text(result.get(1)));
          Publication stored = fresh
              ? publication.at(position.offset(), position.epoch())
              : null;
          return new Appended(position, stored);
        });
  }

  /** {@code "offset:epoch"} as a position; {@code "0:"} is {@link StreamPosition#NONE}. */
  static StreamPosition parsePosition(String text) {
    int colon = text.indexOf(':');
    String epoch = text.substring(colon + 1);
    return epoch.isEmpty()
        ? StreamPosition.NONE
        : new StreamPosition(Long.parseLong(text.substring(0, colon)), epoch);
  }

  /** Reads a part of {@code channel}'s history (creates its meta when missing). */
  CompletionStage<HistoryPage> read(String channel, HistoryQuery query) {
    StreamPosition since = query.since();
    String[] k = {keys.stream(channel), keys.meta(channel)};
    return RedisScripts.READ.<List<Object>>run(
            shards.of(channel).commands(), ScriptOutputType.MULTI, k,
            newEpoch(),
            Math.max(1, query.options().metaTtl().toMillis()),
            since == null ? "" : Long.toString(since.offset()),
            since == null ? "" : since.epoch(),
            query.limit() < 0 ? -1 : query.limit(),
            query.reverse() ? "1" : "0")
        .thenApply(result -> {
          StreamPosition top = new StreamPosition(
              Long.parseLong(text(result.get(0))), text(result.get(1)));
          List<?> entries = (List<?>) result.get(2);
          List<Publication> out = new ArrayList<>(entries.size());
          for (Object e : entries) {
            List<?> entry = (List<?>) e;
            String id = text(entry.get(0));
            long offset = Long.parseLong(id.substring(0, id.indexOf('-')));
            List<?> fields = (List<?>) entry.get(1);
            out.add(RedisPayloads.publication((byte[]) fields.get(1), 0, offset, top.epoch()));
          }
          return new HistoryPage(out, top);
        });
  }

  /**
   * The position of {@code channel}'s stream without creating it: {@link StreamPosition#NONE}
   * when it has none.
   */
  CompletionStage<StreamPosition> position(String channel) {
    return shards.of(channel).commands().hmget(keys.meta(channel), "e", "o").thenApply(values -> {
      if (!values.get(0).hasValue()) {
        return StreamPosition.NONE;
      }
      String epoch = new String(values.get(0).getValue(), StandardCharsets.UTF_8);
      long offset = values.get(1).hasValue()
          ? Long.parseLong(new String(values.get(1).getValue(), StandardCharsets.UTF_8)) : 0;
      return new StreamPosition(offset, epoch);
    });
  }

  /** Deletes {@code channel}'s publications; the meta stays. */
  CompletionStage<Void> remove(String channel) {
    return shards.of(channel).commands().del(keys.stream(channel)).thenApply(n -> null);
  }

  static String text(Object value) {
    return value instanceof byte[] b
        ? new String(b, StandardCharsets.UTF_8) : String.valueOf(value);
  }
}
