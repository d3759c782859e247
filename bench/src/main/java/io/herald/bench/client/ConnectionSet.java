package io.herald.bench.client;

import io.herald.bench.protocol.Protocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import org.HdrHistogram.Recorder;

/**
 * A group of connections opened together against one server, with a bounded number of opening
 * handshakes in flight. Counts what happened to them (ready, failed with reasons, closed after
 * ready) and records connect latency; deliveries go to the sink given at construction.
 */
public final class ConnectionSet implements ConnListener {

  /** Receives the deliveries and publish errors of the set's connections. */
  public interface Sink {
    void delivery(long sentNanos);

    default void error(String reason) {}
  }

  private final LoadClient client;
  private final List<InetSocketAddress> servers;
  private final Protocol protocol;
  private final Sink sink;
  private final List<Conn> conns = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger ready = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger closedAfterReady = new AtomicInteger();
  private final LongAdder errors = new LongAdder();
  private final Map<String, AtomicInteger> reasons = new ConcurrentHashMap<>();
  private final Recorder connectMicros = new Recorder(60_000_000L, 3);
  private final Semaphore opening = new Semaphore(0);
  private volatile boolean closing;

  public ConnectionSet(LoadClient client, InetSocketAddress server, Protocol protocol, Sink sink) {
    this(client, List.of(server), protocol, sink);
  }

  /** Connections spread round-robin over {@code servers} by id (the nodes of a cluster). */
  public ConnectionSet(
      LoadClient client, List<InetSocketAddress> servers, Protocol protocol, Sink sink) {
    this.client = client;
    this.servers = List.copyOf(servers);
    this.protocol = protocol;
    this.sink = sink;
  }

  /**
   * What {@link #open} achieved.
   *
   * @param maxLagMicros paced opening only: how late the latest connection started against its
   *     slot (a sign that the generator was starved); 0 otherwise
   */
  public record Opened(int ready, int failed, long elapsedNanos, boolean timedOut, long maxLagMicros) {}

  /**
   * Opens {@code count} connections numbered from {@code firstId}, at most {@code inFlight}
   * unfinished at a time, and waits until each is ready or failed, or {@code timeout} passed.
   *
   * @param channel the channel of connection {@code id} (server-side name), or null for none
   */
  public Opened open(
      int firstId, int count, int inFlight, IntFunction<String> channel, Duration timeout)
      throws InterruptedException {
    return open(firstId, count, inFlight, channel, timeout, 0);
  }

  /**
   * Like {@link #open(int, int, int, IntFunction, Duration)}; with {@code ratePerSec} above 0
   * the connections start on a fixed schedule, one every 1/rate s (an open model: the schedule
   * does not wait for the server, only for the {@code inFlight} bound).
   */
  public Opened open(
      int firstId, int count, int inFlight, IntFunction<String> channel, Duration timeout,
      double ratePerSec) throws InterruptedException {
    Semaphore permits = new Semaphore(inFlight);
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    int readyBefore = ready.get();
    int failedBefore = failed.get();
    int started = 0;
    long maxLag = 0;
    for (int i = 0; i < count; i++) {
      if (ratePerSec > 0) {
        long slot = start + (long) (i * 1e9 / ratePerSec);
        long wait;
        while ((wait = slot - System.nanoTime()) > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
        maxLag = Math.max(maxLag, System.nanoTime() - slot);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || !permits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
        break;
      }
      int id = firstId + i;
      Conn conn = new Conn(id, channel.apply(id), new Releasing(permits));
      protocol.prepare(conn);
      conns.add(conn);
      client.open(servers.get(id % servers.size()), protocol, conn);
      started++;
    }
    // Wait for the started ones to settle.
    while (ready.get() - readyBefore + failed.get() - failedBefore < started) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      opening.tryAcquire(Math.min(left, 50_000_000L), TimeUnit.NANOSECONDS);
    }
    int r = ready.get() - readyBefore;
    int f = failed.get() - failedBefore;
    boolean timedOut = r + f < count;
    if (timedOut) {
      reasons.computeIfAbsent("not ready before the timeout", k -> new AtomicInteger())
          .addAndGet(count - r - f);
    }
    return new Opened(r, f + (count - r - f), System.nanoTime() - start, timedOut, maxLag / 1000);
  }

