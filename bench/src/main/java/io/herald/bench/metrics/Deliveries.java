package io.herald.bench.metrics;

import io.herald.bench.client.ConnectionSet;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts deliveries and records their end-to-end latency: receive {@code System.nanoTime()} minus
 * the send time carried in the payload, in microseconds, into an HdrHistogram.
 *
 * <p>Coordinated omission: the corrected histogram ({@link #histogram()}) is what {@code
 * recordValueWithExpectedInterval} would have recorded, with the interval at which one subscriber
 * expects messages (publish interval times the number of channels): a stall longer than that
 * interval also counts the deliveries that would have been measured during it. The correction is
 * applied once at the end ({@code copyCorrectedForCoordinatedOmission}, the same arithmetic), not
 * per delivery: per delivery it costs latency / interval extra recordings, and once the server
 * falls behind (latency in seconds, interval in milliseconds) that work starves the generator's
 * own event loops, which delays reading further: a spiral that measured the generator, not the
 * server. {@link #rawHistogram()} keeps the uncorrected values.
 *
 * <p>Publishes are sent on a fixed schedule and never wait for the server (open model); only
 * publishes sent at or after {@link #measureFrom} count, the earlier ones are warm-up.
 *
 * <p>Thread-safe: every client event loop records concurrently (wait-free {@link Recorder}).
 */
public final class Deliveries implements ConnectionSet.Sink {

  /** Largest latency recorded; longer ones are clamped to it (1 hour). */
  public static final long MAX_MICROS = 3_600_000_000L;

  private final Recorder recorder = new Recorder(MAX_MICROS, 3);
  private final LongAdder measured = new LongAdder();
  private final LongAdder warmup = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAccumulator lastNanos = new LongAccumulator(Math::max, Long.MIN_VALUE);
  private final long expectedIntervalMicros;
  private volatile long measureFrom = Long.MAX_VALUE;

  /** @param expectedIntervalMicros how often one subscriber gets a message, in microseconds */
  public Deliveries(long expectedIntervalMicros) {
    this.expectedIntervalMicros = Math.max(1, expectedIntervalMicros);
  }

  /** Deliveries of payloads sent at or after {@code nanos} are measured from now on. */
  public void measureFrom(long nanos) {
    measureFrom = nanos;
  }

  @Override
  public void delivery(long sentNanos) {
    long now = System.nanoTime();
    if (sentNanos < measureFrom) {
      warmup.increment();
      return;
    }
    long micros = Math.min(MAX_MICROS, Math.max(0, (now - sentNanos) / 1000));
    recorder.recordValue(micros);
    measured.increment();
    lastNanos.accumulate(now);
  }

  @Override
  public void error(String reason) {
    errors.increment();
  }

  /** Measured deliveries so far. */
  public long measured() {
    return measured.sum();
  }

  /** Deliveries of warm-up publishes. */
  public long warmup() {
    return warmup.sum();
  }

  /** When the last measured delivery arrived ({@code System.nanoTime()}), or MIN_VALUE. */
  public long lastDeliveryNanos() {
    return lastNanos.get();
  }

  private Histogram raw;

  /**
   * The uncorrected latency histogram (microseconds) of everything measured. The first call (of
   * this or {@link #histogram()}) takes the recording; call at the end.
   */
  public synchronized Histogram rawHistogram() {
    if (raw == null) {
      raw = recorder.getIntervalHistogram();
    }
    return raw;
  }

  /** The latency histogram corrected for coordinated omission (see the class comment). */
  public Histogram histogram() {
    return rawHistogram().copyCorrectedForCoordinatedOmission(expectedIntervalMicros);
  }
}
