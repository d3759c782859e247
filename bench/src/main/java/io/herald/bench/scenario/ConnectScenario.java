package io.herald.bench.scenario;

import io.herald.bench.client.ConnectionSet;
import io.herald.bench.client.LoadClient;
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

  /**
   * @param warmupConnections a smaller storm run first and closed, unmeasured, so that a JVM
   *     server's JIT has compiled the handshake path (0: none)
   */
  public ConnectScenario(int connections, int warmupConnections, int inFlight, Duration timeout) {
    this.connections = connections;
    this.warmupConnections = warmupConnections;
    this.inFlight = inFlight;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "connect";
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("connections", connections);
    p.put("inFlight", inFlight);
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
    ConnectionSet.Opened opened = set.open(0, connections, inFlight, id -> null, timeout);
    ProcStats.Cpu cpu1 = ProcStats.Cpu.of(target.pid());
    ProcStats.Cpu gen1 = ProcStats.Cpu.of(ProcStats.self());
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
        new Column("generatorCpuPct", "gen CPU %"));
  }

  @Override
  public Map<String, Boolean> ratioKeys() {
    Map<String, Boolean> k = new LinkedHashMap<>();
    k.put("handshakesPerSec", true);
    k.put("p50Ms", false);
    k.put("p99Ms", false);
    return k;
  }
}
