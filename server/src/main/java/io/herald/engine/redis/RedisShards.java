package io.herald.engine.redis;

import io.herald.engine.Health;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The Redis deployments of one engine and which one holds a channel. With one shard (a single
 * Redis, Sentinel or Cluster) everything is there; with several, a channel's pub/sub, history and
 * presence live on the shard chosen by rendezvous hashing (highest hash of shard name and channel
 * wins): a form of consistent hashing where adding or removing a shard moves only the channels
 * of that shard. Control messages go through the first shard. Immutable, thread-safe.
 */
final class RedisShards implements AutoCloseable {

  private final List<RedisShard> shards;

  RedisShards(List<RedisShard> shards) {
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("no Redis shard");
    }
    this.shards = List.copyOf(shards);
  }

  /** Every shard, the control shard first. */
  List<RedisShard> all() {
    return shards;
  }

  /** The shard control messages go through. */
  RedisShard control() {
    return shards.get(0);
  }

  /** The shard holding {@code channel}. */
  RedisShard of(String channel) {
    if (shards.size() == 1) {
      return shards.get(0);
    }
    return shards.get(pick(shards.stream().map(RedisShard::name).toList(), channel));
  }

  /** The index of the shard among {@code names} that holds {@code channel}. */
  static int pick(List<String> names, String channel) {
    int best = 0;
    long bestScore = -1;
    for (int i = 0; i < names.size(); i++) {
      long score = score(names.get(i), channel);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    return best;
  }

  /** The rendezvous weight of {@code channel} on the shard named {@code shard}. */
  static long score(String shard, String channel) {
    CRC32C crc = new CRC32C();
    crc.update(shard.getBytes(StandardCharsets.UTF_8));
    crc.update(0);
    crc.update(channel.getBytes(StandardCharsets.UTF_8));
    // CRC alone clusters on similar inputs; a 64-bit finalizer mixes it (SplitMix64).
    long z = crc.getValue() * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) >>> 1;
  }

  /** Up when every shard is; otherwise the first one that is not. No I/O. */
  Health health() {
    for (RedisShard shard : shards) {
      Health h = shard.health();
      if (!h.up()) {
        return h;
      }
    }
    return Health.UP;
  }

  @Override
  public void close() {
    shards.forEach(RedisShard::close);
  }
}
