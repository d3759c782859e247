package io.herald.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.bench.scenario.Result;
import io.herald.bench.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Formats a run: a human table with one row per server, the herald / peer ratios, and the JSON
 * object {@code {"scenario", "params", "machine", "results": [...], "ratios": {...}}}.
 */
public final class Report {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Scenario scenario;
  private final Map<String, Object> machine;
  private final List<Result> results;

  public Report(Scenario scenario, Map<String, Object> machine, List<Result> results) {
    this.scenario = scenario;
    this.machine = machine;
    this.results = results;
  }

  /** The side-by-side table, then one ratios line per peer. */
  public String table() {
    List<Scenario.Column> cols = new ArrayList<>();
    cols.add(new Scenario.Column("server", "server"));
    cols.addAll(scenario.columns());
    List<String[]> rows = new ArrayList<>();
    rows.add(cols.stream().map(Scenario.Column::header).toArray(String[]::new));
    for (Result r : results) {
      rows.add(cols.stream().map(c -> format(r.get(c.key()))).toArray(String[]::new));
    }
    StringBuilder sb = new StringBuilder(align(rows, 0));
    for (Result r : results) {
      if (r.get("error") != null) {
        sb.append(r.server()).append(": ").append(r.get("error")).append('\n');
      }
    }
    Map<String, Map<String, Double>> ratios = ratios();
    if (!ratios.isEmpty()) {
      sb.append("ratios herald / peer:\n");
      for (Map.Entry<String, Map<String, Double>> e : ratios.entrySet()) {
        sb.append("  vs ").append(e.getKey()).append(':');
        e.getValue()
            .forEach(
                (k, v) ->
                    sb.append(' ')
                        .append(k)
                        .append(' ')
                        .append(v == null ? "-" : ratio(v)));
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  /** herald's value / the peer's, for every peer and ratio key; null where undefined. */
  public Map<String, Map<String, Double>> ratios() {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    Result herald = results.stream().filter(r -> r.server().equals("herald")).findFirst().orElse(null);
    if (herald == null) {
      return out;
    }
    for (Result peer : results) {
      if (peer == herald) {
        continue;
      }
      Map<String, Double> m = new LinkedHashMap<>();
      for (String key : scenario.ratioKeys().keySet()) {
        double h = herald.number(key);
        double p = peer.number(key);
        m.put(key, Double.isNaN(h) || Double.isNaN(p) || p == 0 ? null : Math.round(h / p * 1000) / 1000.0);
      }
      out.put(peer.server(), m);
    }
    return out;
  }

  /** The whole run as one line of JSON. */
  public String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("scenario", scenario.name());
    root.put("params", scenario.params());
    root.put("machine", machine);
    root.put("results", results.stream().map(Result::fields).toList());
    root.put("ratios", ratios());
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code rows} as aligned text, one line per row, {@code indent} spaces in front: the first
   * column left-aligned, the others right-aligned, two spaces apart.
   */
  static String align(List<String[]> rows, int indent) {
    int n = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] widths = new int[n];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] row : rows) {
      sb.append(" ".repeat(indent));
      for (int i = 0; i < row.length; i++) {
        String cell = row[i];
        if (i == 0) {
          sb.append(cell).append(" ".repeat(widths[i] - cell.length()));
        } else {
          sb.append("  ").append(" ".repeat(widths[i] - cell.length())).append(cell);
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  static String ratio(double v) {
    return String.format(Locale.ROOT, v < 0.1 ? "%.3fx" : "%.2fx", v);
  }

  static String format(Object v) {
    if (v == null) {
      return "-";
    }
    if (v instanceof Double d) {
      double a = Math.abs(d);
      if (a >= 1000) {
        return String.format(Locale.ROOT, "%,.0f", d);
      }
      if (a >= 100) {
        return String.format(Locale.ROOT, "%.1f", d);
      }
      return String.format(Locale.ROOT, "%.2f", d);
    }
    if (v instanceof Long || v instanceof Integer) {
      return String.format(Locale.ROOT, "%,d", ((Number) v).longValue());
    }
    return v.toString();
  }
}
