package io.herald.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.bench.scenario.Result;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

  @TempDir Path dir;

  @Test
  void aFanoutRunGetsALatencyAndAThroughputPanel() throws Exception {
    List<Result> results = List.of(
        new Result("herald").put("p50Ms", 1.2).put("p99Ms", 4.0).put("p999Ms", 9.0)
            .put("deliveriesPerSec", 100_000.0),
        new Result("nats").put("p50Ms", 1.0).put("p99Ms", 6.0).put("p999Ms", 12.0)
            .put("deliveriesPerSec", 99_000.0));
    Path png = dir.resolve("fanout.png");
    assertThat(Charts.write("fanout", "fanout", results, png)).isTrue();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(2 * 640);
    assertThat(image.getHeight()).isEqualTo(420);
  }

  @Test
  void anIdleRunIsDrawnFromItsMemoryFigures() throws Exception {
    Path png = dir.resolve("idle.png");
    assertThat(Charts.write("idle", "idle",
        List.of(new Result("herald").put("bytesPerConnection", 6000L)), png)).isTrue();
    assertThat(ImageIO.read(png.toFile())).isNotNull();
  }

  @Test
  void nothingIsWrittenWithoutFigures() throws Exception {
    Path png = dir.resolve("none.png");
    assertThat(Charts.write("fanout", "fanout",
        List.of(new Result("herald").put("error", "down")), png)).isFalse();
    assertThat(Charts.write("stream", "stream", List.of(), png)).isFalse();
    assertThat(png).doesNotExist();
  }
}
