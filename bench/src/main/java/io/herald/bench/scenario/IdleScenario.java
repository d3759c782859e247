package io.herald.bench.scenario;

import io.herald.bench.client.ConnectionSet;
import io.herald.bench.client.LoadClient;
import io.herald.bench.metrics.JvmHeap;
import io.herald.bench.metrics.MachineLoad;
import io.herald.bench.metrics.ProcStats;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code idle}: N connections, each subscribed to its own channel, then nothing. Measures what an
 * idle connection costs the server: resident memory growth per connection ({@code
 * bytesPerConnection} = (VmRSS after - VmRSS before) / connections), for JVM servers the live
 * heap growth after a full GC ({@code heapBytesPerConnection}) and the RSS growth measured after
 * that GC ({@code rssAfterGcBytesPerConnection}: a JVM's RSS also holds heap it grew into while
 * the connections were opening, which a full GC may give back), and the server's CPU while the
 * connections sit idle for {@code hold} (pings and timers only). {@code
 * rssAtConnectBytesPerConnection} is the RSS growth read right after the last connection was
 * ready, before anything settled; {@code bytesPerConnection} the one after the hold (settled).
 *
 * <p>For JVM servers the baseline RSS is read after a full GC too, so both RSS figures start from
 * the same point.
 */
public final class IdleScenario implements Scenario {

  private final int connections;
  private final Duration hold;
  private final int inFlight;
  private final Duration openTimeout;

  public IdleScenario(int connections, Duration hold, int inFlight, Duration openTimeout) {
    this.connections = connections;
    this.hold = hold;
    this.inFlight = inFlight;
    this.openTimeout = openTimeout;
  }

  @Override
  public String name() {
    return "idle";
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("connections", connections);
    p.put("holdSeconds", hold.toMillis() / 1000.0);
    return p;
  }

  @Override
  public Result run(Target target, LoadClient client) throws Exception {
    long pid = target.pid();
    long heapBefore = target.jvm() ? JvmHeap.usedAfterGc(pid) : -1;
    Thread.sleep(1000);
    long rssBefore = ProcStats.rssBytes(pid); // after a GC for JVMs: the baseline of both figures

    ConnectionSet set = new ConnectionSet(client, target.address(), target.protocol(), ts -> {});
    ConnectionSet.Opened opened =
        set.open(
            0, connections, inFlight, id -> target.protocol().channel("idle-" + id), openTimeout);
    long rssAtConnect = ProcStats.rssBytes(pid); // right after the last connection was ready
    Thread.sleep(2000); // let handshake garbage and buffers settle
    ProcStats.Cpu cpu0 = ProcStats.Cpu.of(pid);
    MachineLoad load0 = MachineLoad.now();
    Thread.sleep(hold.toMillis());
    ProcStats.Cpu cpu1 = ProcStats.Cpu.of(pid);
    long rssAfter = ProcStats.rssBytes(pid);
    MachineLoad load1 = MachineLoad.now();
    long heapAfter = target.jvm() ? JvmHeap.usedAfterGc(pid) : -1;
    long rssAfterGc = target.jvm() ? ProcStats.rssBytes(pid) : -1;
    int held = set.readyCount();

    Result r = new Result(target.server());
    r.put("connections", held);
    r.put("rssAtConnectBytesPerConnection",
        held > 0 && rssBefore > 0 && rssAtConnect > 0 ? (rssAtConnect - rssBefore) / held : null);
    r.put("bytesPerConnection", held > 0 && rssBefore > 0 ? (rssAfter - rssBefore) / held : null);
    r.put(
        "heapBytesPerConnection",
        held > 0 && heapBefore > 0 && heapAfter > 0 ? (heapAfter - heapBefore) / held : null);
    r.put(
        "rssAfterGcBytesPerConnection",
        held > 0 && rssBefore > 0 && rssAfterGc > 0 ? (rssAfterGc - rssBefore) / held : null);
    r.put("rssBeforeMiB", rssBefore / 1048576.0);
    r.put("rssAfterMiB", rssAfter / 1048576.0);
    r.put("idleCpuPct", cpu0.percentUntil(cpu1));
    r.put("connectSeconds", opened.elapsedNanos() / 1e9);
    load0.put(r::put, load1, cpu0.percentUntil(cpu1));
    r.put("failed", opened.failed());
    r.put("dropped", set.closedAfterReady());
    r.put("errors", set.errors());
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
        new Column("rssAtConnectBytesPerConnection", "RSS B/conn at connect"),
        new Column("bytesPerConnection", "RSS B/conn settled"),
        new Column("heapBytesPerConnection", "heap B/conn"),
        new Column("rssAfterGcBytesPerConnection", "RSS B/conn after GC"),
        new Column("rssBeforeMiB", "RSS0 MiB"),
        new Column("rssAfterMiB", "RSS1 MiB"),
        new Column("idleCpuPct", "idle CPU %"),
        new Column("connectSeconds", "connect s"),
        new Column("failed", "failed"),
        new Column("dropped", "dropped"),
        new Column("load1Before", "load"));
  }

  @Override
  public Map<String, Boolean> ratioKeys() {
    Map<String, Boolean> k = new LinkedHashMap<>();
    k.put("rssAtConnectBytesPerConnection", false);
    k.put("bytesPerConnection", false);
    k.put("heapBytesPerConnection", false);
    k.put("idleCpuPct", false);
    return k;
  }
}
