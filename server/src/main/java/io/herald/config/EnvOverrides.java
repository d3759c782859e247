package io.herald.config;

import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code HERALD_*} environment variables over a config: every scalar key has one, named by its key
 * path in upper snake case ({@code client.pingInterval} is {@code HERALD_CLIENT_PING_INTERVAL}).
 * Lists of records ({@code namespaces}, {@code ingest.sources}) are file-only, except {@code
 * pusher.apps}: comma-separated {@code id:key:secret} triples, and {@code webhooks}: {@code
 * HERALD_WEBHOOKS_<i>_<KEY>} ({@link WebhookEnv}); {@code allowedOrigins} is comma-separated.
 * An empty variable is ignored, so that {@code HERALD_X=} in a compose file cannot wipe a value by
 * accident; an unknown {@code HERALD_*} variable is ignored too (the launcher sets its own, such as
 * {@code HERALD_JAVA_OPTS}).
 */
final class EnvOverrides {

  /** The prefix of every variable. */
  static final String PREFIX = "HERALD_";

  /** Lists of records that a variable sets, with a syntax of their own. */
  private static final String PUSHER_APPS = "pusher.apps";

  /** Variable name to key path, in the order of the keys in {@link HeraldConfig}. */
  static final Map<String, String> VARIABLES = Collections.unmodifiableMap(collect());

  private EnvOverrides() {}

  /** {@code client.pingInterval} as {@code HERALD_CLIENT_PING_INTERVAL}. */
  static String variable(String keyPath) {
    String snake = keyPath.replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2");
    return PREFIX + snake.toUpperCase(Locale.ROOT);
  }

  /**
   * {@code base} with every variable of {@code env} (null: none) that names a key applied; not
   * validated.
   */
  static HeraldConfig apply(HeraldConfig base, Map<String, String> env) {
    if (env == null) {
      return base;
    }
    HeraldConfig out = base;
    for (Map.Entry<String, String> v : VARIABLES.entrySet()) {
      String text = env.get(v.getKey());
      if (text == null || text.isEmpty()) {
        continue;
      }
      String key = v.getValue();
      String[] path = key.split("\\.");
      String label = key + " (from " + v.getKey() + ")";
      Object value = key.equals(PUSHER_APPS) ? apps(text, label)
          : Scalars.fromText(typeOf(path), text, key, label);
      out = Records.with(out, path, 0, value);
    }
    return WebhookEnv.apply(out, env);
  }

  private static Object apps(String text, String label) {
    try {
      return PusherApp.parseList(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(PUSHER_APPS, label + ": " + e.getMessage());
    }
  }

  private static Class<?> typeOf(String[] path) {
    Class<?> type = HeraldConfig.class;
    for (String part : path) {
      type = component(type, part).getType();
    }
    return type;
  }

  private static RecordComponent component(Class<?> type, String name) {
    for (RecordComponent c : Records.components(type)) {
      if (c.getName().equals(name)) {
        return c;
      }
    }
    throw new IllegalStateException(type.getSimpleName() + " has no " + name);
  }

  private static Map<String, String> collect() {
    Map<String, String> out = new LinkedHashMap<>();
    collect(HeraldConfig.class, "", out);
    return out;
  }

  private static void collect(Class<?> type, String path, Map<String, String> out) {
    for (RecordComponent c : Records.components(type)) {
      String key = Records.join(path, c.getName());
      Class<?> element = Records.listElement(c);
      if (key.equals(PUSHER_APPS)) {
        out.put(variable(key), key);
        continue;
      }
      if (Records.HIDDEN.contains(key) || (element != null && element.isRecord())) {
        continue;
      }
      if (Records.isRecord(c)) {
        collect(c.getType(), key, out);
      } else {
        out.put(variable(key), key);
      }
    }
  }
}
