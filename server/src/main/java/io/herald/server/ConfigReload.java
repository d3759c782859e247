package io.herald.server;

import io.herald.config.HeraldConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a reload (SIGHUP) may change while connections stay open: {@code token} (keys, JWKS,
 * audience, issuer), the namespace options ({@code defaultNamespace}, {@code namespaces}) and
 * the Pusher apps ({@code pusher}).
 * Every other section keeps its running value and is reported as needing a restart.
 */
final class ConfigReload {

  /**
   * The config to run after a reload.
   *
   * @param config the running config with the reloadable sections of the new one
   * @param needRestart top-level keys that differ in the new config but cannot change without a
   *     restart
   */
  record Result(HeraldConfig config, List<String> needRestart) {}

  private ConfigReload() {}

  static Result merge(HeraldConfig running, HeraldConfig fresh) {
    List<String> restart = new ArrayList<>();
    check(restart, "port", running.port(), fresh.port());
    check(restart, "address", running.address(), fresh.address());
    check(restart, "allowedOrigins", running.allowedOrigins(), fresh.allowedOrigins());
    check(restart, "api", running.api(), fresh.api());
    check(restart, "client", running.client(), fresh.client());
    check(restart, "internal", running.internal(), fresh.internal());
    check(restart, "admin", running.admin(), fresh.admin());
    check(restart, "shutdown", running.shutdown(), fresh.shutdown());
    check(restart, "proxy", running.proxy(), fresh.proxy());
    check(restart, "engine", running.engine(), fresh.engine());
    check(restart, "broker", running.broker(), fresh.broker());
    check(restart, "ingest", running.ingest(), fresh.ingest());
    check(restart, "demo", running.demo(), fresh.demo());
    HeraldConfig merged = running
        .with("token", fresh.token())
        .with("defaultNamespace", fresh.defaultNamespace())
        .with("namespaces", fresh.namespaces())
        .with("pusher", fresh.pusher());
    return new Result(merged, List.copyOf(restart));
  }

  private static void check(List<String> out, String key, Object running, Object fresh) {
    if (!Objects.equals(running, fresh)) {
      out.add(key);
    }
  }
}
