package io.herald.pusher;

import io.herald.config.PusherApp;
import io.herald.config.PusherConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured Pusher apps, found by id (HTTP API paths) or by key (WebSocket paths, API
 * {@code auth_key}). Immutable and thread-safe; a reload builds a new one ({@link Live}).
 */
public final class PusherApps {

  private final List<PusherApp> apps;
  private final Map<String, PusherApp> byId = new HashMap<>();
  private final Map<String, PusherApp> byKey = new HashMap<>();

  /** The apps of {@code config}, which the config validator checked (unique ids and keys). */
  public PusherApps(PusherConfig config) {
    this.apps = config.apps();
    for (PusherApp app : apps) {
      byId.put(app.id(), app);
      byKey.put(app.key(), app);
    }
  }

  /** The app with {@code id}, or null. */
  public PusherApp byId(String id) {
    return id == null ? null : byId.get(id);
  }

  /** The app with {@code key}, or null. */
  public PusherApp byKey(String key) {
    return key == null ? null : byKey.get(key);
  }

  /** Every app, in config order. */
  public List<PusherApp> all() {
    return apps;
  }

  /**
   * The Herald user id of Pusher user {@code userId} of app {@code appId}: {@code
   * pusher.<appId>:<userId>}, so that the users of two apps never meet.
   */
  public static String heraldUser(String appId, String userId) {
    return "pusher." + appId + ":" + userId;
  }

  /** True when no app is configured: the protocol is off. */
  public boolean isEmpty() {
    return apps.isEmpty();
  }

  /**
   * The apps in force now: replaced as a whole when the config is reloaded (SIGHUP), read by
   * every request and connection. Thread-safe.
   */
  public static final class Live {

    private volatile PusherApps current;

    public Live(PusherApps initial) {
      this.current = initial;
    }

    /** The apps in force. */
    public PusherApps get() {
      return current;
    }

    /** Puts {@code config}'s apps in force for every later request and connection. */
    public void reload(PusherConfig config) {
      current = new PusherApps(config);
    }
  }
}
