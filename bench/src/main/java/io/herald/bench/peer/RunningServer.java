package io.herald.bench.peer;

import io.herald.bench.scenario.Target;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server started as a child process for one scenario run: its process, log file and {@link
 * Target}. {@link #close()} stops it (SIGTERM, then SIGKILL after 15 s). A JVM shutdown hook
 * kills it too, so an interrupted run leaves no server behind.
 */
public final class RunningServer implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final Thread killer;
  private final List<RunningServer> companions = new ArrayList<>();
  private Target target;

  private RunningServer(Process process, Path log, Target target) {
    this.process = process;
    this.log = log;
    this.target = target;
    this.killer = new Thread(process::destroyForcibly, "kill-" + target.server());
    Runtime.getRuntime().addShutdownHook(killer);
  }

  /**
   * Starts {@code command}, its output going to {@code log}, and waits until {@code address}
   * accepts TCP connections (up to 60 s).
   *
   * @param target the target, without its pid (filled in here)
   */
  static RunningServer start(List<String> command, Path log, Target target) throws IOException {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Target withPid = new Target(target.protocol(), target.address(), p.pid(), target.jvm());
    RunningServer server = new RunningServer(p, log, withPid);
    try {
      server.awaitPort(target.address(), 60_000);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitPort(InetSocketAddress address, long timeoutMillis) throws IOException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (true) {
      if (!process.isAlive()) {
        throw new IOException(
            target.server() + " exited with " + process.exitValue() + " before listening:\n" + tail());
      }
      try (Socket s = new Socket()) {
        s.connect(address, 200);
        return;
      } catch (IOException e) {
        if (System.currentTimeMillis() > deadline) {
          throw new IOException(target.server() + " not listening on " + address + " after "
              + timeoutMillis / 1000 + " s:\n" + tail());
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", ie);
        }
      }
    }
  }

  public Target target() {
    return target;
  }

  /**
   * Makes {@code others} (a cluster's other nodes) part of this server: the target lists their
   * addresses and processes after this one's, and {@link #close} stops them too.
   *
   * @return this
   */
  RunningServer withCompanions(List<RunningServer> others) {
    List<java.net.InetSocketAddress> addresses = new ArrayList<>(target.moreAddresses());
    List<Long> pids = new ArrayList<>(target.morePids());
    for (RunningServer other : others) {
      addresses.add(other.target.address());
      pids.add(other.target.pid());
      companions.add(other);
    }
    target = new Target(
        target.protocol(), target.address(), target.pid(), target.jvm(), addresses, pids);
    return this;
  }

  public Path log() {
    return log;
  }

  /** The last 20 lines of the server's output. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException | RuntimeException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    companions.forEach(RunningServer::close);
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException e) {
      // shutting down already
    }
  }
}
