package io.herald.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.bench.scenario.FanoutScenario;
import io.herald.bench.scenario.Result;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

  @Test
  void tableRatiosAndJson() {
    FanoutScenario s =
        new FanoutScenario(false, 10, 100, Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1),
            64, FanoutScenario.Via.API, 1, 10, Duration.ofSeconds(1));
    Result herald = new Result("herald").put("deliveriesPerSec", 900.0).put("p50Ms", 2.0).put("p99Ms", 4.0);
    Result bare = new Result("bare").put("deliveriesPerSec", 1000.0).put("p50Ms", 1.0).put("p99Ms", 0.0);
    Report report = new Report(s, Map.of("cores", 2), List.of(herald, bare));

    assertThat(report.ratios().get("bare")).containsEntry("deliveriesPerSec", 0.9).containsEntry("p50Ms", 2.0)
        .containsEntry("p99Ms", null);
    assertThat(report.table()).contains("herald").contains("vs bare: deliveriesPerSec 0.90x p50Ms 2.00x");
    assertThat(report.json())
        .startsWith("{\"scenario\":\"fanout\",")
        .contains("\"results\":[{\"server\":\"herald\",\"deliveriesPerSec\":900.0,\"p50Ms\":2.0")
        .doesNotContain("\n");
  }
}
