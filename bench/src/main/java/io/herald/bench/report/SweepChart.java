package io.herald.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of a sweep: offered rate on x, latency on a logarithmic y axis, one colour per
 * server, p99 as a solid line and p50 dashed, the p99 bound as a horizontal line; a step the
 * server did not hold is drawn as a hollow point. Written as SVG (drawn here, plain text with
 * the generic {@code sans-serif} font, nothing fetched) and as PNG (XChart, headless). Both axes
 * are logarithmic: the rates of a sweep grow geometrically.
 */
public final class SweepChart {

  private static final int W = 780;
  private static final int H = 470;
  private static final int LEFT = 70;
  private static final int RIGHT = 140;
  private static final int TOP = 40;
  private static final int BOTTOM = 55;
  private static final String[] COLOURS = {
    "#1f77b4", "#7f7f7f", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"
  };

  /** One plotted point: rate, p50 and p99 in ms, whether the step was held. */
  record Point(double rate, double p50, double p99, boolean held) {}

  private SweepChart() {}

  /**
   * The points of each server: one per rate (a retried rate shows its held attempt, else its
   * last), steps without a p99 left out.
   */
  static Map<String, List<Point>> points(SweepReport report) {
    Map<String, List<Point>> out = new java.util.LinkedHashMap<>();
    report.steps().forEach((server, steps) -> {
      TreeMap<Double, SweepReport.Step> byRate = new TreeMap<>();
      for (SweepReport.Step s : steps) {
        SweepReport.Step prev = byRate.get(s.rate());
        if (prev == null || !prev.held()) {
          byRate.put(s.rate(), s);
        }
      }
      List<Point> pts = new ArrayList<>();
      byRate.values().forEach(s -> {
        double p99 = s.result().number("p99Ms");
        double p50 = s.result().number("p50Ms");
        if (!Double.isNaN(p99) && p99 > 0) {
          pts.add(new Point(s.rate(), Double.isNaN(p50) || p50 <= 0 ? p99 : p50, p99, s.held()));
        }
      });
      out.put(server, pts);
    });
    return out;
  }

  /**
   * Writes {@code base}.svg and {@code base}.png.
   *
   * @return the files written (none when no server has a point)
   */
  public static List<Path> write(SweepReport report, String title, String xLabel, double boundMs,
      Path base) throws IOException {
    Map<String, List<Point>> pts = points(report);
    if (pts.values().stream().allMatch(List::isEmpty)) {
      return List.of();
    }
    Path svg = base.resolveSibling(base.getFileName() + ".svg");
    Files.writeString(svg, svg(pts, title, xLabel, boundMs));
    Path png = base.resolveSibling(base.getFileName() + ".png");
    System.setProperty("java.awt.headless", "true");
    BitmapEncoder.saveBitmap(xchart(pts, title, xLabel, boundMs), png.toString(),
        BitmapEncoder.BitmapFormat.PNG);
    return List.of(svg, png);
  }

