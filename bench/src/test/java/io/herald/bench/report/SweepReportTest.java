package io.herald.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.bench.scenario.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepReportTest {

  @TempDir Path dir;

  private static Result step(double p50, double p99, long lost) {
    return new Result("x").put("p50Ms", p50).put("p99Ms", p99).put("lost", lost)
        .put("publishErrors", 0L).put("failed", 0).put("deliveriesPerSec", 1000.0);
  }

  private static SweepReport report() {
    Map<String, List<SweepReport.Step>> steps = new LinkedHashMap<>();
    steps.put("herald", List.of(
        new SweepReport.Step(100, step(1, 10, 0), null, 1),
        new SweepReport.Step(200, step(2, 80, 0), SweepReport.verdict(step(2, 80, 0), 50), 1),
        new SweepReport.Step(200, step(2, 20, 0), null, 2),
        new SweepReport.Step(400, step(30, 900, 7), SweepReport.verdict(step(30, 900, 7), 50), 1)));
    steps.put("bare", List.of(
        new SweepReport.Step(100, step(1, 5, 0), null, 1),
        new SweepReport.Step(200, step(1, 6, 0), null, 1),
        new SweepReport.Step(400, step(1, 8, 0), null, 1)));
    steps.put("nats", List.of(new SweepReport.Step(100, step(1, 60, 0), "p99", 1)));
    return new SweepReport(steps, 50, "publishes/s");
  }

  @Test
  void aStepIsHeldWithinTheBoundWithNothingLostOrFailed() {
    assertThat(SweepReport.verdict(step(1, 49.9, 0), 50)).isNull();
    assertThat(SweepReport.verdict(step(1, 50.1, 0), 50)).isEqualTo("p99 50.10 ms > 50.00 ms");
    assertThat(SweepReport.verdict(step(1, 10, 3), 50)).isEqualTo("lost 3");
    assertThat(SweepReport.verdict(step(1, 10, 0).put("errors", 2L), 50)).isEqualTo("errors 2");
    assertThat(SweepReport.verdict(new Result("x").put("error", "down"), 50)).isEqualTo("error: down");
    assertThat(SweepReport.verdict(new Result("x").put("lost", 0L), 50)).isEqualTo("no p99");
  }

  @Test
  void highestRateHeldCountsARetryThatHeldAndRatiosCompareHeraldToEachPeer() {
    SweepReport r = report();
    assertThat(r.highestHeld()).containsEntry("herald", 200.0).containsEntry("bare", 400.0)
        .containsEntry("nats", 0.0);
    assertThat(r.ratios()).containsEntry("bare", 0.5).containsEntry("nats", null);
    String table = r.table(List.of("p99Ms"), List.of("p99 ms"));
    assertThat(table).contains("200 (retry)").contains("no: lost 7, p99 900.0 ms > 50.00 ms")
        .contains("herald 200 publishes/s").contains("nats none").contains("vs bare 0.50x");
    assertThat(r.toMap()).containsKeys("p99BoundMs", "highestHeld", "ratios", "steps");
    assertThat(r.markdown(List.of("p99Ms"), List.of("p99 ms")))
        .startsWith("| server | publishes/s | p99 ms | held |\n| --- | ---: | ---: | --- |\n")
        .contains("| herald | 200 (retry) | 20.00 | yes |")
        .contains("herald 200, bare 400, nats none publishes/s");
  }

  @Test
  void refinementStepsAreOrderedByRateMarkedAndCountTowardsTheHighestRateHeld() {
    Map<String, List<SweepReport.Step>> steps = new LinkedHashMap<>();
    steps.put("herald", List.of(
        new SweepReport.Step(50, step(1, 10, 0), null, 1),
        new SweepReport.Step(100, step(2, 80, 0), "p99", 1),
        new SweepReport.Step(100, step(2, 70, 0), "p99", 2),
        new SweepReport.Step(71, step(2, 20, 0), null, 1, true),
        new SweepReport.Step(84, step(2, 60, 0), "p99", 1, true),
        new SweepReport.Step(84, step(2, 30, 0), null, 2, true)));
    steps.put("bare", List.of(new SweepReport.Step(50, step(1, 5, 0), null, 1),
        new SweepReport.Step(100, step(1, 6, 0), null, 1)));
    SweepReport r = new SweepReport(steps, 50, "publishes/s");
    assertThat(r.steps().get("herald")).extracting(SweepReport.Step::rate)
        .containsExactly(50.0, 71.0, 84.0, 84.0, 100.0, 100.0);
    assertThat(r.steps().get("herald")).extracting(SweepReport.Step::attempt)
        .containsExactly(1, 1, 1, 2, 1, 2);
    assertThat(r.highestHeld()).containsEntry("herald", 84.0).containsEntry("bare", 100.0);
    assertThat(r.ratios()).containsEntry("bare", 0.84);
    assertThat(r.table(List.of("p99Ms"), List.of("p99 ms"))).contains("71 (refined)")
        .contains("84 (refined, retry)").contains("100 (retry)").contains("herald 84 publishes/s");
    assertThat(r.markdown(List.of("p99Ms"), List.of("p99 ms"))).contains("| herald | 71 (refined) | 20.00 | yes |");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> json = (List<Map<String, Object>>)
        ((Map<String, Object>) r.toMap().get("steps")).get("herald");
    assertThat(json).extracting(m -> m.get("refined")).containsExactly(false, true, true, true, false, false);
    assertThat(SweepChart.points(r).get("herald")).extracting(SweepChart.Point::rate)
        .containsExactly(50.0, 71.0, 84.0, 100.0);
  }

  @Test
  void theChartIsAnSvgWithOneP99AndOneP50LinePerServerAndAPng() throws Exception {
    List<Path> files = SweepChart.write(report(), "sweep fanout", "publishes/s", 50, dir.resolve("sweep-fanout"));
    assertThat(files).extracting(p -> p.getFileName().toString())
        .containsExactly("sweep-fanout.svg", "sweep-fanout.png");
    var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(files.get(0).toFile());
    assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(6);
    assertThat(Files.readString(files.get(0))).contains("p99 bound 50 ms").contains("herald p99")
        .doesNotContain("http://fonts").doesNotContain("@import");
    assertThat(ImageIO.read(files.get(1).toFile()).getWidth()).isEqualTo(780);
  }

  @Test
  void logTicksAreOneTwoFiveOrDecades() {
    assertThat(SweepChart.ticks(40, 600)).containsExactly(50.0, 100.0, 200.0, 500.0);
    assertThat(SweepChart.ticks(0.05, 5000)).containsExactly(0.1, 1.0, 10.0, 100.0, 1000.0);
    assertThat(SweepChart.label(0.2)).isEqualTo("0.2");
    assertThat(SweepChart.label(14000)).isEqualTo("14,000");
  }
}
