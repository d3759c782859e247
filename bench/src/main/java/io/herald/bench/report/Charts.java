package io.herald.bench.report;

import io.herald.bench.scenario.Result;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Draws one PNG per run: the scenario's headline figures as grouped bars, one group per server,
 * side by side (latency percentiles and throughput for {@code fanout} and {@code channels},
 * memory and idle CPU for {@code idle}, rate and latency for {@code connect}). Runs headless.
 */
public final class Charts {

  private static final int WIDTH = 640;
  private static final int HEIGHT = 420;

  /** One chart of a PNG: which result fields it shows, and how they are labelled. */
  record Panel(String title, String unit, List<String> keys, List<String> labels) {}

  private Charts() {}

  /** The panels drawn for {@code scenario}; empty when it has no chart. */
  static List<Panel> panels(String scenario) {
    return switch (scenario) {
      case "fanout", "channels" -> List.of(
          new Panel("Delivery latency", "ms", List.of("p50Ms", "p99Ms", "p999Ms"),
              List.of("p50", "p99", "p99.9")),
          new Panel("Deliveries per second", "deliveries/s", List.of("deliveriesPerSec"),
              List.of("deliveries/s")));
      case "idle" -> List.of(
          new Panel("Memory per idle connection", "bytes",
              List.of("bytesPerConnection", "rssAfterGcBytesPerConnection",
                  "heapBytesPerConnection"),
              List.of("RSS growth", "RSS after GC", "heap after GC")),
          new Panel("Server CPU while idle", "% of one core", List.of("idleCpuPct"),
              List.of("idle CPU")));
      case "connect" -> List.of(
          new Panel("Handshakes per second", "handshakes/s", List.of("handshakesPerSec"),
              List.of("handshakes/s")),
          new Panel("Handshake latency", "ms", List.of("p50Ms", "p99Ms"),
              List.of("p50", "p99")));
      default -> List.of();
    };
  }

  /**
   * Writes {@code file} for {@code results} of {@code scenario} ({@code title} on top of each
   * panel); does nothing when the scenario has no chart or no server has a figure.
   *
   * @return whether a PNG was written
   */
  public static boolean write(String scenario, String title, List<Result> results, Path file)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<Panel> panels = panels(scenario);
    List<Result> drawn = results.stream()
        .filter(r -> panels.stream().anyMatch(p -> p.keys().stream()
            .anyMatch(k -> !Double.isNaN(r.number(k)))))
        .toList();
    if (panels.isEmpty() || drawn.isEmpty()) {
      return false;
    }
    BufferedImage out =
        new BufferedImage(WIDTH * panels.size(), HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    for (int i = 0; i < panels.size(); i++) {
      g.drawImage(BitmapEncoder.getBufferedImage(chart(panels.get(i), title, drawn)),
          i * WIDTH, 0, null);
    }
    g.dispose();
    ImageIO.write(out, "png", file.toFile());
    return true;
  }

  private static CategoryChart chart(Panel panel, String title, List<Result> results) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title(panel.title() + " (" + title + ")").yAxisTitle(panel.unit()).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setLegendVisible(panel.keys().size() > 1);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(13f));
    List<String> servers = results.stream().map(Result::server).toList();
    for (int k = 0; k < panel.keys().size(); k++) {
      List<Double> values = new ArrayList<>();
      for (Result r : results) {
        double v = r.number(panel.keys().get(k));
        values.add(Double.isNaN(v) ? 0.0 : v);
      }
      chart.addSeries(panel.labels().get(k), servers, values);
    }
    return chart;
  }
}
