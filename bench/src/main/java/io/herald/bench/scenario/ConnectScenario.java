package io.herald.bench.scenario;

import io.herald.bench.client.ConnectionSet;
import io.herald.bench.client.LoadClient;
import io.herald.bench.metrics.MachineLoad;
import io.herald.bench.metrics.ProcStats;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code connect}: a connection storm. Opens N connections as fast as the server takes them,
 * with at most {@code inFlight} unfinished at once (a closed model: this measures capacity, not
 * latency under a fixed arrival rate). A connection counts when the server accepted its
 * protocol-level connect: for Herald, the {@code connect} reply after verifying the connection's
 * own HS256 JWT (minted in the generator per connection, user {@code u<n>}); for the peers, their
 * own handshake (they verify no token). Connections stay open until the storm ends.
 *
 * <p>With a rate (the sweep's connect storm) the connections start on a fixed schedule instead,
 * {@code rate} per second (an open model: latency then says whether the server keeps up with
 * that arrival rate), with no in-flight bound.
 *
 * <p>A smaller unmeasured storm runs first (warm-up), then is closed.
 *
 * <p>Reports handshakes per second, connect latency (TCP connect to ready) percentiles, errors
 * and server CPU during the storm.
 */
public final class ConnectScenario implements Scenario {

  /** Warm-up connections are numbered from here, so their users differ from the measured ones. */
  private static final int WARMUP_FIRST_ID = 500_000_000;

  private final int connections;
  private final int warmupConnections;
  private final int inFlight;
  private final Duration timeout;
  private final double rate;

  /**
   * @param warmupConnections a smaller storm run first and closed, unmeasured, so that a JVM
   *     server's JIT has compiled the handshake path (0: none)
   */
  public ConnectScenario(int connections, int warmupConnections, int inFlight, Duration timeout) {
    this(connections, warmupConnections, inFlight, timeout, 0);
  }

  /**
   * @param rate connections started per second on a fixed schedule (open model, no in-flight
   *     bound), or 0 for as fast as {@code inFlight} allows (closed model)
   */
  public ConnectScenario(
      int connections, int warmupConnections, int inFlight, Duration timeout, double rate) {
    this.connections = connections;
    this.warmupConnections = warmupConnections;
    this.inFlight = inFlight;
    this.timeout = timeout;
    this.rate = rate;
  }

  @Override
  public String name() {
    return "connect";
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("connections", connections);
    if (rate > 0) {
      p.put("ratePerSec", rate);
    } else {
      p.put("inFlight", inFlight);
    }
    p.put("warmupConnections", warmupConnections);
    return p;
  }

  @Override
  public Result run(Target target, LoadClient client) throws Exception {
    if (warmupConnections > 0) {
      ConnectionSet warm = new ConnectionSet(client, target.address(), target.protocol(), ts -> {});
      warm.open(WARMUP_FIRST_ID, warmupConnections, inFlight, id -> null, timeout);
      warm.closeAll(Duration.ofSeconds(10));
      Thread.sleep(1000);
    }
    ConnectionSet set = new ConnectionSet(client, target.address(), target.protocol(), ts -> {});
    ProcStats.Cpu cpu0 = ProcStats.Cpu.of(target.pid());
    ProcStats.Cpu gen0 = ProcStats.Cpu.of(ProcStats.self());
    MachineLoad load0 = MachineLoad.now();
    ConnectionSet.Opened opened = rate > 0
        ? set.open(0, connections, connections, id -> null, timeout, rate)
        : set.open(0, connections, inFlight, id -> null, timeout);
    ProcStats.Cpu cpu1 = ProcStats.Cpu.of(target.pid());
    ProcStats.Cpu gen1 = ProcStats.Cpu.of(ProcStats.self());
    MachineLoad load1 = MachineLoad.now();
    Result r = new Result(target.server());
    double seconds = opened.elapsedNanos() / 1e9;
    r.put("connections", opened.ready());
    r.put("handshakesPerSec", seconds > 0 ? opened.ready() / seconds : null);
    Latency.put(r, "", set.connectLatencyMicros());
    r.put("errors", opened.failed());
    r.put("seconds", seconds);
    r.put("serverCpuPct", cpu0.percentUntil(cpu1));
    r.put("serverSysCpuPct", cpu0.systemPercentUntil(cpu1));
    r.put("generatorCpuPct", gen0.percentUntil(gen1));
    long micros = cpu0.microsUntil(cpu1);
    r.put("cpuMicrosPerHandshake", opened.ready() == 0 || micros < 0 ? null : micros / (double) opened.ready());
    if (rate > 0) {
      r.put("offeredPerSec", rate);
      r.put("sendLagMaxMs", opened.maxLagMicros() / 1000.0);
    }
    load0.put(r::put, load1, cpu0.percentUntil(cpu1) + gen0.percentUntil(gen1));
    if (!set.reasons().isEmpty()) {
      r.put("reasons", set.reasons());
    }
    set.closeAll(Duration.ofSeconds(10));
    return r;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        new Column("connections", "conns"),
        new Column("handshakesPerSec", "handshakes/s"),
        new Column("p50Ms", "p50 ms"),
        new Column("p99Ms", "p99 ms"),
        new Column("p999Ms", "p99.9 ms"),
        new Column("maxMs", "max ms"),
        new Column("errors", "errors"),
        new Column("serverCpuPct", "server CPU %"),
        new Column("serverSysCpuPct", "of it kernel %"),
        new Column("generatorCpuPct", "gen CPU %"),
        new Column("cpuMicrosPerHandshake", "CPU µs/handshake"),
        new Column("otherCpuPct", "other CPU %"),
        new Column("load1Before", "load"));
  }

  @Override
  public Map<String, Boolean> ratioKeys() {
    Map<String, Boolean> k = new LinkedHashMap<>();
    k.put("handshakesPerSec", true);
    k.put("p50Ms", false);
    k.put("p99Ms", false);
    k.put("cpuMicrosPerHandshake", false);
    return k;
  }
}
