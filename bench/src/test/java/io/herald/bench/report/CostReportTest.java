package io.herald.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.bench.scenario.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostReportTest {

  @Test
  void spreadIsMedianMinMaxAndTheirDistanceOverTheMedian() {
    Spread s = Spread.of(List.of(3.0, 1.0, 2.0, Double.NaN));
    assertThat(s).isEqualTo(new Spread(2.0, 1.0, 3.0, 3));
    assertThat(s.spreadPct()).isEqualTo(100.0);
    assertThat(s.toString()).isEqualTo("2.00 (1.00-3.00, 100%)");
    assertThat(Spread.of(List.of(1.0, 4.0)).median()).isEqualTo(2.5);
    assertThat(Spread.of(List.of(Double.NaN))).isNull();
  }

  @Test
  void mediansPerServerAndHeraldOverPeerRatios() {
    Map<String, List<Result>> rounds = new LinkedHashMap<>();
    rounds.put("herald", List.of(cost(4), cost(6), cost(5)));
    rounds.put("nats", List.of(cost(2), cost(2.5), cost(3)));
    CostReport r = new CostReport("fanout", rounds);
    assertThat(r.summary().get("herald").get("cpuMicrosPerDelivery").median()).isEqualTo(5.0);
    assertThat(r.ratios().get("nats")).containsEntry("cpuMicrosPerDelivery", 2.0);
    assertThat(r.table()).contains("5.00 (4.00-6.00, 40%)")
        .contains("herald / nats (medians): cpuMicrosPerDelivery 2.00x");
    assertThat(r.toMap()).containsKeys("summary", "ratios", "rounds");
    assertThat(r.markdown()).startsWith("| figure | herald | nats |\n| --- | ---: | ---: |\n")
        .contains("| `cpuMicrosPerDelivery` | 5.00 (4.00-6.00, 40%) | 2.50 (2.00-3.00, 40%) |")
        .contains("herald / nats (medians): `cpuMicrosPerDelivery` 2.00x");
  }

  private static Result cost(double micros) {
    return new Result("x").put("cpuMicrosPerDelivery", micros).put("otherCpuPct", 50.0);
  }
}
