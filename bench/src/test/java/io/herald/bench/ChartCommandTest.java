package io.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.bench.report.SweepReport;
import io.herald.bench.scenario.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartCommandTest {

  @Test
  void aSweepIsReadBackFromItsJson() throws Exception {
    Map<String, List<SweepReport.Step>> steps = new LinkedHashMap<>();
    steps.put("herald", List.of(
        new SweepReport.Step(10, new Result("herald").put("p99Ms", 5.0).put("p50Ms", 1.0), null, 1),
        new SweepReport.Step(20, new Result("herald").put("p99Ms", 90.0), "p99", 1),
        new SweepReport.Step(14, new Result("herald").put("p99Ms", 30.0), null, 1, true)));
    steps.put("nats", List.of(new SweepReport.Step(10, new Result("nats").put("p99Ms", 4.0), null, 1)));
    SweepReport sweep = new SweepReport(steps, 50, "publishes/s");
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("command", "sweep");
    root.put("scenario", "fanout");
    root.put("sweep", sweep.toMap());
    ObjectMapper json = new ObjectMapper();

    SweepReport back = ChartCommand.report(json.readTree(json.writeValueAsString(root)));

    assertThat(back.highestHeld()).isEqualTo(sweep.highestHeld());
    assertThat(back.highestHeld()).containsEntry("herald", 14.0);
    assertThat(back.steps().get("herald")).extracting(SweepReport.Step::refined).containsExactly(false, true, false);
    assertThat(back.steps().get("herald").get(2).why()).isEqualTo("p99");
    assertThat(back.steps().get("herald").get(0).result().number("p50Ms")).isEqualTo(1.0);
  }
}
