package io.herald.metrics;

/** Histogram bucket bounds, in seconds. */
final class Buckets {

  /**
   * Fan-out latency: from the node receiving a publication to the end of a loop's writes; well
   * under a millisecond when idle, tens of milliseconds when a loop is saturated.
   */
  static final double[] DELIVERY = {
    0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
    2.5
  };

  /** Commands, API calls and engine calls: microseconds in memory, milliseconds over a network. */
  static final double[] CALL = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
    10
  };

  /** Proxy calls go to an application backend: milliseconds to many seconds (AI streams). */
  static final double[] PROXY = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
  };

  private Buckets() {}
}
