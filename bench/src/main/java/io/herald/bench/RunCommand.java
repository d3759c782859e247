package io.herald.bench;

import io.herald.bench.client.LoadClient;
import io.herald.bench.client.SourceAddresses;
import io.herald.bench.metrics.ProcStats;
import io.herald.bench.peer.RunningServer;
import io.herald.bench.peer.JvmOptions;
import io.herald.bench.peer.ServerLauncher;
import io.herald.bench.report.Charts;
import io.herald.bench.report.Report;
import io.herald.bench.scenario.ClusterScenario;
import io.herald.bench.scenario.ConnectScenario;
import io.herald.bench.scenario.FanoutScenario;
import io.herald.bench.scenario.IdleScenario;
import io.herald.bench.scenario.Result;
import io.herald.bench.scenario.Scenario;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code run SCENARIO}: starts each server in turn on loopback, runs the scenario against it with
 * the same generator and parameters, stops it, and prints the side-by-side table, the herald /
 * peer ratios and (with {@code --json}) one JSON object on the last line. Progress goes to stderr.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run SCENARIO against each server in turn and print the side-by-side table.",
      "Scenarios: idle, fanout, channels, connect, cluster. Durations: 500ms, 10s, 2m."
    })
final class RunCommand implements Callable<Integer> {

  private static final PrintStream LOG = System.err;

  @Parameters(index = "0", description = "idle | fanout | channels | connect | cluster")
  String scenario;

  @Option(names = "--servers", split = ",", description = "Servers, in order (default: herald,bare,nats,socketio; for cluster: herald,herald-cluster; unavailable peers are skipped).")
  List<String> servers;

  @Option(names = "--quick", description = "Smaller, shorter defaults: finishes each scenario in about a minute.")
  boolean quick;

  @Option(names = "--connections", description = "idle and connect: connections (default: idle 10000, connect 5000; --quick: 5000, 2000).")
  Integer connections;

  @Option(names = "--subscribers", description = "fanout and channels: subscribers (default: 1000).")
  Integer subscribers;

  @Option(names = "--rate", description = "fanout and channels: publishes per second (default: fanout 100, channels 1000).")
  Integer rate;

  @Option(names = "--duration", converter = DurationConverter.class, description = "Measured publishing time (default: 10s; --quick: 5s).")
  Duration duration;

  @Option(names = "--warmup", converter = DurationConverter.class, description = "Publishing before measuring, at the same rate (default: 2s; --quick: 1s).")
  Duration warmup;

  @Option(names = "--warmup-connections", description = "connect: an unmeasured storm of this many connections first (default: min(connections, 1000)).")
  Integer warmupConnections;

  @Option(names = "--drain", converter = DurationConverter.class, defaultValue = "5s", description = "Longest wait for outstanding deliveries after publishing (default: ${DEFAULT-VALUE}).")
  Duration drain;

  @Option(names = "--hold", converter = DurationConverter.class, description = "idle: how long the connections sit idle while CPU is measured (default: 10s; --quick: 5s).")
  Duration hold;

  @Option(names = "--payload-size", defaultValue = "128", description = "Payload bytes (default: ${DEFAULT-VALUE}).")
  int payloadSize;

  @Option(names = "--publish-via", defaultValue = "api", description = "api: the server's HTTP publish (Herald POST /api/publish; NATS has none and uses ws); ws: a client WebSocket (default: ${DEFAULT-VALUE}).")
  String publishVia;

  @Option(names = "--publisher-connections", defaultValue = "4", description = "HTTP connections (or WebSockets) the publisher uses (default: ${DEFAULT-VALUE}).")
  int publisherConnections;

  @Option(names = "--in-flight", description = "Connections opening at once (default: 500; connect: 200).")
  Integer inFlight;

  @Option(names = "--open-timeout", converter = DurationConverter.class, defaultValue = "120s", description = "Longest time to open all connections (default: ${DEFAULT-VALUE}).")
  Duration openTimeout;

  @Option(names = "--threads", defaultValue = "0", description = "Generator event loops (default: 0, one per core).")
  int threads;

  @Option(names = "--conns-per-address", defaultValue = "20000", description = "Connections per loopback source address 127.0.0.2, .3, ... (default: ${DEFAULT-VALUE}).")
  int connsPerAddress;

