package io.herald.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code herald serve} in a process of its own, as production runs it, so tests can send it real
 * signals ({@code kill -TERM}, {@code kill -HUP}) and read its log lines. Killed at {@link #close}
 * if still running.
 */
final class ServerProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("Herald listening on [^:]+:(\\d+)");
  private static final Pattern INTERNAL = Pattern.compile("/admin\\) on [^:]+:(\\d+)");

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final int port;
  private final int internalPort;

  private ServerProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "server-process-log");
    reader.setDaemon(true);
    reader.start();
    this.port = Integer.parseInt(awaitLog(LISTENING, Duration.ofSeconds(20)).group(1));
    // The configs of these tests all set internal.port; that listener is bound and logged second.
    this.internalPort =
        Integer.parseInt(awaitLog(INTERNAL, Duration.ofSeconds(10)).group(1));
  }

  /**
   * Starts {@code herald serve --config config --log-format json} at DEBUG level; the config must
   * set {@code internal.port}.
   */
  static ServerProcess serve(Path config) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
        "--enable-native-access=ALL-UNNAMED"));
    if (Runtime.version().feature() >= 24) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(List.of("-cp", productionClassPath(),
        "io.herald.cli.HeraldCommand", "serve", "--config", config.toString(),
        "--log-format", "json"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("HERALD_LOG_LEVEL", "DEBUG");
    builder.environment().keySet().removeIf(k -> k.startsWith("HERALD_") && !k.equals("HERALD_LOG_LEVEL"));
    Process process = builder.start();
    try {
      return new ServerProcess(process);
    } catch (RuntimeException | Error e) {
      process.destroyForcibly(); // never leave a server behind when it did not come up
      throw e;
    }
  }

  /** The test class path without the test classes (and their logback-test.xml). */
  private static String productionClassPath() {
    String sep = java.io.File.pathSeparator;
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(sep))
        .filter(entry -> !entry.endsWith("test-classes"))
        .collect(java.util.stream.Collectors.joining(sep));
  }

  int port() {
    return port;
  }

  int internalPort() {
    return internalPort;
  }

  /** Sends {@code signal} (e.g. {@code TERM}, {@code HUP}) with {@code kill}. */
  void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -" + signal + " failed");
    }
  }

  /** Waits for the process to exit; returns its status. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the server did not exit within " + timeout + "; log:\n" + log());
    }
    return process.exitValue();
  }

  /** Every line written so far. */
  List<String> lines() {
    return List.copyOf(lines);
  }

  String log() {
    return String.join("\n", lines);
  }

  /** Waits for a log line matching {@code pattern}. */
  Matcher awaitLog(Pattern pattern, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = findLog(pattern);
      if (m != null) {
        return m;
      }
      if (!process.isAlive()) {
        break;
      }
      WsClient.sleep(Duration.ofMillis(20));
    }
    throw new AssertionError("no log line matches " + pattern + "; log:\n" + log());
  }

  private Matcher findLog(Pattern pattern) {
    for (String line : lines) {
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        return m;
      }
    }
    return null;
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("(log read failed: " + e + ")");
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
