package io.herald.bench.scenario;

import io.herald.bench.client.Conn;
import io.herald.bench.client.ConnectionSet;
import io.herald.bench.client.HttpPublisher;
import io.herald.bench.client.LoadClient;
import io.herald.bench.client.Publisher;
import io.herald.bench.client.WsPublisher;
import io.herald.bench.metrics.Deliveries;
import io.herald.bench.metrics.MachineLoad;
import io.herald.bench.metrics.ProcStats;
import io.herald.bench.protocol.Payload;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * {@code fanout} and {@code channels}: S subscribers, then publishes at a fixed rate R (open
 * model: a schedule of one publish every 1/R s that never waits for the server) for a warm-up and
 * then the measured duration, then a drain until every expected delivery arrived or the drain
 * timeout passed.
 *
 * <ul>
 *   <li>{@code fanout}: every subscriber on one channel; each publish is S deliveries.
 *   <li>{@code channels}: every subscriber on its own channel (the per-user channel case); the
 *       publishes go round-robin over the channels, each is one delivery.
 * </ul>
 *
 * <p>Reports deliveries per second over the measured window, end-to-end latency percentiles
 * (coordinated-omission corrected, see {@link Deliveries}), lost deliveries (expected minus
 * received), publish errors, the schedule's own lag (how late the generator sent, a sign that it
 * was starved), the HTTP publish round trip (request written to answer read; with {@code
 * --publisher-connections} sockets and one request in flight on each, a slow answer holds the
 * next publishes in the generator's queue, and their latency shows it), and server and generator
 * CPU during the measured window.
 */
public final class FanoutScenario implements Scenario {

  /** Which publish path to use. */
  public enum Via {
    /** The server's HTTP publish API where it has one, else a client WebSocket. */
    API,
    /** A client WebSocket connection. */
    WS
  }

  private final boolean perChannel;
  private final int subscribers;
  private final int rate;
  private final Duration duration;
  private final Duration warmup;
  private final Duration drain;
  private final int payloadSize;
  private final Via via;
  private final int publisherConnections;
  private final int inFlight;
  private final Duration openTimeout;

  /**
   * @param perChannel false for {@code fanout}, true for {@code channels}
   * @param rate publishes per second (all channels together)
   * @param publisherConnections HTTP connections or WebSockets the publisher uses
   */
  public FanoutScenario(
      boolean perChannel,
      int subscribers,
      int rate,
      Duration duration,
      Duration warmup,
      Duration drain,
      int payloadSize,
      Via via,
      int publisherConnections,
      int inFlight,
      Duration openTimeout) {
    this.perChannel = perChannel;
    this.subscribers = subscribers;
    this.rate = rate;
    this.duration = duration;
    this.warmup = warmup;
    this.drain = drain;
    this.payloadSize = Math.max(Payload.MIN_SIZE, payloadSize);
    this.via = via;
    this.publisherConnections = publisherConnections;
    this.inFlight = inFlight;
    this.openTimeout = openTimeout;
  }

  @Override
  public String name() {
    return perChannel ? "channels" : "fanout";
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("subscribers", subscribers);
    p.put("channels", perChannel ? subscribers : 1);
    p.put("ratePerSec", rate);
    p.put("durationSeconds", duration.toMillis() / 1000.0);
    p.put("warmupSeconds", warmup.toMillis() / 1000.0);
    p.put("payloadBytes", payloadSize);
    p.put("publishVia", via.name().toLowerCase(java.util.Locale.ROOT));
    return p;
  }

  @Override
  public Result run(Target target, LoadClient client) throws Exception {
    var protocol = target.protocol();
    long intervalNanos = 1_000_000_000L / rate;
    long perSubscriberIntervalMicros = intervalNanos / 1000 * (perChannel ? subscribers : 1);
    Deliveries deliveries = new Deliveries(perSubscriberIntervalMicros);
    ConnectionSet set = new ConnectionSet(client, target.addresses(), protocol, deliveries);
    Result r = new Result(target.server());
    String fanoutChannel = protocol.channel("fanout");
    ConnectionSet.Opened opened =
        set.open(
            0,
            subscribers,
            inFlight,
            id -> perChannel ? protocol.channel("ch-" + id) : fanoutChannel,
            openTimeout);
    List<Conn> ready = set.readyConns();
    String[] channels =
        perChannel ? ready.stream().map(Conn::channel).toArray(String[]::new) : new String[] {fanoutChannel};
    if (ready.isEmpty()) {
      r.put("error", "no subscriber got ready: " + set.reasons());
      set.closeAll(Duration.ofSeconds(5));
      return r;
    }
    long perPublish = perChannel ? 1 : ready.size();

    Publisher publisher =
        via == Via.API && protocol.httpPublish("x", new byte[0]) != null
            ? new HttpPublisher(client, target.address(), protocol, publisherConnections, 100_000)
            : new WsPublisher(client, target.address(), protocol, publisherConnections);
    try {
      publisher.start(Duration.ofSeconds(30));
      Thread.sleep(500);

      long warmupCount = rate * warmup.toMillis() / 1000;
      long total = warmupCount + rate * duration.toMillis() / 1000;
      Histogram lagMicros = new Histogram(Deliveries.MAX_MICROS, 3);
      long start = System.nanoTime() + 10_000_000L;
      long measureFrom = Long.MAX_VALUE;
      long measured = 0;
      long errorsBefore = 0;
      ProcStats.Cpu cpu0 = null;
      ProcStats.Cpu gen0 = null;
      MachineLoad load0 = null;
      for (long i = 0; i < total; i++) {
        long slot = start + i * intervalNanos;
        long wait;
        while ((wait = slot - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        if (i == warmupCount) {
          measureFrom = System.nanoTime();
          deliveries.measureFrom(measureFrom);
          cpu0 = ProcStats.Cpu.of(target.pids());
          gen0 = ProcStats.Cpu.of(ProcStats.self());
          load0 = MachineLoad.now();
          errorsBefore = publisher.errors();
        }
        long now = System.nanoTime();
        lagMicros.recordValue(Math.min(Deliveries.MAX_MICROS, (now - slot) / 1000));
        publisher.publish(channels[(int) (i % channels.length)], Payload.json(now, payloadSize));
        if (i >= warmupCount) {
          measured++;
        }
      }
      long end = System.nanoTime();
      ProcStats.Cpu cpu1 = ProcStats.Cpu.of(target.pids());
      ProcStats.Cpu gen1 = ProcStats.Cpu.of(ProcStats.self());
      MachineLoad load1 = MachineLoad.now();

      long expected = measured * perPublish;
      long drainUntil = System.nanoTime() + drain.toNanos();
      while (deliveries.measured() < expected && System.nanoTime() < drainUntil) {
        Thread.sleep(20);
      }
      long received = deliveries.measured();
      long last = deliveries.lastDeliveryNanos();
      double seconds = Math.max(end - measureFrom, last - measureFrom) / 1e9;
      Histogram latency = deliveries.histogram();

      r.put("subscribers", ready.size());
      r.put("deliveriesPerSec", seconds > 0 ? received / seconds : null);
      Latency.put(r, "", latency);
      r.put("uncorrectedP99Ms", deliveries.rawHistogram().getTotalCount() == 0 ? null
          : deliveries.rawHistogram().getValueAtPercentile(99) / 1000.0);
      r.put("published", measured);
      r.put("expected", expected);
      r.put("received", received);
      r.put("lost", Math.max(0, expected - received));
      r.put("publishErrors", publisher.errors() - errorsBefore);
      r.put("publishVia", publisher.path());
      r.put("serverCpuPct", cpu0 == null ? null : cpu0.percentUntil(cpu1));
      r.put("serverSysCpuPct", cpu0 == null ? null : cpu0.systemPercentUntil(cpu1));
      r.put("generatorCpuPct", gen0 == null ? null : gen0.percentUntil(gen1));
      if (cpu0 != null) {
        // Deliveries that arrived in the CPU window: every expected one at a rate the server
        // holds; past saturation the late ones are not in the window, so the figure is a bound.
        long inWindow = Math.min(received, expected);
        long micros = cpu0.microsUntil(cpu1);
        r.put("cpuMicrosPerDelivery", inWindow == 0 || micros < 0 ? null : micros / (double) inWindow);
        r.put("cpuMicrosPerPublish", measured == 0 || micros < 0 ? null : micros / (double) measured);
        load0.put(r::put, load1, cpu0.percentUntil(cpu1) + gen0.percentUntil(gen1));
      }
      r.put("sendLagP99Ms", lagMicros.getValueAtPercentile(99) / 1000.0);
      r.put("sendLagMaxMs", lagMicros.getMaxValue() / 1000.0);
      r.put("failed", opened.failed());
      r.put("dropped", set.closedAfterReady());
      r.put("errors", set.errors());
      if (publisher instanceof HttpPublisher http) {
        Histogram rtt = http.roundTrips();
        if (rtt.getTotalCount() > 0) {
          r.put("publishRttP50Ms", rtt.getValueAtPercentile(50) / 1000.0);
          r.put("publishRttP99Ms", rtt.getValueAtPercentile(99) / 1000.0);
        }
        if (http.lastError() != null) {
          r.put("lastPublishError", http.lastError());
        }
      }
      if (!set.reasons().isEmpty()) {
        r.put("reasons", set.reasons());
      }
      return r;
    } finally {
      publisher.close();
      set.closeAll(Duration.ofSeconds(10));
    }
  }

  @Override
  public List<Column> columns() {
    return List.of(
        new Column("deliveriesPerSec", "deliveries/s"),
        new Column("p50Ms", "p50 ms"),
        new Column("p99Ms", "p99 ms"),
        new Column("p999Ms", "p99.9 ms"),
        new Column("maxMs", "max ms"),
        new Column("lost", "lost"),
        new Column("publishErrors", "pub err"),
        new Column("serverCpuPct", "server CPU %"),
        new Column("serverSysCpuPct", "of it kernel %"),
        new Column("generatorCpuPct", "gen CPU %"),
        new Column("cpuMicrosPerDelivery", "CPU µs/delivery"),
        new Column("sendLagMaxMs", "send lag ms"),
        new Column("publishRttP99Ms", "pub RTT p99 ms"),
        new Column("publishVia", "via"),
        new Column("otherCpuPct", "other CPU %"),
        new Column("load1Before", "load"));
  }

  @Override
  public Map<String, Boolean> ratioKeys() {
    Map<String, Boolean> k = new LinkedHashMap<>();
    k.put("deliveriesPerSec", true);
    k.put("p50Ms", false);
    k.put("p99Ms", false);
    k.put("p999Ms", false);
    k.put("serverCpuPct", false);
    k.put("cpuMicrosPerDelivery", false);
    return k;
  }
}
