package io.herald.bench.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live heap of a JVM server, measured with the JDK's {@code jcmd}: a full GC ({@code GC.run}),
 * then the "used" figure of {@code GC.heap_info}. Used only for JVM servers (Herald and the bare
 * broadcaster); the result is -1 when jcmd is missing or its output is not understood.
 */
public final class JvmHeap {

  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private JvmHeap() {}

  /** Bytes of heap in use after a full GC of process {@code pid}, or -1. */
  public static long usedAfterGc(long pid) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!jcmd.toFile().canExecute()) {
      return -1;
    }
    try {
      run(List.of(jcmd.toString(), Long.toString(pid), "GC.run"));
      String info = run(List.of(jcmd.toString(), Long.toString(pid), "GC.heap_info"));
      return used(info);
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * The heap in use from {@code GC.heap_info}'s text: the sum over the generations for the
   * generational collectors that list them (Serial: {@code DefNew} and {@code Tenured}, or {@code
   * def new generation} and {@code tenured generation} on older JDKs; Parallel), else
   * the first {@code used} figure (G1's whole heap), never Metaspace's.
   */
  static long used(String info) {
    long generations = 0;
    boolean any = false;
    long first = -1;
    for (String line : info.split("\\R")) {
      Matcher m = USED.matcher(line);
      if (!m.find() || line.contains("Metaspace") || line.contains("class space")) {
        continue;
      }
      long bytes = Long.parseLong(m.group(1)) * 1024;
      if (first < 0) {
        first = bytes;
      }
      String t = line.strip();
      if (line.contains("generation") || t.startsWith("DefNew") || t.startsWith("Tenured")
          || t.startsWith("PSYoungGen") || t.startsWith("ParOldGen")) {
        generations += bytes;
        any = true;
      }
    }
    return any ? generations : first;
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("jcmd timed out");
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
