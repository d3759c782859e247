package io.herald.engine.redis;

import io.herald.engine.ClientInfo;
import io.herald.engine.Health;
import io.herald.engine.HealthCheck;
import io.herald.engine.PresenceStats;
import io.herald.engine.PresenceStore;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Presence in Redis. Redis 7.0 has no per-field expiry for hashes (HEXPIRE came with 7.4), so a
 * channel has two keys: a hash {@code client -> info} and a sorted set {@code client -> expiry
 * time (ms, Redis clock)}. Every add and read first drops the entries whose time passed, in the
 * same Lua script, so a read never returns an expired entry and a dead node's entries vanish
 * within one TTL. Both keys expire with their newest entry, so an abandoned channel leaves
 * nothing behind. Times come from Redis's clock, so nodes' clocks need not agree. Thread-safe;
 * never blocks.
 */
public final class RedisPresenceStore implements PresenceStore, HealthCheck {

  private final RedisShards shards;
  private final RedisKeys keys;

  RedisPresenceStore(RedisShards shards, RedisKeys keys) {
    this.shards = shards;
    this.keys = keys;
  }

  private String[] keysOf(String channel) {
    return new String[] {keys.presence(channel), keys.presenceExpiry(channel)};
  }

  @Override
  public CompletionStage<Void> add(String channel, ClientInfo info, Duration ttl) {
    return RedisScripts.PRESENCE_ADD.<Long>run(
            shards.of(channel).commands(), ScriptOutputType.INTEGER, keysOf(channel),
            info.client(), RedisPayloads.info(info), Math.max(1, ttl.toMillis()))
        .thenApply(n -> null);
  }

  @Override
  public CompletionStage<Void> remove(String channel, String client) {
    return RedisScripts.PRESENCE_REMOVE.<Long>run(
            shards.of(channel).commands(), ScriptOutputType.INTEGER, keysOf(channel), client)
        .thenApply(n -> null);
  }

  @Override
  public CompletionStage<Map<String, ClientInfo>> presence(String channel) {
    return RedisScripts.PRESENCE_READ.<List<Object>>run(
            shards.of(channel).commands(), ScriptOutputType.MULTI, keysOf(channel))
        .thenApply(flat -> {
          Map<String, ClientInfo> out = new HashMap<>(flat.size());
          for (int i = 0; i + 1 < flat.size(); i += 2) {
            String client = new String((byte[]) flat.get(i), StandardCharsets.UTF_8);
            out.put(client, RedisPayloads.info((byte[]) flat.get(i + 1), 0));
          }
          return out;
        });
  }

  @Override
  public CompletionStage<PresenceStats> stats(String channel) {
    return presence(channel).thenApply(clients -> {
      Set<String> users = new HashSet<>();
      clients.values().forEach(c -> users.add(c.user()));
      return new PresenceStats(clients.size(), users.size());
    });
  }

  @Override
  public Health health() {
    return shards.health();
  }
}
