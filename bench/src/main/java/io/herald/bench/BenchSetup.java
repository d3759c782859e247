package io.herald.bench;

import io.herald.bench.client.LoadClient;
import io.herald.bench.client.SourceAddresses;
import io.herald.bench.metrics.MachineLoad;
import io.herald.bench.metrics.ProcStats;
import io.herald.bench.peer.JvmOptions;
import io.herald.bench.peer.RunningServer;
import io.herald.bench.peer.ServerLauncher;
import io.herald.bench.scenario.Scenario;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What every command that runs scenarios sets up before the first server starts: the run
 * directory, the open-files check, CPU pinning ({@code --pin}), the server launcher with the
 * launcher's JVM options, the load generator and the description of the machine that goes into
 * every report. Closing it closes the generator.
 */
final class BenchSetup implements AutoCloseable {

  private static final PrintStream LOG = System.err;

  final Path runDir;
  final ServerLauncher launcher;
  final LoadClient client;
  final Map<String, Object> machine;

  private BenchSetup(Path runDir, ServerLauncher launcher, LoadClient client, Map<String, Object> machine) {
    this.runDir = runDir;
    this.launcher = launcher;
    this.client = client;
    this.machine = machine;
  }

  /**
   * Sets up a run of {@code scenario} named {@code label} (the run directory's prefix).
   *
   * @param connections the most connections the run holds at once
   * @return the setup, or null when the open-files limit is too low (the reason is printed)
   */
  static BenchSetup create(BenchOptions o, String label, int connections)
      throws IOException, InterruptedException {
    Path root = checkoutRoot();
    Path runDir = o.out != null ? o.out : root.resolve("bench/target/runs/" + label + "-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Files.createDirectories(runDir);

    long[] fd = ProcStats.openFilesLimit();
    if (fd[0] > 0 && connections + 256 > fd[0]) {
      LOG.printf(
          "error: %d connections need about %d file descriptors here and as many in the server; "
              + "the open-files limit is %d (hard %d).%n"
              + "  Raise it in the shell that runs the bench: ulimit -n <n> (up to the hard limit);%n"
              + "  raising the hard limit needs root: ulimit -Hn 1048576, prlimit --pid $$ --nofile=1048576:1048576,%n"
              + "  LimitNOFILE= for systemd, or docker run --ulimit nofile=1048576:1048576.%n",
          connections, connections + 256, fd[0], fd[1]);
      return null;
    }

    String serverCpus = null;
    String generatorCpus = null;
    int cores = Runtime.getRuntime().availableProcessors();
    if (o.pin) {
      if (cores < 2 || !Files.isExecutable(Path.of("/usr/bin/taskset"))) {
        LOG.println("note: --pin needs 2+ CPUs and taskset; not pinning");
      } else {
        int half = cores / 2;
        serverCpus = half == 1 ? "0" : "0-" + (half - 1);
        generatorCpus = half == cores - 1 ? Integer.toString(half) : half + "-" + (cores - 1);
        pinSelf(generatorCpus);
      }
    }

    List<String> jvmOptions = JvmOptions.of(root, o.serverJavaOpts);
    ServerLauncher launcher =
        new ServerLauncher(
            runDir,
            o.heraldJar != null ? o.heraldJar : root.resolve("server/target/herald.jar"),
            o.peersDir != null ? o.peersDir : root.resolve("bench/peers"),
            jvmOptions,
            serverCpus);
    SourceAddresses sources = SourceAddresses.forConnections(connections, o.connsPerAddress);
    int loops = o.threads > 0 ? o.threads : cores;
    Map<String, Object> machine = machine(cores, serverCpus, generatorCpus, sources, fd);
    LoadClient client = new LoadClient(loops, sources);
    machine.put("epoll", client.epoll());
    machine.put("serverJvmOptions", String.join(" ", jvmOptions));
    MachineLoad load = MachineLoad.now();
    machine.put("load1AtStart", load.load1());
    return new BenchSetup(runDir, launcher, client, machine);
  }

  /**
   * Runs {@code s} once against the bare broadcaster and throws the figures away: the
   * generator's own code is then compiled before the first measured server, which otherwise
   * pays for it (slower connects, so a JVM server's heap grows differently, and higher
   * latencies).
   */
  void warmUpGenerator(Scenario s) {
    LOG.println("== warm-up: the generator runs " + s.name() + " once against bare, unmeasured");
    try (RunningServer bare = launcher.start("bare")) {
      s.run(bare.target(), client);
    } catch (Exception e) {
      LOG.println("== warm-up failed (measuring anyway): " + e);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  private static Map<String, Object> machine(
      int cores, String serverCpus, String generatorCpus, SourceAddresses sources, long[] fd) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", cores);
    m.put("cpu", cpuModel());
    m.put("kernel", readTrimmed("/proc/sys/kernel/osrelease"));
    m.put("java", Runtime.version().toString());
    m.put("pinned", serverCpus == null ? "no (server and generator share all cores)"
        : "server on CPUs " + serverCpus + ", generator on " + generatorCpus);
    m.put("sourceAddresses", sources.toString());
    m.put("openFilesLimit", fd[0]);
    return m;
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String readTrimmed(String path) {
    try {
      return Files.readString(Path.of(path)).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void pinSelf(String cpus) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(ProcStats.self()))
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  /** The checkout this jar was built in: bench/target/herald-bench.jar or bench/target/classes. */
  private static Path checkoutRoot() {
    try {
      Path here =
          Path.of(BenchSetup.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path root = here.getParent().getParent().getParent();
      if (root != null && Files.isDirectory(root.resolve("bench"))) {
        return root;
      }
    } catch (URISyntaxException | RuntimeException e) {
      // fall through
    }
    return Path.of("").toAbsolutePath();
  }
}
