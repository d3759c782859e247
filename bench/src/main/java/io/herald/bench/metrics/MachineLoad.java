package io.herald.bench.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * How busy the whole machine was: Linux's {@code /proc/loadavg} and the aggregate {@code cpu}
 * line of {@code /proc/stat} (user, nice, system, idle, iowait, irq, softirq, steal ticks). A
 * reading before a step and one after it give the machine's CPU use during the step, the part of
 * it the hypervisor stole, and, with the server's and the generator's own CPU subtracted, what
 * everything else on the machine used: the figure that says whether a measurement was taken on a
 * quiet machine.
 *
 * <p>All fields are -1 where {@code /proc} cannot be read (not Linux).
 *
 * @param load1 one-minute load average at the reading
 * @param busyTicks non-idle ticks of all CPUs since boot (user + nice + system + irq + softirq + steal)
 * @param stealTicks ticks stolen by the hypervisor since boot
 * @param totalTicks all ticks of all CPUs since boot
 * @param nanos when the reading was taken ({@link System#nanoTime})
 */
public record MachineLoad(double load1, long busyTicks, long stealTicks, long totalTicks, long nanos) {

  /** Reads the machine's load now. */
  public static MachineLoad now() {
    double load = -1;
    try {
      load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        if (line.startsWith("cpu ")) {
          return parse(load, line, System.nanoTime());
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return new MachineLoad(load, -1, -1, -1, System.nanoTime());
  }

  /** Parses the aggregate {@code cpu} line of {@code /proc/stat}. */
  static MachineLoad parse(double load1, String cpuLine, long nanos) {
    String[] f = cpuLine.trim().split("\\s+");
    long[] v = new long[8];
    for (int i = 0; i < v.length && i + 1 < f.length; i++) {
      v[i] = Long.parseLong(f[i + 1]);
    }
    long idle = v[3] + v[4];
    long busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
    return new MachineLoad(load1, busy, v[7], busy + idle, nanos);
  }

  /**
   * The machine's CPU use from this reading to {@code later}, in percent of one core (200 = two
   * cores busy), or -1 when unreadable.
   */
  public double busyPercentUntil(MachineLoad later) {
    return percent(busyTicks, later.busyTicks, later);
  }

  /** Like {@link #busyPercentUntil}, the stolen part only. */
  public double stealPercentUntil(MachineLoad later) {
    return percent(stealTicks, later.stealTicks, later);
  }

  private double percent(long from, long to, MachineLoad later) {
    if (from < 0 || to < 0 || later.nanos <= nanos) {
      return -1;
    }
    double seconds = (to - from) / (double) ProcStats.TICKS_PER_SECOND;
    return 100.0 * seconds / ((later.nanos - nanos) / 1e9);
  }

  /**
   * Puts the machine fields of a measured window into {@code r} (a result's {@code put}): {@code load1Before} (this
   * reading's load average), {@code load1After}, {@code machineCpuPct}, {@code stealCpuPct} and
   * {@code otherCpuPct} (the machine's CPU minus {@code ownCpuPct}, the server's and the
   * generator's, never below 0): what other work on the machine used while this was measured.
   */
  public void put(BiConsumer<String, Object> r, MachineLoad later, double ownCpuPct) {
    double busy = busyPercentUntil(later);
    r.accept("load1Before", load1);
    r.accept("load1After", later.load1);
    r.accept("machineCpuPct", busy < 0 ? null : busy);
    double steal = stealPercentUntil(later);
    r.accept("stealCpuPct", steal < 0 ? null : steal);
    r.accept("otherCpuPct", busy < 0 || ownCpuPct < 0 ? null : Math.max(0, busy - ownCpuPct));
  }
}