  /** The connections that are ready now. */
  public List<Conn> readyConns() {
    synchronized (conns) {
      return conns.stream().filter(c -> c.status() == Conn.Status.READY).toList();
    }
  }

  public int readyCount() {
    return ready.get() - closedAfterReady.get();
  }

  /** Ready connections that were later closed, outside {@link #closeAll}. */
  public int closedAfterReady() {
    return closedAfterReady.get();
  }

  /** Errors reported by ready connections (refused publishes, unexpected messages). */
  public long errors() {
    return errors.sum();
  }

  /** Failure and close reasons with their counts, most frequent first. */
  public Map<String, Integer> reasons() {
    Map<String, Integer> out = new java.util.LinkedHashMap<>();
    reasons.entrySet().stream()
        .sorted((a, b) -> Integer.compare(b.getValue().get(), a.getValue().get()))
        .forEach(e -> out.put(e.getKey(), e.getValue().get()));
    return out;
  }

  /** Connect latency (TCP connect to ready) in microseconds, since the last call. */
  public org.HdrHistogram.Histogram connectLatencyMicros() {
    return connectMicros.getIntervalHistogram();
  }

  /** Closes every connection and waits up to {@code timeout} for the sockets to close. */
  public void closeAll(Duration timeout) throws InterruptedException {
    closing = true;
    List<Conn> all;
    synchronized (conns) {
      all = new ArrayList<>(conns);
    }
    for (Conn c : all) {
      if (c.socket() != null) {
        c.socket().close();
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Conn c : all) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      if (c.socket() != null) {
        c.socket().closeFuture().await(left, TimeUnit.NANOSECONDS);
      }
    }
  }

  @Override
  public void ready(Conn conn) {
    long nanos = conn.connectNanos();
    connectMicros.recordValue(Math.min(Math.max(0, nanos / 1000), 60_000_000L));
    ready.incrementAndGet();
    opening.release();
  }

  @Override
  public void failed(Conn conn, String reason) {
    failed.incrementAndGet();
    count(reason);
    opening.release();
  }

  @Override
  public void closed(Conn conn, String reason) {
    if (!closing) {
      closedAfterReady.incrementAndGet();
      count("closed after ready: " + reason);
    }
  }

  @Override
  public void delivery(Conn conn, long sentNanos) {
    sink.delivery(sentNanos);
  }

  @Override
  public void error(Conn conn, String reason) {
    errors.increment();
    count(reason);
    sink.error(reason);
  }

  private void count(String reason) {
    String key = reason == null ? "unknown" : reason.length() > 120 ? reason.substring(0, 120) : reason;
    if (reasons.size() < 50 || reasons.containsKey(key)) {
      reasons.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  /** Releases the opening permit once a connection settles, then delegates to the set. */
  private final class Releasing implements ConnListener {
    private final Semaphore permits;

    Releasing(Semaphore permits) {
      this.permits = permits;
    }

    @Override
    public void ready(Conn conn) {
      permits.release();
      ConnectionSet.this.ready(conn);
    }

    @Override
    public void failed(Conn conn, String reason) {
      permits.release();
      ConnectionSet.this.failed(conn, reason);
    }

    @Override
    public void closed(Conn conn, String reason) {
      ConnectionSet.this.closed(conn, reason);
    }

    @Override
    public void delivery(Conn conn, long sentNanos) {
      sink.delivery(sentNanos);
    }

    @Override
    public void error(Conn conn, String reason) {
      ConnectionSet.this.error(conn, reason);
    }
  }
}
