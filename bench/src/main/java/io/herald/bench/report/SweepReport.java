package io.herald.bench.report;

import io.herald.bench.scenario.Result;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The steps of a rate sweep, per server: the offered rate of each step, the scenario's figures
 * at it and whether the server held it, as a table (one block per server), the highest rate each
 * server held with the herald / peer ratios, and a map for the JSON report. Each server's steps
 * are reported ordered by rate, whether they were ladder or refinement steps.
 *
 * <p>A step is held when nothing was lost, nothing failed (publish errors, refused or failed
 * connections, dropped subscribers) and p99 latency stayed within the bound: see {@link
 * #verdict}.
 */
public final class SweepReport {

  /**
   * One measured step.
   *
   * @param rate the offered rate (publishes or connections per second)
   * @param result the scenario's figures
   * @param why why the step was not held, or null when it was
   * @param attempt 1 for the first try, 2 for a retry of a step that failed
   * @param refined true for a refinement step, measured between the highest ladder step the
   *     server held and the one it did not hold; false for a ladder step
   */
  public record Step(double rate, Result result, String why, int attempt, boolean refined) {

    /** A ladder step. */
    public Step(double rate, Result result, String why, int attempt) {
      this(rate, result, why, attempt, false);
    }

    public boolean held() {
      return why == null;
    }

    /** The rate as the tables show it, marked "(refined)" and "(retry)" where it applies. */
    String label() {
      String mark = refined ? (attempt > 1 ? " (refined, retry)" : " (refined)")
          : attempt > 1 ? " (retry)" : "";
      return SweepReport.rate(rate) + mark;
    }
  }

  private final Map<String, List<Step>> steps;
  private final double boundMs;
  private final String rateUnit;

  /**
   * @param steps per server, in the order measured; kept ordered by rate (stable: a retry stays
   *     after its first attempt)
   * @param rateUnit what the rate counts, for the table ("publishes/s", "connections/s")
   */
  public SweepReport(Map<String, List<Step>> steps, double boundMs, String rateUnit) {
    this.steps = new LinkedHashMap<>();
    steps.forEach((server, list) -> this.steps.put(server,
        list.stream().sorted(Comparator.comparingDouble(Step::rate)).toList()));
    this.boundMs = boundMs;
    this.rateUnit = rateUnit;
  }

  /**
   * Why {@code r} does not count as held at a p99 bound of {@code boundMs}, or null when it
   * does: an error, lost deliveries, publish errors, failed or dropped connections, p99 over the
   * bound (or missing).
   */
  public static String verdict(Result r, double boundMs) {
    if (r.get("error") != null) {
      return "error: " + r.get("error");
    }
    List<String> why = new ArrayList<>();
    for (String key : List.of("lost", "publishErrors", "failed", "dropped", "errors")) {
      double v = r.number(key);
      if (!Double.isNaN(v) && v > 0) {
        why.add(key + " " + Report.format(r.get(key)));
      }
    }
    double p99 = r.number("p99Ms");
    if (Double.isNaN(p99)) {
      why.add("no p99");
    } else if (p99 > boundMs) {
      why.add(String.format(Locale.ROOT, "p99 %s ms > %s ms", Report.format(p99), Report.format(boundMs)));
    }
    return why.isEmpty() ? null : String.join(", ", why);
  }

  /** The steps of every server, ordered by rate (a retry after its first attempt). */
  public Map<String, List<Step>> steps() {
    return steps;
  }

  /**
   * The highest rate each server held, ladder and refinement steps alike (retries included: a
   * step counts once one attempt held it); 0 when it held none. A server takes no ladder step
   * after one it did not hold, and refinement steps lie between the two, so this is the highest
   * rate held below the lowest one not held.
   */
  public Map<String, Double> highestHeld() {
    Map<String, Double> out = new LinkedHashMap<>();
    steps.forEach((server, list) -> {
      double best = 0;
      for (Step s : list) {
        if (s.held()) {
          best = Math.max(best, s.rate());
        }
      }
      out.put(server, best);
    });
    return out;
  }

  /** herald's highest held rate over each peer's; null where a peer held nothing. */
  public Map<String, Double> ratios() {
    Map<String, Double> held = highestHeld();
    Map<String, Double> out = new LinkedHashMap<>();
    Double herald = held.get("herald");
    if (herald == null) {
      return out;
    }
    held.forEach((server, rate) -> {
      if (!server.equals("herald")) {
        out.put(server, rate == 0 ? null : Math.round(herald / rate * 1000) / 1000.0);
      }
    });
    return out;
  }

  /** The steps table (one block per server), then the highest rates held and the ratios. */
  public String table(List<String> columns, List<String> headers) {
    StringBuilder sb = new StringBuilder();
    List<String> cols = new ArrayList<>(List.of("rate"));
    cols.addAll(columns);
    List<String> heads = new ArrayList<>(List.of(rateUnit));
    heads.addAll(headers);
    heads.add("held");
    for (Map.Entry<String, List<Step>> e : steps.entrySet()) {
      sb.append(e.getKey()).append('\n');
      List<String[]> rows = new ArrayList<>();
      rows.add(heads.toArray(String[]::new));
      for (Step s : e.getValue()) {
        String[] row = new String[heads.size()];
        row[0] = s.label();
        for (int i = 1; i < cols.size(); i++) {
          row[i] = Report.format(s.result().get(cols.get(i)));
        }
        row[heads.size() - 1] = s.held() ? "yes" : "no: " + s.why();
        rows.add(row);
      }
      sb.append(Report.align(rows, 2));
    }
    sb.append(String.format(Locale.ROOT, "highest rate held (p99 <= %s ms, nothing lost or failed):%n",
        Report.format(boundMs)));
    highestHeld().forEach((server, rate) -> sb.append("  ").append(server).append(' ')
        .append(rate == 0 ? "none" : rate(rate) + " " + rateUnit).append('\n'));
    Map<String, Double> ratios = ratios();
    if (!ratios.isEmpty()) {
      sb.append("ratios herald / peer, highest rate held:");
      ratios.forEach((peer, v) -> sb.append(" vs ").append(peer).append(' ')
          .append(v == null ? "-" : Report.ratio(v)));
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * The steps as one Markdown table (server, rate, the given columns, held), then the highest
   * rates held and the ratios: what docs/benchmarks.md quotes.
   */
  public String markdown(List<String> columns, List<String> headers) {
    StringBuilder sb = new StringBuilder("| server | " + rateUnit + " | ");
    sb.append(String.join(" | ", headers)).append(" | held |\n|");
    sb.append(" --- | ---: |".repeat(1)).append(" ---: |".repeat(headers.size())).append(" --- |\n");
    steps.forEach((server, list) -> list.forEach(s -> {
      sb.append("| ").append(server).append(" | ").append(s.label()).append(" | ");
      for (String c : columns) {
        sb.append(Report.format(s.result().get(c))).append(" | ");
      }
      sb.append(s.held() ? "yes" : "no: " + s.why()).append(" |\n");
    }));
    sb.append("\nHighest rate held (p99 <= ").append(Report.format(boundMs)).append(" ms, nothing lost or failed): ");
    List<String> held = new ArrayList<>();
    highestHeld().forEach((server, r) -> held.add(server + " " + (r == 0 ? "none" : rate(r))));
    sb.append(String.join(", ", held)).append(" ").append(rateUnit).append(".");
    Map<String, Double> ratios = ratios();
    if (!ratios.isEmpty()) {
      List<String> parts = new ArrayList<>();
      ratios.forEach((peer, v) -> parts.add("vs " + peer + " " + (v == null ? "-" : Report.ratio(v))));
      sb.append(" Ratios herald / peer: ").append(String.join(", ", parts)).append(".");
    }
    return sb.append('\n').toString();
  }

  private static String rate(double r) {
    return r == Math.rint(r) ? Report.format((long) r) : Report.format(r);
  }

  /**
   * For the JSON report: {@code p99BoundMs}, {@code highestHeld}, {@code ratios}, {@code steps}
   * (per server, ordered by rate: {@code rate}, {@code attempt}, {@code refined}, {@code held},
   * {@code why} when not held, then the scenario's figures).
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p99BoundMs", boundMs);
    m.put("highestHeld", highestHeld());
    m.put("ratios", ratios());
    Map<String, Object> byServer = new LinkedHashMap<>();
    steps.forEach((server, list) -> byServer.put(server, list.stream().map(s -> {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("rate", s.rate());
      step.put("attempt", s.attempt());
      step.put("refined", s.refined());
      step.put("held", s.held());
      if (!s.held()) {
        step.put("why", s.why());
      }
      step.putAll(s.result().fields());
      step.remove("server");
      return step;
    }).toList()));
    m.put("steps", byServer);
    return m;
  }
}
