package io.herald.engine.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} this test starts on a free loopback port, without persistence, so that
 * it may be stopped and restarted (losing its data, as a Redis without persistence does) without
 * touching the machine's shared Redis.
 */
public final class RedisProcess implements AutoCloseable {

  private final int port;
  private final Path dir;
  private final boolean cluster;
  private final Integer sentinelOf;
  private List<String> tls = List.of();
  private Process process;

  private RedisProcess(int port, Path dir, boolean cluster, Integer sentinelOf) {
    this.port = port;
    this.dir = dir;
    this.cluster = cluster;
    this.sentinelOf = sentinelOf;
  }

  /**
   * Starts a Redis on a free port that speaks only TLS there, with the PEM {@code certFile} and
   * {@code keyFile}; clients need no certificate of their own.
   */
  public static RedisProcess startTls(Path certFile, Path keyFile) {
    try {
      RedisProcess p = new RedisProcess(freePort(), Files.createTempDirectory("herald-redis-tls"),
          false, null);
      p.tls = List.of("--port", "0", "--tls-port", Integer.toString(p.port),
          "--tls-cert-file", certFile.toString(), "--tls-key-file", keyFile.toString(),
          "--tls-auth-clients", "no");
      p.restart();
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts a Redis Sentinel on a free port that monitors the master on {@code masterPort} as
   * {@code masterName} (quorum 1).
   */
  public static RedisProcess startSentinel(String masterName, int masterPort) {
    try {
      RedisProcess p = new RedisProcess(freePort(), Files.createTempDirectory("herald-sentinel"),
          false, masterPort);
      Files.writeString(p.dir.resolve("sentinel.conf"), "port " + p.port + "\nbind 127.0.0.1\n"
          + "sentinel monitor " + masterName + " 127.0.0.1 " + masterPort + " 1\n");
      p.restart();
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a plain Redis on a free port. */
  public static RedisProcess start() {
    return start(false);
  }

  /** Starts a Redis on a free port; with {@code cluster}, in cluster mode (not yet joined). */
  public static RedisProcess start(boolean cluster) {
    try {
      RedisProcess p = new RedisProcess(freePort(), Files.createTempDirectory("herald-redis"),
          cluster, null);
      p.restart();
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public String address() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Stops the server (SIGKILL, as a crash) and waits until it is gone. */
  public void stop() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /**
   * Stalls the server (SIGSTOP): its connections stay open and take bytes, but nothing is
   * answered until {@link #resume}, as a Redis stuck in a long command or a paused VM.
   */
  public void pause() {
    signal("STOP");
  }

  /** Lets a {@link #pause}d server run again (SIGCONT); it answers what queued up meanwhile. */
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
          .redirectErrorStream(true).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Starts the server again on the same port, empty; returns once it accepts connections. */
  public void restart() {
    stop();
    List<String> cmd = sentinelOf != null
        ? new ArrayList<>(List.of("redis-server", dir.resolve("sentinel.conf").toString(),
            "--sentinel"))
        : new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
    cmd.addAll(tls); // the later --port 0 wins: no plain port
    if (cluster) {
      cmd.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file",
          dir.resolve("nodes-" + port + ".conf").toString()));
    }
    try {
      Files.deleteIfExists(dir.resolve("nodes-" + port + ".conf"));
      process = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(dir.resolve("redis.log").toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start redis-server", e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    throw new IllegalStateException("redis-server did not start on port " + port);
  }

  /**
   * Joins {@code nodes} (started with {@code cluster}) into a Redis Cluster without replicas and
   * waits until every slot is served.
   */
  public static void createCluster(List<RedisProcess> nodes) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    nodes.forEach(n -> cmd.add("127.0.0.1:" + n.port));
    cmd.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("redis-cli --cluster create failed: " + out);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (RedisProcess n : nodes) {
      while (!n.cli("cluster", "info").contains("cluster_state:ok")) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the cluster did not become ok");
        }
        Thread.sleep(100);
      }
    }
  }

  /** Runs {@code redis-cli} against this server and returns its output. */
  public String cli(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(10, TimeUnit.SECONDS);
    return out;
  }

  @Override
  public void close() {
    stop();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
