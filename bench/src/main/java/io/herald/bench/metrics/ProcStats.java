package io.herald.bench.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's resident memory and CPU time from Linux's {@code /proc}: {@code VmRSS} in
 * {@code /proc/<pid>/status}, {@code utime + stime} in {@code /proc/<pid>/stat}. Returns -1 where
 * {@code /proc} is missing (not Linux) or the process is gone.
 */
public final class ProcStats {

  /** Linux's USER_HZ: clock ticks per second in /proc/<pid>/stat; 100 on every mainstream arch. */
  public static final long TICKS_PER_SECOND = 100;

  private ProcStats() {}

  /** Resident set size in bytes, or -1. */
  public static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring(6).trim().split("\\s+")[0];
          return Long.parseLong(kb) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** User plus system CPU time in clock ticks, or -1. */
  public static long cpuTicks(long pid) {
    long[] us = userSystemTicks(pid);
    return us == null ? -1 : us[0] + us[1];
  }

  /** {user, system} CPU time in clock ticks, or null. */
  static long[] userSystemTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])}; // fields 14, 15 of stat(5)
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * A CPU-time reading (user and system ticks; -1 when unreadable) with the wall-clock time it was
   * taken at.
   */
  public record Cpu(long userTicks, long systemTicks, long nanos) {

    /** Reads {@code pid}'s CPU time now. */
    public static Cpu of(long pid) {
      long[] us = userSystemTicks(pid);
      return us == null ? new Cpu(-1, -1, System.nanoTime()) : new Cpu(us[0], us[1], System.nanoTime());
    }

    /** Reads the CPU time of every process in {@code pids} (a cluster's nodes) now, summed. */
    public static Cpu of(java.util.List<Long> pids) {
      long user = 0;
      long system = 0;
      for (long pid : pids) {
        long[] us = userSystemTicks(pid);
        if (us == null) {
          return new Cpu(-1, -1, System.nanoTime());
        }
        user += us[0];
        system += us[1];
      }
      return new Cpu(user, system, System.nanoTime());
    }

    /** CPU used between {@code this} and {@code later}, in percent of one core (200 = 2 cores). */
    public double percentUntil(Cpu later) {
      return percent(userTicks + systemTicks, later.userTicks + later.systemTicks, later);
    }

    /** CPU time used between {@code this} and {@code later} in microseconds, or -1. */
    public long microsUntil(Cpu later) {
      if (userTicks < 0 || later.userTicks < 0) {
        return -1;
      }
      return (later.userTicks + later.systemTicks - userTicks - systemTicks)
          * (1_000_000L / TICKS_PER_SECOND);
    }

    /** Like {@link #percentUntil}, system (kernel) time only. */
    public double systemPercentUntil(Cpu later) {
      return percent(systemTicks, later.systemTicks, later);
    }

    private double percent(long from, long to, Cpu later) {
      if (userTicks < 0 || later.userTicks < 0 || later.nanos <= nanos) {
        return -1;
      }
      double seconds = (to - from) / (double) TICKS_PER_SECOND;
      return 100.0 * seconds / ((later.nanos - nanos) / 1e9);
    }
  }

  /** This process's id. */
  public static long self() {
    return ProcessHandle.current().pid();
  }

  /** The soft and hard limits on open files of this process, or {-1, -1}. */
  public static long[] openFilesLimit() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          String[] f = line.substring("Max open files".length()).trim().split("\\s+");
          return new long[] {parseLimit(f[0]), parseLimit(f[1])};
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return new long[] {-1, -1};
  }

  private static long parseLimit(String s) {
    return s.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(s);
  }
}
