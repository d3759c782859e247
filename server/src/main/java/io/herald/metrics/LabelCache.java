package io.herald.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The data point of one label value, created once and then found without allocating: the
 * Prometheus client's own {@code labelValues(...)} builds a varargs array and a list key on every
 * call, too much for a per-message path. Thread-safe; the label values must be a bounded set.
 */
final class LabelCache<T> {

  private final ConcurrentHashMap<String, T> points = new ConcurrentHashMap<>();
  private final Function<String, T> create;

  LabelCache(Function<String, T> create) {
    this.create = create;
  }

  T get(String label) {
    T point = points.get(label);
    return point != null ? point : points.computeIfAbsent(label, create);
  }
}
