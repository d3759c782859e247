package io.herald.bench.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One server's figures for one scenario, as ordered name/value pairs (numbers, strings, maps),
 * written as they are into the JSON report. {@code server} comes first.
 */
public final class Result {

  private final Map<String, Object> fields = new LinkedHashMap<>();

  public Result(String server) {
    fields.put("server", server);
  }

  /** Adds or replaces a field; returns this. Doubles are rounded to 3 decimals. */
  public Result put(String key, Object value) {
    if (value instanceof Double d) {
      value = Double.isFinite(d) ? Math.round(d * 1000) / 1000.0 : null;
    }
    fields.put(key, value);
    return this;
  }

  public String server() {
    return (String) fields.get("server");
  }

  /** The value of {@code key}, or null. */
  public Object get(String key) {
    return fields.get(key);
  }

  /** The value of {@code key} as a number, or NaN when absent or not a number. */
  public double number(String key) {
    return fields.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** The fields, in order; live view. */
  public Map<String, Object> fields() {
    return fields;
  }
}
