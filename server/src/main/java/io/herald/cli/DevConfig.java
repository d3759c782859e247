package io.herald.cli;

import io.herald.config.AdminConfig;
import io.herald.config.ApiConfig;
import io.herald.config.ClientConfig;
import io.herald.config.ConfigLoader;
import io.herald.config.DemoConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.NamespaceConfig;
import io.herald.config.TokenConfig;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The configuration of {@code herald dev}: every origin allowed, a fresh 256-bit HMAC secret and
 * API key, the demo page at {@code /}, the admin UI with a fresh password (24 characters), and
 * the default namespace plus {@code chat}, {@code tasks} and {@code news} open to everyone,
 * anonymous clients included. {@code HERALD_*} variables override any of it. Not for production:
 * anyone can publish.
 */
final class DevConfig {

  /** Namespaces dev mode opens besides the default one. */
  static final List<String> NAMESPACES = List.of("chat", "tasks", "news");

  private DevConfig() {}

  static HeraldConfig create(int port, Map<String, String> env) {
    SecureRandom random = new SecureRandom();
    ClientConfig client = ClientConfig.defaults().with("allowAnonymous", true);
    TokenConfig token =
        new TokenConfig(secret(random), null, null, null, TokenConfig.DEFAULT_JWKS_CACHE_TTL,
            null, null);
    HeraldConfig config =
        new HeraldConfig(
            port,
            "0.0.0.0",
            List.of("*"),
            token,
            new ApiConfig(secret(random)),
            client,
            NamespaceConfig.permissive(""),
            NAMESPACES.stream().map(DevConfig::namespace).toList())
            .with("demo", new DemoConfig(true))
            .with("admin", withPassword(AdminConfig.defaults(), password(random)));
    return ConfigLoader.fromEnv(config, env);
  }

  /**
   * A dev namespace: everything allowed, the last 100 publications kept for an hour (so pages
   * recover after a reload or a dropped network), presence and join/leave in {@code chat}. The
   * demo page rebuilds its task list from the channel's history, so {@code tasks} keeps 1000
   * changes for a day.
   */
  static NamespaceConfig namespace(String name) {
    if (name.equals("tasks")) {
      return NamespaceConfig.permissive(name)
          .with("historySize", 1000)
          .with("historyTtl", Duration.ofHours(24));
    }
    NamespaceConfig ns = NamespaceConfig.permissive(name)
        .with("historySize", 100)
        .with("historyTtl", Duration.ofHours(1));
    return name.equals("chat") ? ns.with("presence", true).with("joinLeave", true) : ns;
  }

  private static AdminConfig withPassword(AdminConfig a, String password) {
    return new AdminConfig(password, a.sessionTtl(), a.maxFailedLogins(), a.lockout(),
        a.maxFailedLoginsTotal(), a.secureCookie());
  }

  /** 18 random bytes as 24 URL-safe characters: easy to paste, over the 12-character minimum. */
  private static String password(SecureRandom random) {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String secret(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
