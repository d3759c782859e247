package io.herald.bench.stream;

import io.herald.bench.DurationConverter;
import io.herald.bench.client.Conn;
import io.herald.bench.client.ConnListener;
import io.herald.bench.client.LoadClient;
import io.herald.bench.client.SourceAddresses;
import io.herald.bench.peer.RunningServer;
import io.herald.bench.peer.JvmOptions;
import io.herald.bench.peer.ServerLauncher;
import io.herald.bench.scenario.Target;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stream}: the latency Herald adds to a streamed rpc answer. A backend in this process
 * writes NDJSON chunks stamped with {@code System.nanoTime()}; Herald ({@code proxy.rpc}) forwards
 * them to {@code --streams} WebSocket clients, one stream each, all at once; every chunk's
 * backend-write-to-client-receive time is recorded. The same streams are then read straight from
 * the backend over HTTP (the reference: what any HTTP client pays), and both are printed side by
 * side with the difference, which is what Herald adds.
 */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Latency Herald adds per chunk of a streamed rpc answer (backend write to client receive),",
      "with N concurrent streams, next to the same streams read directly over HTTP."
    })
public final class StreamCommand implements Callable<Integer> {

  private static final PrintStream LOG = System.err;

  @Option(names = "--streams", defaultValue = "1000", description = "Concurrent streams, one WebSocket each (default: ${DEFAULT-VALUE}).")
  int streams;

  @Option(names = "--chunks", defaultValue = "100", description = "Chunks per stream (default: ${DEFAULT-VALUE}).")
  int chunks;

  @Option(names = "--interval", converter = DurationConverter.class, defaultValue = "100ms", description = "Time between two chunks of a stream (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--size", defaultValue = "64", description = "Bytes per chunk (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--warmup-chunks", defaultValue = "20", description = "Chunks per stream not measured, at the start (default: ${DEFAULT-VALUE}).")
  int warmupChunks;

  @Option(names = "--rounds", defaultValue = "3", description = "Rounds, each Herald then direct, alternating so that both see the same machine; the first warms up and is not reported, the others are merged (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--threads", defaultValue = "0", description = "Generator event loops (default: 0, one per core).")
  int threads;

  @Option(names = "--server-java-opts", defaultValue = "", description = "Extra JVM options for Herald, space-separated.")
  String serverJavaOpts;

  @Option(names = "--herald-jar", description = "Herald's fat jar (default: server/target/herald.jar of this checkout).")
  Path heraldJar;

  @Option(names = "--out", description = "Where the config and server log go (default: bench/target/runs/stream-<time>).")
  Path out;

