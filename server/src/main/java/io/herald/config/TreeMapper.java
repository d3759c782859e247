package io.herald.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a parsed YAML/JSON tree onto a config record, one generic walk for every record: the keys
 * of a mapping are the record's component names; a key that is absent or empty ({@code key:},
 * {@code key: null}) keeps the value of the defaults; a key the record does not have is an error
 * that lists the keys it does have.
 */
final class TreeMapper {

  private TreeMapper() {}

  /**
   * Reads {@code node}, a mapping, as a {@code type} record.
   *
   * @param defaults where absent keys take their values from
   * @param path key path of {@code node} ({@code ""} at the top), for error messages
   */
  @SuppressWarnings("unchecked")
  static <R extends Record> R read(Class<R> type, JsonNode node, R defaults, String path) {
    if (!node.isObject()) {
      throw ConfigException.at(path, "expected a mapping of keys, got " + Scalars.describe(node));
    }
    rejectUnknownKeys(type, node, path);
    RecordComponent[] cs = Records.components(type);
    Object[] values = new Object[cs.length];
    for (int i = 0; i < cs.length; i++) {
      RecordComponent c = cs[i];
      Object fallback = Records.get(defaults, c);
      JsonNode child = node.get(c.getName());
      String key = Records.join(path, c.getName());
      if (child == null || child.isNull()) {
        values[i] = fallback;
      } else if (Records.isRecord(c)) {
        values[i] = read((Class<Record>) c.getType(), child, (Record) fallback, key);
      } else if (Records.listElement(c) != null) {
        values[i] = readList(Records.listElement(c), child, key);
      } else if (c.getType() == Map.class) {
        values[i] = readTextMap(child, key);
      } else {
        values[i] = Scalars.fromNode(c.getType(), child, key);
      }
    }
    return Records.create(type, values);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> readList(Class<?> element, JsonNode node, String key) {
    if (element == String.class && node.isTextual()) {
      return List.copyOf(Scalars.splitList(node.textValue()));
    }
    if (!node.isArray()) {
      String example = element == String.class ? " (e.g. [\"https://app.example.com\"])" : "";
      throw ConfigException.at(
          key, "expected a list" + example + ", got " + Scalars.describe(node));
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String itemKey = key + "[" + i + "]";
      JsonNode item = node.get(i);
      if (element.isRecord()) {
        Class<Record> type = (Class<Record>) element;
        out.add(read(type, item, Records.elementDefault(type), itemKey));
      } else {
        out.add(Scalars.fromNode(element, item, itemKey));
      }
    }
    return out;
  }

  /** A mapping of names to scalar values, each kept as its text (numbers and booleans too). */
  private static Map<String, String> readTextMap(JsonNode node, String key) {
    if (!node.isObject()) {
      throw ConfigException.at(key, "expected a mapping of names to values, got "
          + Scalars.describe(node));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode value = e.getValue();
      if (!value.isValueNode() || value.isNull()) {
        throw ConfigException.at(Records.join(key, e.getKey()),
            "expected a text, number or boolean, got " + Scalars.describe(value));
      }
      out.put(e.getKey(), value.asText());
    }
    return out;
  }

  private static void rejectUnknownKeys(Class<?> type, JsonNode node, String path) {
    List<String> known = Records.names(type);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        String guess = closest(name, known);
        throw ConfigException.at(
            Records.join(path, name),
            "unknown key"
                + (guess == null ? "" : " (did you mean " + guess + "?)")
                + "; known keys here: "
                + String.join(", ", known));
      }
    }
  }

  /** The known key {@code name} was probably meant to be, or null. */
  static String closest(String name, List<String> known) {
    String plain = name.replaceAll("[_\\-]", "").toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      if (k.toLowerCase(Locale.ROOT).equals(plain)) {
        return k;
      }
      int d = distance(name, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
