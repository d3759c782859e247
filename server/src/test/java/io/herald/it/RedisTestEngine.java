package io.herald.it;

import io.herald.config.EngineConfig;
import io.herald.config.RedisConfig;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.UUID;

/**
 * The machine's shared Redis as the engine of test clusters: each instance has its own random
 * key prefix, so tests never touch keys they did not create, and {@link #deleteKeys} removes
 * exactly those.
 */
final class RedisTestEngine {

  static final String REDIS = "redis://127.0.0.1:6379";

  private final String prefix = "herald-it-" + UUID.randomUUID().toString().substring(0, 8);

  /** The {@code engine} section of every node of this test's cluster. */
  EngineConfig config() {
    RedisConfig d = RedisConfig.defaults();
    RedisConfig redis = new RedisConfig(REDIS, prefix, d.sentinel(), d.cluster(), d.shards(),
        d.commandTimeout(), d.reconnectMaxDelay());
    return new EngineConfig(EngineConfig.REDIS, redis);
  }

  /** Deletes every key under this instance's prefix. */
  void deleteKeys() {
    RedisClient client = RedisClient.create(REDIS);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page =
            c.sync().scan(cursor, ScanArgs.Builder.matches(prefix + ":*").limit(1000));
        if (!page.getKeys().isEmpty()) {
          c.sync().del(page.getKeys().toArray(String[]::new));
        }
        cursor = page;
      } while (!cursor.isFinished());
    } finally {
      client.shutdown();
    }
  }
}
