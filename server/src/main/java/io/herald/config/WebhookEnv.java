package io.herald.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code HERALD_WEBHOOKS_<i>_<KEY>} variables, part of {@link EnvOverrides}: item {@code i}
 * (from 0) of {@code webhooks}, key in upper snake case ({@code HERALD_WEBHOOKS_0_URL}, {@code
 * HERALD_WEBHOOKS_0_SECRET}, {@code HERALD_WEBHOOKS_1_BATCH_MAX_SIZE}); lists are comma-separated
 * ({@code HERALD_WEBHOOKS_0_EVENTS=user.online,user.offline}). A variable for an item the file
 * has overrides that key; one for the next index adds an item (from the defaults), so receivers
 * can be configured by the environment alone. An index beyond that is an error.
 */
final class WebhookEnv {

  private static final Pattern NAME = Pattern.compile("HERALD_WEBHOOKS_([0-9]{1,4})_([A-Z_]+)");

  private WebhookEnv() {}

  static HeraldConfig apply(HeraldConfig base, Map<String, String> env) {
    Map<Integer, Map<String, String>> byItem = new TreeMap<>();
    for (Map.Entry<String, String> e : env.entrySet()) {
      Matcher m = NAME.matcher(e.getKey());
      if (m.matches() && e.getValue() != null && !e.getValue().isEmpty()) {
        byItem.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new TreeMap<>())
            .put(e.getKey(), e.getValue());
      }
    }
    if (byItem.isEmpty()) {
      return base;
    }
    List<WebhookEndpoint> items = new ArrayList<>(base.webhooks());
    for (Map.Entry<Integer, Map<String, String>> item : byItem.entrySet()) {
      int i = item.getKey();
      if (i > items.size()) {
        String first = item.getValue().keySet().iterator().next();
        throw new ConfigException("webhooks[" + i + "]", "webhooks[" + i + "] (from " + first
            + "): there is no webhooks[" + items.size() + "]; number the items from 0 without gaps");
      }
      WebhookEndpoint w = i == items.size() ? WebhookEndpoint.defaults() : items.get(i);
      for (Map.Entry<String, String> v : item.getValue().entrySet()) {
        w = set(w, i, v.getKey(), v.getValue());
      }
      if (i == items.size()) {
        items.add(w);
      } else {
        items.set(i, w);
      }
    }
    return base.with("webhooks", List.copyOf(items));
  }

  private static WebhookEndpoint set(WebhookEndpoint w, int i, String variable, String text) {
    String suffix = variable.substring(("HERALD_WEBHOOKS_" + i + "_").length());
    for (RecordComponent c : Records.components(WebhookEndpoint.class)) {
      if (EnvOverrides.variable(c.getName()).equals(EnvOverrides.PREFIX + suffix)) {
        String key = "webhooks[" + i + "]." + c.getName();
        return w.with(c.getName(),
            Scalars.fromText(c.getType(), text, key, key + " (from " + variable + ")"));
      }
    }
    throw new ConfigException("webhooks[" + i + "]", variable + ": " + suffix
        + " is not a webhook key; known: " + String.join(", ", Records.names(WebhookEndpoint.class)
        .stream().map(n -> EnvOverrides.variable(n).substring(EnvOverrides.PREFIX.length()))
        .toList()));
  }
}
