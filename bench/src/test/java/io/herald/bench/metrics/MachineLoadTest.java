package io.herald.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MachineLoadTest {

  @Test
  void busyStealAndOtherWorkFromTwoProcStatReadings() {
    MachineLoad a = MachineLoad.parse(1.5, "cpu  100 0 50 1000 10 0 0 5 0 0", 0);
    // one second later: 150 busy ticks of 200 (two cores), 20 of them stolen
    MachineLoad b = MachineLoad.parse(2.5, "cpu  200 0 80 1050 10 0 0 25 0 0", 1_000_000_000L);
    assertThat(a.busyPercentUntil(b)).isEqualTo(150.0);
    assertThat(a.stealPercentUntil(b)).isEqualTo(20.0);
    Map<String, Object> r = new LinkedHashMap<>();
    a.put(r::put, b, 100.0);
    assertThat(r).containsEntry("load1Before", 1.5).containsEntry("load1After", 2.5)
        .containsEntry("otherCpuPct", 50.0);
  }

  @Test
  void readsThisMachine() {
    MachineLoad now = MachineLoad.now();
    assertThat(now.nanos()).isPositive();
  }
}
