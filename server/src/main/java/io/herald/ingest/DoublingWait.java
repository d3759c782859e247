package io.herald.ingest;

/**
 * How long a source waits before it tries again after a failure (a broker it cannot reach, a
 * consumer that broke): 100 ms, doubling with every failure up to 10 s. Each source keeps its own
 * and uses it from one thread at a time.
 */
final class DoublingWait {

  static final long FIRST_MILLIS = 100;
  static final long MAX_MILLIS = 10_000;

  private long millis = FIRST_MILLIS;

  /** The wait before the next try; the one after it is twice as long, up to 10 s. */
  long next() {
    long wait = millis;
    millis = Math.min(MAX_MILLIS, millis * 2);
    return wait;
  }

  /** A try worked: the next failure waits 100 ms again. */
  void reset() {
    millis = FIRST_MILLIS;
  }
}
