package io.herald.engine.nats;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code nats-server} of a test's own, on a free loopback port, that the test may stop and start
 * again on the same port (the machine's shared server must never be stopped).
 */
public final class NatsServerProcess implements AutoCloseable {

  private final int port;
  private final Path configFile;
  private Process process;

  /** A server on a free port, not started yet. */
  public NatsServerProcess() throws IOException {
    this(null);
  }

  /**
   * A server on a free port reading {@code configFile} (e.g. its {@code authorization} block),
   * not started yet.
   */
  public NatsServerProcess(Path configFile) throws IOException {
    this.configFile = configFile;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
  }

  public String url() {
    return "nats://127.0.0.1:" + port;
  }

  /** Starts the server and waits until it accepts connections. */
  public void start() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(
        List.of("nats-server", "-a", "127.0.0.1", "-p", Integer.toString(port)));
    if (configFile != null) {
      command.addAll(List.of("-c", configFile.toString()));
    }
    process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(new File(System.getProperty("java.io.tmpdir"), "nats-" + port + ".log"))
        .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    throw new IOException("nats-server did not start on port " + port);
  }

  /**
   * Stalls the server (SIGSTOP): connections stay open, nothing is answered or forwarded until
   * {@link #resume}.
   */
  public void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** Lets a {@link #pause}d server run again (SIGCONT). */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
        .redirectErrorStream(true).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + name + " failed");
    }
  }

  /** Kills the server (no goodbye to clients) and waits until it is gone. */
  public void stop() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      process = null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