  @Option(names = "--pin", description = "Pin the servers to the first half of the CPUs and the generator to the rest (taskset).")
  boolean pin;

  @Option(names = "--server-java-opts", defaultValue = "", description = "Extra JVM options for the JVM servers (herald, bare), space-separated, after those of scripts/jvm.options.")
  String serverJavaOpts;

  @Option(names = "--herald-jar", description = "Herald's fat jar (default: server/target/herald.jar of this checkout).")
  Path heraldJar;

  @Option(names = "--peers-dir", description = "Directory of the peers (default: bench/peers of this checkout).")
  Path peersDir;

  @Option(names = "--out", description = "Where logs, configs and results go (default: bench/target/runs/<scenario>-<time>).")
  Path out;

  @Option(names = "--generator-warmup", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Run the scenario once against bare, unmeasured, before the measured servers, so the first of them does not pay for the generator's JIT warm-up (default: on; --no-generator-warmup turns it off).")
  boolean generatorWarmup;

  @Option(names = "--json", description = "Print the results as one JSON object on the last line.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Scenario s = scenario();
    if (s == null) {
      LOG.println("unknown scenario '" + scenario + "'; use idle, fanout, channels, connect or cluster");
      return 2;
    }
    if (servers == null) {
      servers = scenario.equals("cluster") ? List.of("herald", "herald-cluster")
          : List.of("herald", "bare", "nats", "socketio");
    }
    Path root = checkoutRoot();
    Path runDir = out != null ? out : root.resolve("bench/target/runs/" + scenario + "-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Files.createDirectories(runDir);

    int conns = connectionsNeeded();
    long[] fd = ProcStats.openFilesLimit();
    if (fd[0] > 0 && conns + 256 > fd[0]) {
      LOG.printf(
          "error: %d connections need about %d file descriptors here and as many in the server; "
              + "the open-files limit is %d (hard %d).%n"
              + "  Raise it in the shell that runs the bench: ulimit -n <n> (up to the hard limit);%n"
              + "  raising the hard limit needs root: ulimit -Hn 1048576, prlimit --pid $$ --nofile=1048576:1048576,%n"
              + "  LimitNOFILE= for systemd, or docker run --ulimit nofile=1048576:1048576.%n",
          conns, conns + 256, fd[0], fd[1]);
      return 2;
    }

    String serverCpus = null;
    String generatorCpus = null;
    int cores = Runtime.getRuntime().availableProcessors();
    if (pin) {
      if (cores < 2 || !Files.isExecutable(Path.of("/usr/bin/taskset"))) {
        LOG.println("note: --pin needs 2+ CPUs and taskset; not pinning");
      } else {
        int half = cores / 2;
        serverCpus = half == 1 ? "0" : "0-" + (half - 1);
        generatorCpus = half == cores - 1 ? Integer.toString(half) : half + "-" + (cores - 1);
        pinSelf(generatorCpus);
      }
    }

    List<String> jvmOptions = JvmOptions.of(root, serverJavaOpts);
    ServerLauncher launcher =
        new ServerLauncher(
            runDir,
            heraldJar != null ? heraldJar : root.resolve("server/target/herald.jar"),
            peersDir != null ? peersDir : root.resolve("bench/peers"),
            jvmOptions,
            serverCpus);

    SourceAddresses sources = SourceAddresses.forConnections(conns, connsPerAddress);
    int loops = threads > 0 ? threads : cores;
    Map<String, Object> machine = machine(cores, serverCpus, generatorCpus, sources, fd);
    List<Result> results = new ArrayList<>();
    try (LoadClient client = new LoadClient(loops, sources)) {
      machine.put("epoll", client.epoll());
      machine.put("serverJvmOptions", String.join(" ", jvmOptions));
      LOG.printf("%s %s; %s%n", s.name(), s.params(), machine);
      LOG.println("run directory: " + runDir);
      if (generatorWarmup) {
        warmUpGenerator(s, launcher, client);
      }
      machine.put("generatorWarmup", generatorWarmup);
      for (String server : servers) {
        String why = launcher.unavailable(server);
        if (why != null) {
          LOG.println("== " + server + ": skipped: " + why);
          results.add(new Result(server).put("skipped", why));
          continue;
        }
        LOG.println("== " + server + ": starting");
        Result r;
        try (RunningServer running = launcher.start(server)) {
          LOG.println("== " + server + ": pid " + running.target().pid() + " on "
              + running.target().address() + ", running " + s.name());
          try {
            r = s.run(running.target(), client);
          } catch (Exception e) {
            r = new Result(server).put("error", e.toString());
            e.printStackTrace(LOG);
            LOG.println("server log tail:\n" + running.tail());
          }
        } catch (IOException e) {
          r = new Result(server).put("error", e.getMessage());
        }
        LOG.println("== " + server + ": " + r.fields());
        results.add(r);
        Thread.sleep(1000);
      }
    }

    List<Result> ran = results.stream().filter(r -> r.get("skipped") == null).toList();
    Report report = new Report(s, machine, results);
    Report table = new Report(s, machine, ran);
    System.out.println();
    System.out.println(s.name() + " " + s.params());
    System.out.print(table.table());
    results.stream()
        .filter(r -> r.get("skipped") != null)
        .forEach(r -> System.out.println(r.server() + ": skipped: " + r.get("skipped")));
    String line = report.json();
    Files.writeString(runDir.resolve("result.json"), line + "\n");
    Path chart = runDir.resolve(s.name() + ".png");
    if (Charts.write(s.name(), s.name(), ran, chart)) {
      System.out.println("chart: " + chart);
    }
    System.out.println("results, configs and server logs: " + runDir);
    if (json) {
      System.out.println(line);
    }
    return ran.stream().anyMatch(r -> r.get("error") != null) ? 1 : 0;
  }

  /**
   * Runs {@code s} once against the bare broadcaster and throws the figures away: the
   * generator's own code is then compiled before the first measured server, which otherwise
   * pays for it (slower connects, so a JVM server's heap grows differently, and higher
   * latencies).
   */
  private static void warmUpGenerator(Scenario s, ServerLauncher launcher, LoadClient client) {
    LOG.println("== warm-up: the generator runs " + s.name() + " once against bare, unmeasured");
    try (RunningServer bare = launcher.start("bare")) {
      s.run(bare.target(), client);
    } catch (Exception e) {
      LOG.println("== warm-up failed (measuring anyway): " + e);
    }
  }

  private Scenario scenario() {
    int inFlightDefault = scenario.equals("connect") ? 200 : Scenario.DEFAULT_IN_FLIGHT;
    int open = inFlight != null ? inFlight : inFlightDefault;
    Duration dur = duration != null ? duration : Duration.ofSeconds(quick ? 5 : 10);
    Duration warm = warmup != null ? warmup : Duration.ofSeconds(quick ? 1 : 2);
    FanoutScenario.Via via =
        publishVia.equalsIgnoreCase("ws") ? FanoutScenario.Via.WS : FanoutScenario.Via.API;
    int subs = subscribers != null ? subscribers : 1000;
    return switch (scenario) {
      case "idle" ->
          new IdleScenario(
              connectionsNeeded(), hold != null ? hold : Duration.ofSeconds(quick ? 5 : 10), open, openTimeout);
      case "fanout" ->
          new FanoutScenario(false, subs, rate != null ? rate : 100, dur, warm, drain, payloadSize, via,
              publisherConnections, open, openTimeout);
      case "cluster" -> new ClusterScenario(
          new FanoutScenario(false, subs, rate != null ? rate : 100, dur, warm, drain, payloadSize,
              via, publisherConnections, open, openTimeout));
      case "channels" ->
          new FanoutScenario(true, subs, rate != null ? rate : 1000, dur, warm, drain, payloadSize, via,
              publisherConnections, open, openTimeout);
      case "connect" -> {
        int n = connectionsNeeded();
        yield new ConnectScenario(n, warmupConnections != null ? warmupConnections : Math.min(n, 1000), open, openTimeout);
      }
      default -> null;
    };
  }

  private int connectionsNeeded() {
    return switch (scenario) {
      case "idle" -> connections != null ? connections : quick ? 5000 : 10_000;
      case "connect" -> connections != null ? connections : quick ? 2000 : 5000;
      default -> (subscribers != null ? subscribers : 1000) + publisherConnections;
    };
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
          Path.of(RunCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
