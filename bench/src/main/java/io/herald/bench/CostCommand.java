package io.herald.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.bench.client.LoadClient;
import io.herald.bench.report.CostReport;
import io.herald.bench.scenario.Result;
import io.herald.bench.scenario.Scenario;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cost SCENARIO}: the scenario at one rate, {@code --repeat} rounds with the servers
 * interleaved (round 1 herald, bare, nats; round 2 bare, nats, herald; ...), reported per figure
 * as median and spread over the rounds: CPU microseconds per delivery (server CPU time over
 * deliveries) for {@code fanout} and {@code channels}, per handshake for {@code connect}, memory
 * per idle connection right after connecting and after the node settled for {@code idle}. The
 * servers keep running between rounds, except for {@code idle}, where every round starts a fresh
 * process (a process's resident memory depends on what it held before).
 */
@Command(
    name = "cost",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measure SCENARIO in --repeat rounds with the servers interleaved; print median and spread.",
      "Scenarios: idle, fanout, channels, connect."
    })
final class CostCommand implements Callable<Integer> {

  private static final PrintStream LOG = System.err;

  @Parameters(index = "0", description = "idle | fanout | channels | connect")
  String scenario;

  @Mixin BenchOptions options;

  @Option(names = "--repeat", defaultValue = "3", description = "Rounds (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--json", description = "Print the results as one JSON object on the last line.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!List.of("idle", "fanout", "channels", "connect").contains(scenario)) {
      LOG.println("unknown scenario '" + scenario + "'; use idle, fanout, channels or connect");
      return 2;
    }
    if (scenario.equals("connect") && options.rate != null && options.duration == null) {
      options.duration = java.time.Duration.ofSeconds(3);
    }
    Scenario s = options.rate != null && scenario.equals("connect")
        ? options.scenario(scenario, options.rate, options.duration)
        : options.scenario(scenario);
    List<String> servers = options.servers(scenario, List.of("herald", "bare", "nats"));
    BenchSetup setup = BenchSetup.create(options, "cost-" + scenario, options.connectionsNeeded(scenario));
    if (setup == null) {
      return 2;
    }
    CostReport report;
    try (setup; ServerPool pool = new ServerPool(setup.launcher)) {
      LOG.printf("cost %s %s, %d rounds; %s%n", s.name(), s.params(), repeat, setup.machine);
      LOG.println("run directory: " + setup.runDir);
      List<String> live = new ArrayList<>();
      for (String server : servers) {
        String why = setup.launcher.unavailable(server);
        if (why != null) {
          LOG.println("== " + server + ": skipped: " + why);
        } else {
          live.add(server);
        }
      }
      if (options.generatorWarmup) {
        setup.warmUpGenerator(s);
      }
      report = rounds(pool, setup.client, live, s, repeat, scenario, true);
    }
    System.out.println();
    System.out.println("cost " + s.name() + " " + s.params() + ", " + repeat
        + " rounds, servers interleaved: median (min-max, spread)");
    System.out.print(report.table());
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("command", "cost");
    root.put("scenario", scenario);
    root.put("params", s.params());
    root.put("repeat", repeat);
    root.put("machine", setup.machine);
    root.putAll(report.toMap());
    Files.writeString(setup.runDir.resolve("summary.md"), "`bench/run.sh cost " + scenario + "` "
        + s.params() + ", " + repeat + " rounds, servers interleaved, median (min-max, spread):\n\n"
        + report.markdown());
    String line = new ObjectMapper().writeValueAsString(root);
    Files.writeString(setup.runDir.resolve("result.json"), line + "\n");
    System.out.println("results, configs and server logs: " + setup.runDir);
    if (json) {
      System.out.println(line);
    }
    return 0;
  }

  /**
   * Runs {@code s} {@code repeat} times against every server, interleaved and rotating who goes
   * first; {@code idle} gets a fresh server process per round.
   *
   * @param warmUp first run {@code s} once against every server, unmeasured, so that no JVM
   *     server's first round pays for its JIT (not for {@code idle}, whose rounds start fresh
   *     processes on purpose)
   */
  static CostReport rounds(ServerPool pool, LoadClient client, List<String> servers, Scenario s,
      int repeat, String scenario, boolean warmUp) throws InterruptedException {
    Map<String, List<Result>> rounds = new LinkedHashMap<>();
    servers.forEach(sv -> rounds.put(sv, new ArrayList<>()));
    boolean fresh = scenario.equals("idle");
    if (warmUp && !fresh) {
      for (String server : servers) {
        LOG.println("== warm-up round, " + server + " (unmeasured)");
        pool.run(server, s, client, false);
      }
    }
    for (int i = 0; i < repeat; i++) {
      for (String server : ServerPool.rotation(servers, i)) {
        LOG.printf("== round %d/%d, %s%n", i + 1, repeat, server);
        Result r = pool.run(server, s, client, fresh);
        LOG.println("== " + server + ": " + r.fields());
        rounds.get(server).add(r);
        if (fresh) {
          pool.stop(server);
        }
        Thread.sleep(1000);
      }
    }
    return new CostReport(scenario, rounds);
  }
}