  /** The SVG document. */
  static String svg(Map<String, List<Point>> pts, String title, String xLabel, double boundMs) {
    double[] xr = range(pts, true, boundMs);
    double[] yr = range(pts, false, boundMs);
    Axis x = new Axis(xr[0], xr[1], LEFT, W - RIGHT);
    Axis y = new Axis(yr[0], yr[1], H - BOTTOM, TOP);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            + "font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
    sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, H));
    sb.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", LEFT, esc(title)));
    for (double t : ticks(xr[0], xr[1])) {
      double px = x.at(t);
      sb.append(line(px, y.at(yr[0]), px, y.at(yr[1]), "#e6e6e6", 1, null));
      sb.append(text(px, H - BOTTOM + 18, label(t), "middle"));
    }
    for (double t : ticks(yr[0], yr[1])) {
      double py = y.at(t);
      sb.append(line(x.at(xr[0]), py, x.at(xr[1]), py, "#e6e6e6", 1, null));
      sb.append(text(LEFT - 6, py + 4, label(t), "end"));
    }
    sb.append(String.format(Locale.ROOT,
        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n",
        LEFT, TOP, W - RIGHT - LEFT, H - BOTTOM - TOP));
    sb.append(text((LEFT + W - RIGHT) / 2.0, H - 14, esc(xLabel) + " (log scale)", "middle"));
    sb.append(String.format(Locale.ROOT,
        "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">"
            + "latency, ms (log scale)</text>%n", (TOP + H - BOTTOM) / 2.0, (TOP + H - BOTTOM) / 2.0));
    double by = y.at(boundMs);
    sb.append(line(x.at(xr[0]), by, x.at(xr[1]), by, "#d62728", 1.2, "6 3"));
    sb.append(String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" fill=\"#d62728\" text-anchor=\"end\">p99 bound %s ms</text>%n",
        x.at(xr[1]) - 4, by - 4, label(boundMs)));
    int i = 0;
    int ly = TOP + 10;
    for (Map.Entry<String, List<Point>> e : pts.entrySet()) {
      String c = COLOURS[i++ % COLOURS.length];
      List<Point> p = e.getValue();
      sb.append(polyline(p, x, y, true, c, null));
      sb.append(polyline(p, x, y, false, c, "5 4"));
      for (Point q : p) {
        sb.append(String.format(Locale.ROOT,
            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
            x.at(q.rate()), y.at(q.p99()), q.held() ? c : "white", c));
        sb.append(String.format(Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"5\" height=\"5\" fill=\"%s\"/>%n",
            x.at(q.rate()) - 2.5, y.at(q.p50()) - 2.5, c));
      }
      double lx = W - RIGHT + 14;
      sb.append(line(lx, ly, lx + 24, ly, c, 2, null));
      sb.append(text(lx + 30, ly + 4, esc(e.getKey()) + " p99", "start"));
      sb.append(line(lx, ly + 18, lx + 24, ly + 18, c, 1.5, "5 4"));
      sb.append(text(lx + 30, ly + 22, esc(e.getKey()) + " p50", "start"));
      ly += 44;
    }
    sb.append(text(W - RIGHT + 14, ly + 4, "hollow: not held", "start"));
    sb.append("</svg>\n");
    return sb.toString();
  }

  private static String polyline(List<Point> p, Axis x, Axis y, boolean p99, String colour, String dash) {
    if (p.isEmpty()) {
      return "";
    }
    StringBuilder pts = new StringBuilder();
    for (Point q : p) {
      pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.at(q.rate()), y.at(p99 ? q.p99() : q.p50())));
    }
    return String.format(Locale.ROOT,
        "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s/>%n",
        pts.toString().trim(), colour, p99 ? "2" : "1.5",
        dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
  }

  private static String line(double x1, double y1, double x2, double y2, String c, double w, String dash) {
    return String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%s\"%s/>%n",
        x1, y1, x2, y2, c, w, dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
  }

  private static String text(double x, double y, String s, String anchor) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n",
        x, y, anchor, s);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** {min, max} of the axis, padded, on a log scale. */
  static double[] range(Map<String, List<Point>> pts, boolean rate, double boundMs) {
    double lo = rate ? Double.MAX_VALUE : boundMs;
    double hi = rate ? 0 : boundMs;
    for (List<Point> list : pts.values()) {
      for (Point p : list) {
        lo = Math.min(lo, rate ? p.rate() : p.p50());
        hi = Math.max(hi, rate ? p.rate() : p.p99());
      }
    }
    if (hi <= lo) {
      hi = lo * 10;
    }
    return new double[] {lo / 1.25, hi * 1.25};
  }

  /** Tick values in [lo, hi]: 1, 2, 5 times powers of ten, or decades only over a wide range. */
  static List<Double> ticks(double lo, double hi) {
    List<Double> out = new ArrayList<>();
    boolean wide = Math.log10(hi / lo) > 4;
    for (int e = (int) Math.floor(Math.log10(lo)); e <= (int) Math.ceil(Math.log10(hi)); e++) {
      for (double m : wide ? new double[] {1} : new double[] {1, 2, 5}) {
        double v = m * Math.pow(10, e);
        if (v >= lo && v <= hi) {
          out.add(v);
        }
      }
    }
    return out;
  }

  static String label(double v) {
    if (v >= 1) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return Double.toString(Math.round(v * 1000) / 1000.0);
  }

  /** A logarithmic mapping from values to pixels. */
  private record Axis(double lo, double hi, double from, double to) {
    double at(double v) {
      double f = (Math.log(Math.max(v, lo)) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
      return from + f * (to - from);
    }
  }

  private static XYChart xchart(Map<String, List<Point>> pts, String title, String xLabel, double boundMs) {
    XYChart chart = new XYChartBuilder().width(W).height(H).title(title)
        .xAxisTitle(xLabel + " (log scale)").yAxisTitle("latency, ms (log scale)").build();
    Styler s = chart.getStyler();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setChartTitleFont(s.getChartTitleFont().deriveFont(14f));
    double[] xr = range(pts, true, boundMs);
    double[] yr = range(pts, false, boundMs);
    chart.getStyler().setYAxisMin(yr[0]);
    chart.getStyler().setYAxisMax(yr[1]);
    int i = 0;
    for (Map.Entry<String, List<Point>> e : pts.entrySet()) {
      List<Point> p = e.getValue();
      if (p.isEmpty()) {
        i++;
        continue;
      }
      Color c = Color.decode(COLOURS[i++ % COLOURS.length]);
      double[] xs = p.stream().mapToDouble(Point::rate).toArray();
      XYSeries p99 = chart.addSeries(e.getKey() + " p99", xs, p.stream().mapToDouble(Point::p99).toArray());
      p99.setLineColor(c);
      p99.setMarkerColor(c);
      p99.setMarker(SeriesMarkers.CIRCLE);
      XYSeries p50 = chart.addSeries(e.getKey() + " p50", xs, p.stream().mapToDouble(Point::p50).toArray());
      p50.setLineColor(c);
      p50.setMarkerColor(c);
      p50.setMarker(SeriesMarkers.SQUARE);
      p50.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
          new float[] {6f, 4f}, 0f));
    }
    XYSeries bound = chart.addSeries("p99 bound", new double[] {xr[0], xr[1]}, new double[] {boundMs, boundMs});
    bound.setLineColor(Color.decode("#d62728"));
    bound.setMarker(SeriesMarkers.NONE);
    bound.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
        new float[] {6f, 3f}, 0f));
    return chart;
  }
}
