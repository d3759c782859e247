package io.herald.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The data point of one pair of label values, created once and then found without allocating:
 * {@link LabelCache} for metrics with two labels (engine and operation; method and status), on
 * paths taken once per publish or API request. Thread-safe; both label values must come from
 * bounded sets.
 */
final class LabelPairCache<T> {

  private final ConcurrentHashMap<String, ConcurrentHashMap<String, T>> points =
      new ConcurrentHashMap<>();
  private final BiFunction<String, String, T> create;

  LabelPairCache(BiFunction<String, String, T> create) {
    this.create = create;
  }

  T get(String first, String second) {
    ConcurrentHashMap<String, T> inner = points.get(first);
    if (inner == null) {
      inner = points.computeIfAbsent(first, k -> new ConcurrentHashMap<>());
    }
    T point = inner.get(second);
    return point != null ? point : inner.computeIfAbsent(second, k -> create.apply(first, k));
  }

  /**
   * An HTTP status as label text without allocating for the usual ones (100-599, made once);
   * other values are formatted per call.
   */
  static String status(int code) {
    return code >= 100 && code < 600 ? STATUS[code - 100] : Integer.toString(code);
  }

  private static final String[] STATUS = new String[500];

  static {
    for (int i = 0; i < STATUS.length; i++) {
      STATUS[i] = Integer.toString(100 + i);
    }
  }
}
