package io.herald.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of the {@code engine} section. An address may hold a password ({@code
 * redis://:secret@host}), so messages never repeat an address: they name its key.
 */
final class RedisRules {

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_\\-.:]{1,64}");
  private static final Duration SHORTEST = Duration.ofMillis(100);
  private static final String URI_RULE =
      "use redis://host:port or rediss://host:port (TLS), with :password@ before the host"
          + " when Redis needs one";

  private RedisRules() {}

  static void check(EngineConfig e) {
    if (!EngineConfig.MEMORY.equals(e.type()) && !EngineConfig.REDIS.equals(e.type())) {
      ConfigValidator.fail("engine.type",
          (e.type() == null ? "missing" : Scalars.quote(e.type()) + " is not an engine")
              + "; allowed: memory, redis");
    }
    RedisConfig r = ConfigValidator.required(e.redis(), "engine.redis");
    address("engine.redis.address", r.address());
    if (r.prefix() == null || !PREFIX.matcher(r.prefix()).matches()) {
      ConfigValidator.fail("engine.redis.prefix",
          (r.prefix() == null ? "missing" : Scalars.quote(r.prefix()) + " is not allowed")
              + "; use 1-64 letters, digits, _ - . or :");
    }
    RedisConfig.SentinelConfig sentinel =
        ConfigValidator.required(r.sentinel(), "engine.redis.sentinel");
    List<String> cluster = ConfigValidator.required(r.cluster(), "engine.redis.cluster");
    List<String> shards = ConfigValidator.required(r.shards(), "engine.redis.shards");
    List<String> sentinels =
        ConfigValidator.required(sentinel.addresses(), "engine.redis.sentinel.addresses");
    if (sentinel.enabled()) {
      if (sentinel.masterName().isBlank()) {
        ConfigValidator.fail("engine.redis.sentinel.masterName",
            "must not be empty; leave it out to connect without Sentinel");
      }
      if (sentinels.isEmpty()) {
        ConfigValidator.fail("engine.redis.sentinel.addresses",
            "must list at least one sentinel (redis://host:26379) when"
                + " engine.redis.sentinel.masterName is set");
      }
    } else if (!sentinels.isEmpty()) {
      ConfigValidator.fail("engine.redis.sentinel.masterName",
          "missing; engine.redis.sentinel.addresses is set, so name the master to use");
    }
    addresses("engine.redis.sentinel.addresses", sentinels);
    addresses("engine.redis.cluster", cluster);
    addresses("engine.redis.shards", shards);
    int setups = (sentinel.enabled() ? 1 : 0) + (cluster.isEmpty() ? 0 : 1)
        + (shards.isEmpty() ? 0 : 1);
    if (setups > 1) {
      ConfigValidator.fail(shards.isEmpty() ? "engine.redis.cluster" : "engine.redis.shards",
          "cannot be combined with another setup; set one of engine.redis.sentinel,"
              + " engine.redis.cluster and engine.redis.shards");
    }
    ConfigValidator.atLeast("engine.redis.commandTimeout", r.commandTimeout(), SHORTEST);
    ConfigValidator.atLeast("engine.redis.reconnectMaxDelay", r.reconnectMaxDelay(), SHORTEST);
    KeyFiles.check("engine.redis.tlsCaFile", r.tlsCaFile(), "a PEM file of CA certificates");
  }

  private static void addresses(String key, List<String> addresses) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < addresses.size(); i++) {
      String itemKey = key + "[" + i + "]";
      address(itemKey, addresses.get(i));
      if (!seen.add(addresses.get(i))) {
        ConfigValidator.fail(itemKey, "is listed twice; list every address once");
      }
    }
  }

  /** Fails unless {@code value} is a {@code redis://} or {@code rediss://} URI with a host. */
  static void address(String key, String value) {
    if (value == null || value.isBlank()) {
      ConfigValidator.fail(key, "must not be empty; " + URI_RULE);
    }
    try {
      URI uri = new URI(value.strip());
      String scheme = uri.getScheme();
      if (scheme == null || !(scheme.equals("redis") || scheme.equals("rediss"))) {
        ConfigValidator.fail(key, "is not a Redis address; " + URI_RULE);
      }
      if (uri.getHost() == null) {
        ConfigValidator.fail(key, "has no host; " + URI_RULE);
      }
    } catch (URISyntaxException e) {
      ConfigValidator.fail(key, "is not a valid URI; " + URI_RULE);
    }
  }
}
