package io.herald.bench.report;

import io.herald.bench.scenario.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same scenario measured in several rounds with the servers interleaved: per server and
 * figure the median and spread over the rounds ({@link Spread}), herald / peer ratios of the
 * medians, as a table (one row per figure, one column per server) and a map for the JSON.
 */
public final class CostReport {

  private final String scenario;
  private final Map<String, List<Result>> rounds;

  /**
   * @param rounds per server, its result of every round, in order
   */
  public CostReport(String scenario, Map<String, List<Result>> rounds) {
    this.scenario = scenario;
    this.rounds = rounds;
  }

  /**
   * The figures summarised for {@code scenario}, cost figures first, then the machine's load
   * during the measurement ({@code otherCpuPct}: CPU used by other work on the machine).
   */
  public static List<String> keys(String scenario) {
    List<String> k = new ArrayList<>(switch (scenario) {
      case "idle" -> List.of("rssAtConnectBytesPerConnection", "bytesPerConnection",
          "rssAfterGcBytesPerConnection", "heapBytesPerConnection", "idleCpuPct", "connectSeconds");
      case "connect" -> List.of("cpuMicrosPerHandshake", "handshakesPerSec", "p50Ms", "p99Ms",
          "serverCpuPct", "errors");
      default -> List.of("cpuMicrosPerDelivery", "cpuMicrosPerPublish", "deliveriesPerSec",
          "p50Ms", "p99Ms", "serverCpuPct", "generatorCpuPct", "lost");
    });
    k.addAll(List.of("otherCpuPct", "stealCpuPct", "load1Before"));
    return k;
  }

  /** Per server, per figure: the spread over the rounds (figures no round had are left out). */
  public Map<String, Map<String, Spread>> summary() {
    Map<String, Map<String, Spread>> out = new LinkedHashMap<>();
    rounds.forEach((server, list) -> {
      Map<String, Spread> m = new LinkedHashMap<>();
      for (String key : keys(scenario)) {
        Spread s = Spread.of(list.stream().map(r -> r.number(key)).toList());
        if (s != null) {
          m.put(key, s);
        }
      }
      out.put(server, m);
    });
    return out;
  }

  /** herald's median / each peer's median, per figure; null where undefined. */
  public Map<String, Map<String, Double>> ratios() {
    Map<String, Map<String, Spread>> sum = summary();
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    Map<String, Spread> herald = sum.get("herald");
    if (herald == null) {
      return out;
    }
    sum.forEach((server, m) -> {
      if (server.equals("herald")) {
        return;
      }
      Map<String, Double> r = new LinkedHashMap<>();
      for (String key : keys(scenario)) {
        Spread h = herald.get(key);
        Spread p = m.get(key);
        r.put(key, h == null || p == null || p.median() == 0 ? null
            : Math.round(h.median() / p.median() * 1000) / 1000.0);
      }
      out.put(server, r);
    });
    return out;
  }

  /** One row per figure: {@code median (min-max, spread%)} per server, then the ratios. */
  public String table() {
    Map<String, Map<String, Spread>> sum = summary();
    List<String> servers = new ArrayList<>(sum.keySet());
    List<String[]> rows = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of("figure"));
    head.addAll(servers);
    rows.add(head.toArray(String[]::new));
    for (String key : keys(scenario)) {
      if (servers.stream().noneMatch(s -> sum.get(s).containsKey(key))) {
        continue;
      }
      List<String> row = new ArrayList<>(List.of(key));
      for (String s : servers) {
        Spread sp = sum.get(s).get(key);
        row.add(sp == null ? "-" : sp.toString());
      }
      rows.add(row.toArray(String[]::new));
    }
    StringBuilder sb = new StringBuilder(Report.align(rows, 0));
    rounds.forEach((server, list) -> list.stream().filter(r -> r.get("error") != null)
        .forEach(r -> sb.append(server).append(": ").append(r.get("error")).append('\n')));
    ratios().forEach((peer, m) -> {
      sb.append("herald / ").append(peer).append(" (medians):");
      m.forEach((k, v) -> {
        if (v != null && !k.equals("otherCpuPct") && !k.equals("stealCpuPct") && !k.equals("load1Before")) {
          sb.append(' ').append(k).append(' ').append(Report.ratio(v));
        }
      });
      sb.append('\n');
    });
    return sb.toString();
  }

  /**
   * One Markdown table, a row per figure and a column per server ({@code median (min-max,
   * spread%)}), then the herald / peer ratios of the medians: what docs/benchmarks.md quotes.
   */
  public String markdown() {
    Map<String, Map<String, Spread>> sum = summary();
    List<String> servers = new ArrayList<>(sum.keySet());
    StringBuilder sb = new StringBuilder("| figure | ").append(String.join(" | ", servers))
        .append(" |\n| ---").append(" | ---:".repeat(servers.size())).append(" |\n");
    for (String key : keys(scenario)) {
      if (servers.stream().noneMatch(s -> sum.get(s).containsKey(key))) {
        continue;
      }
      sb.append("| `").append(key).append("` |");
      for (String s : servers) {
        Spread sp = sum.get(s).get(key);
        sb.append(' ').append(sp == null ? "-" : sp.toString()).append(" |");
      }
      sb.append('\n');
    }
    ratios().forEach((peer, m) -> {
      List<String> parts = new ArrayList<>();
      m.forEach((k, v) -> {
        if (v != null && !k.equals("otherCpuPct") && !k.equals("stealCpuPct") && !k.equals("load1Before")) {
          parts.add("`" + k + "` " + Report.ratio(v));
        }
      });
      sb.append("\nherald / ").append(peer).append(" (medians): ").append(String.join(", ", parts)).append('\n');
    });
    return sb.toString();
  }

  /** For the JSON report: {@code summary} (spreads as maps), {@code ratios}, {@code rounds}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> sum = new LinkedHashMap<>();
    summary().forEach((server, fig) -> {
      Map<String, Object> f = new LinkedHashMap<>();
      fig.forEach((k, v) -> f.put(k, v.toMap()));
      sum.put(server, f);
    });
    m.put("summary", sum);
    m.put("ratios", ratios());
    Map<String, Object> raw = new LinkedHashMap<>();
    rounds.forEach((server, list) -> raw.put(server, list.stream().map(Result::fields).toList()));
    m.put("rounds", raw);
    return m;
  }
}
