package io.herald.config;

import java.util.List;

/**
 * The Pusher Channels protocol (version 7): pusher-js, Laravel Echo and Pusher's server SDKs
 * connect to Herald unchanged (docs/pusher.md). Off while {@code apps} is empty: {@code /app/...}
 * and {@code /apps/...} then answer 404. Reloaded on SIGHUP (apps added, removed, secrets
 * rotated) without dropping connections of apps that stay.
 *
 * @param apps the Pusher apps this node serves, each with a unique id and key; default none
 */
public record PusherConfig(List<PusherApp> apps) {

  public PusherConfig {
    apps = List.copyOf(apps);
  }

  /** No apps: the Pusher protocol is off. */
  public static PusherConfig none() {
    return new PusherConfig(List.of());
  }

  /** True when at least one app is configured. */
  public boolean enabled() {
    return !apps.isEmpty();
  }
}
