package io.herald.pusher;

import io.herald.config.HeraldConfig;
import io.herald.config.NamespaceConfig;
import io.herald.config.PusherApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Herald namespaces of the Pusher apps: {@code pusher.<id>} for an app's channels and {@code
 * pusher.<id>.cache} for its cache channels. Both keep presence (so every channel's subscription
 * and user counts cover the cluster) and let subscribers hear joins and leaves (presence
 * channels' members); the cache namespace keeps the last event for {@value
 * #CACHE_TTL_MINUTES} minutes. A namespace of that name in {@code namespaces} gives the
 * permissions of Herald's own clients on the app's channels; Herald sets presence and history.
 */
public final class PusherNamespaces {

  /** How long a cache channel keeps its last event: Pusher's 30 minutes. */
  public static final int CACHE_TTL_MINUTES = 30;

  private PusherNamespaces() {}

  /** {@code config} with the namespaces of its Pusher apps added (or completed). */
  public static HeraldConfig addTo(HeraldConfig config) {
    if (!config.pusher().enabled()) {
      return config;
    }
    List<NamespaceConfig> out = new ArrayList<>();
    List<String> done = new ArrayList<>();
    for (NamespaceConfig ns : config.namespaces()) {
      NamespaceConfig own = forApp(config, ns.name(), ns);
      out.add(own);
      done.add(ns.name());
    }
    for (PusherApp app : config.pusher().apps()) {
      for (String name : List.of(PusherChannel.namespace(app.id()),
          PusherChannel.cacheNamespace(app.id()))) {
        if (!done.contains(name)) {
          out.add(forApp(config, name, NamespaceConfig.defaults(name)));
        }
      }
    }
    return config.with("namespaces", out);
  }

  private static NamespaceConfig forApp(HeraldConfig config, String name, NamespaceConfig ns) {
    for (PusherApp app : config.pusher().apps()) {
      if (name.equals(PusherChannel.namespace(app.id()))) {
        return ns.with("presence", true).with("allowJoinLeaveForSubscriber", true)
            .with("historySize", 0).with("historyTtl", Duration.ZERO);
      }
      if (name.equals(PusherChannel.cacheNamespace(app.id()))) {
        Duration ttl = Duration.ofMinutes(CACHE_TTL_MINUTES);
        return ns.with("presence", true).with("allowJoinLeaveForSubscriber", true)
            .with("historySize", 1).with("historyTtl", ttl)
            .with("historyMetaTtl", ns.historyMetaTtl().compareTo(ttl) < 0
                ? ttl : ns.historyMetaTtl());
      }
    }
    return ns;
  }
}
