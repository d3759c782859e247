package io.herald.bench.scenario;

import org.HdrHistogram.Histogram;

/** Percentiles of a microsecond histogram, in milliseconds. */
final class Latency {

  private Latency() {}

  static void put(Result r, String prefix, Histogram micros) {
    if (micros.getTotalCount() == 0) {
      r.put(prefix + "p50Ms", null);
      r.put(prefix + "p99Ms", null);
      r.put(prefix + "p999Ms", null);
      r.put(prefix + "maxMs", null);
      return;
    }
    r.put(prefix + "p50Ms", micros.getValueAtPercentile(50) / 1000.0);
    r.put(prefix + "p99Ms", micros.getValueAtPercentile(99) / 1000.0);
    r.put(prefix + "p999Ms", micros.getValueAtPercentile(99.9) / 1000.0);
    r.put(prefix + "maxMs", micros.getMaxValue() / 1000.0);
  }
}