  @Override
  public Integer call() throws Exception {
    Path root = Path.of("").toAbsolutePath();
    Path runDir = out != null ? out : root.resolve("bench/target/runs/stream-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Files.createDirectories(runDir);
    Path jar = heraldJar != null ? heraldJar : root.resolve("server/target/herald.jar");
    String body = "{\"method\":\"stream\",\"data\":{\"chunks\":" + chunks + ",\"intervalMs\":"
        + interval.toMillis() + ",\"size\":" + size + "}}";
    long warmupNanos = interval.toNanos() * warmupChunks + interval.toNanos();
    LOG.printf("stream: %d streams x %d chunks of %d bytes, one every %d ms; first %d chunks "
        + "of each stream not measured; %d rounds, herald then direct in each, the first "
        + "not reported%n", streams, chunks, size, interval.toMillis(), warmupChunks, rounds);

    Histogram herald = new Histogram(3);
    Histogram direct = new Histogram(3);
    try (StreamBackend backend = new StreamBackend();
        HeraldStreams viaHerald = new HeraldStreams(backend, runDir, jar)) {
      for (int round = 1; round <= rounds; round++) {
        Histogram h = viaHerald.round(round, body, warmupNanos);
        Thread.sleep(500);
        Histogram d = directRound(backend, round, body, warmupNanos);
        Thread.sleep(500);
        LOG.printf("== round %d: herald p50 %d p99 %d us; direct p50 %d p99 %d us%s%n", round,
            h.getValueAtPercentile(50), h.getValueAtPercentile(99),
            d.getValueAtPercentile(50), d.getValueAtPercentile(99),
            round == 1 && rounds > 1 ? " (warm-up, not reported)" : "");
        if (round > 1 || rounds == 1) {
          herald.add(h);
          direct.add(d);
        }
      }
    }

    System.out.println();
    System.out.printf("stream latency, backend write to client receive, microseconds "
        + "(%d concurrent streams, %d chunks each, every %d ms, %d bytes; %d measured rounds)%n",
        streams, chunks, interval.toMillis(), size, Math.max(1, rounds - 1));
    System.out.printf("%-8s %9s %8s %8s %8s %8s %8s%n",
        "path", "chunks", "p50", "p90", "p99", "p99.9", "max");
    row("herald", herald);
    row("direct", direct);
    System.out.printf("added by herald: p50 %+d us, p99 %+d us (ratio herald/direct p50 %.2f, "
            + "p99 %.2f)%n",
        herald.getValueAtPercentile(50) - direct.getValueAtPercentile(50),
        herald.getValueAtPercentile(99) - direct.getValueAtPercentile(99),
        ratio(herald, direct, 50), ratio(herald, direct, 99));
    System.out.println("config and server log: " + runDir);
    return 0;
  }

  private Histogram directRound(StreamBackend backend, int round, String body, long warmupNanos)
      throws Exception {
    LOG.println("== round " + round + ": direct, the same streams read straight from the backend");
    Histogram latencies = new ConcurrentHistogram(3);
    long start = System.nanoTime();
    DirectStreams.run(backend.url(), streams, body, interval.toMillis(), latency -> {
      if (System.nanoTime() - latency >= start + warmupNanos) {
        latencies.recordValue(Math.max(0, latency) / 1000);
      }
    }).get(chunks * interval.toMillis() + 60_000, TimeUnit.MILLISECONDS);
    return latencies;
  }

  /** Herald with its rpc proxy on the backend, and {@code streams} connections to it. */
  private final class HeraldStreams implements AutoCloseable {
    private final StreamBackend backend;
    private final RunningServer running;
    private final LoadClient client;
    private final List<Conn> conns = new ArrayList<>();
    private final Histogram latencies = new ConcurrentHistogram(3);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong problems = new AtomicLong();
    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile boolean done;

    HeraldStreams(StreamBackend backend, Path runDir, Path jar) throws Exception {
      this.backend = backend;
      ServerLauncher launcher = new ServerLauncher(runDir, jar, runDir,
          JvmOptions.of(Path.of("").toAbsolutePath(), serverJavaOpts), null);
      String proxy = """
          proxy:
            rpc:
              endpoint: "%s"
              timeout: 30s
          """.formatted(backend.url());
      this.running = launcher.startHerald(proxy);
      int cores = Runtime.getRuntime().availableProcessors();
      this.client = new LoadClient(threads > 0 ? threads : cores,
          SourceAddresses.forConnections(streams, 20_000));
      CountDownLatch ready = new CountDownLatch(streams);
      ConnListener listener = listener(ready);
      Target target = running.target();
      LOG.println("== herald: pid " + target.pid() + " on " + target.address()
          + "; opening " + streams + " connections");
      for (int i = 0; i < streams; i++) {
        Conn conn = new Conn(i, null, listener);
        conns.add(conn);
        target.protocol().prepare(conn);
        client.open(target.address(), target.protocol(), conn);
        if (i % 200 == 199) {
          Thread.sleep(50);
        }
      }
      if (!ready.await(120, TimeUnit.SECONDS) || problems.get() > 0) {
        close();
        throw new IllegalStateException("connections not ready; problems: " + problems.get());
      }
    }

    Histogram round(int round, String body, long warmupNanos) throws InterruptedException {
      latencies.reset();
      delivered.set(0);
      long written = backend.chunksWritten();
      LOG.println("== round " + round + ": herald, " + streams + " streams start");
      long start = System.nanoTime();
      measureFrom = start + warmupNanos;
      for (int i = 0; i < streams; i++) {
        long at = start + interval.toNanos() * i / streams;
        while (System.nanoTime() < at) {
          Thread.onSpinWait();
        }
        Conn conn = conns.get(i);
        conn.send("{\"jsonrpc\":\"2.0\",\"id\":" + conn.nextRequestId()
            + ",\"method\":\"rpc\",\"params\":" + body + "}");
      }
      long expected = (long) streams * chunks;
      long deadline = System.nanoTime() + interval.toNanos() * chunks + 60_000_000_000L;
      while (delivered.get() < expected && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      LOG.printf("== round %d: herald delivered %d of %d chunks, %d problems, backend wrote %d, "
          + "%d streams aborted%n", round, delivered.get(), expected, problems.get(),
          backend.chunksWritten() - written, backend.streamsAborted());
      Histogram copy = new Histogram(3);
      copy.add(latencies);
      return copy;
    }

    private ConnListener listener(CountDownLatch ready) {
      return new ConnListener() {
        @Override
        public void ready(Conn conn) {
          ready.countDown();
        }

        @Override
        public void failed(Conn conn, String reason) {
          problems.incrementAndGet();
          LOG.println(conn + " failed: " + reason);
          ready.countDown();
        }

        @Override
        public void closed(Conn conn, String reason) {
          if (!done) {
            problems.incrementAndGet();
            LOG.println(conn + " closed: " + reason);
          }
        }

        @Override
        public void delivery(Conn conn, long sentNanos) {
          long now = System.nanoTime();
          delivered.incrementAndGet();
          if (sentNanos >= measureFrom) {
            latencies.recordValue(Math.max(0, now - sentNanos) / 1000);
          }
        }

        @Override
        public void error(Conn conn, String reason) {
          problems.incrementAndGet();
          LOG.println(conn + ": " + reason);
        }
      };
    }

    @Override
    public void close() {
      done = true;
      conns.forEach(c -> c.close("done"));
      client.close();
      running.close();
    }
  }

  private static void row(String path, Histogram h) {
    System.out.printf("%-8s %9d %8d %8d %8d %8d %8d%n", path, h.getTotalCount(),
        h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
        h.getValueAtPercentile(99.9), h.getMaxValue());
  }

  private static double ratio(Histogram a, Histogram b, double percentile) {
    long base = Math.max(1, b.getValueAtPercentile(percentile));
    return (double) a.getValueAtPercentile(percentile) / base;
  }
}
