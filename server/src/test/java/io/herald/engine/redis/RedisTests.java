package io.herald.engine.redis;

import io.herald.config.RedisConfig;
import io.herald.engine.Engine;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Helpers of the Redis engine tests: the machine's Redis at 127.0.0.1:6379, shared with other
 * test runs, so every test class uses its own key prefix and deletes only its own keys (never a
 * flush).
 */
public final class RedisTests {

  /** The shared Redis. */
  public static final String ADDRESS = "redis://127.0.0.1:6379";

  private RedisTests() {}

  /** A prefix no other run uses. */
  public static String freshPrefix() {
    return "herald-test-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The engine config for one Redis at {@code address} with {@code prefix}. */
  public static RedisConfig config(String address, String prefix) {
    RedisConfig d = RedisConfig.defaults();
    return new RedisConfig(address, prefix, d.sentinel(), d.cluster(), d.shards(),
        Duration.ofSeconds(2), Duration.ofMillis(500));
  }

  /** A Redis engine on the shared Redis with {@code prefix}. */
  static Engine engine(String prefix) {
    return RedisEngine.create(config(ADDRESS, prefix));
  }

  /**
   * The longest time to live among the keys of {@code address} that start with {@code prefix},
   * in milliseconds: {@link Long#MAX_VALUE} when one has none, 0 when there are none.
   */
  public static long longestTtlMillis(String address, String prefix) {
    RedisClient client = RedisClient.create(address);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      long longest = 0;
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page =
            c.sync().scan(cursor, ScanArgs.Builder.matches(prefix + ":*").limit(500));
        for (String key : page.getKeys()) {
          long ttl = c.sync().pttl(key);
          longest = Math.max(longest, ttl == -1 ? Long.MAX_VALUE : ttl);
        }
        cursor = page;
      } while (!cursor.isFinished());
      return longest;
    } finally {
      client.shutdown();
    }
  }

  /** The number of keys of {@code address} that start with {@code prefix}. */
  public static int countKeys(String address, String prefix) {
    RedisClient client = RedisClient.create(address);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      int count = 0;
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page =
            c.sync().scan(cursor, ScanArgs.Builder.matches(prefix + ":*").limit(500));
        count += page.getKeys().size();
        cursor = page;
      } while (!cursor.isFinished());
      return count;
    } finally {
      client.shutdown();
    }
  }

  /** Deletes every key of {@code address} that starts with {@code prefix}. */
  public static void deleteKeys(String address, String prefix) {
    RedisClient client = RedisClient.create(address);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page =
            c.sync().scan(cursor, ScanArgs.Builder.matches(prefix + ":*").limit(500));
        List<String> keys = page.getKeys();
        if (!keys.isEmpty()) {
          c.sync().del(keys.toArray(String[]::new));
        }
        cursor = page;
      } while (!cursor.isFinished());
    } finally {
      client.shutdown();
    }
  }
}
