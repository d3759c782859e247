package io.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.bench.report.SweepChart;
import io.herald.bench.report.SweepReport;
import io.herald.bench.scenario.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chart RESULT_JSON}: draws a sweep's chart (SVG and PNG) again from the {@code
 * result.json} it wrote, e.g. into docs/img, without measuring anything.
 */
@Command(
    name = "chart",
    mixinStandardHelpOptions = true,
    description = "Draw a sweep's chart again from its result.json (SVG and PNG).")
final class ChartCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "a sweep's result.json")
  Path result;

  @Option(names = "--out", description = "Path of the charts without extension (default: sweep-SCENARIO next to the JSON).")
  Path out;

  @Override
  public Integer call() throws Exception {
    JsonNode root = new ObjectMapper().readTree(result.toFile());
    if (!"sweep".equals(root.path("command").asText())) {
      System.err.println(result + " is not the result of a sweep");
      return 2;
    }
    String scenario = root.path("scenario").asText();
    SweepReport report = report(root);
    String xLabel = scenario.equals("connect") ? "offered connections per second"
        : "offered publishes per second" + (scenario.equals("fanout") ? " (x subscribers = deliveries/s)" : "");
    Path base = out != null ? out : result.resolveSibling("sweep-" + scenario);
    for (Path p : SweepChart.write(report, "sweep " + scenario + ": latency by offered rate", xLabel,
        root.path("sweep").path("p99BoundMs").asDouble(), base)) {
      System.out.println("chart: " + p);
    }
    return 0;
  }

  /** The sweep's steps read back from its JSON. */
  static SweepReport report(JsonNode root) {
    Map<String, List<SweepReport.Step>> steps = new LinkedHashMap<>();
    root.path("sweep").path("steps").properties().forEach(e -> {
      List<SweepReport.Step> list = new ArrayList<>();
      for (JsonNode s : e.getValue()) {
        Result r = new Result(e.getKey());
        s.properties().forEach(f -> {
          JsonNode v = f.getValue();
          r.put(f.getKey(), v.isNumber() ? (Object) v.doubleValue() : v.isTextual() ? v.asText() : v.toString());
        });
        list.add(new SweepReport.Step(s.path("rate").asDouble(), r,
            s.path("held").asBoolean() ? null : s.path("why").asText(), s.path("attempt").asInt(1),
            s.path("refined").asBoolean(false)));
      }
      steps.put(e.getKey(), list);
    });
    String scenario = root.path("scenario").asText();
    return new SweepReport(steps, root.path("sweep").path("p99BoundMs").asDouble(),
        scenario.equals("connect") ? "connections/s" : "publishes/s");
  }
}
