package io.herald.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The median and spread of one figure over repeated rounds: {@code median}, {@code min}, {@code
 * max} and {@code spreadPct} = (max - min) / median x 100, the figure's run-to-run noise. The
 * median of an even count is the mean of the middle two.
 *
 * @param n how many rounds had the figure
 */
public record Spread(double median, double min, double max, int n) {

  /** The spread of {@code values} (NaN ones left out), or null when none is left. */
  public static Spread of(List<Double> values) {
    List<Double> v = new ArrayList<>();
    for (Double d : values) {
      if (d != null && !d.isNaN()) {
        v.add(d);
      }
    }
    if (v.isEmpty()) {
      return null;
    }
    Collections.sort(v);
    int k = v.size();
    double median = k % 2 == 1 ? v.get(k / 2) : (v.get(k / 2 - 1) + v.get(k / 2)) / 2;
    return new Spread(median, v.get(0), v.get(k - 1), k);
  }

  /** (max - min) / median in percent; NaN when the median is 0. */
  public double spreadPct() {
    return median == 0 ? Double.NaN : (max - min) / Math.abs(median) * 100;
  }

  /** For the JSON report: median, min, max, spreadPct, n. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("median", round(median));
    m.put("min", round(min));
    m.put("max", round(max));
    m.put("spreadPct", Double.isNaN(spreadPct()) ? null : round(spreadPct()));
    m.put("n", n);
    return m;
  }

  /** {@code median (min-max, ±s%)}, or just the median for one round. */
  @Override
  public String toString() {
    if (n == 1) {
      return Report.format(median);
    }
    String s = Double.isNaN(spreadPct()) ? "-" : String.format(Locale.ROOT, "%.0f%%", spreadPct());
    return Report.format(median) + " (" + Report.format(min) + "-" + Report.format(max) + ", " + s + ")";
  }

  private static double round(double d) {
    return Math.round(d * 1000) / 1000.0;
  }
}
