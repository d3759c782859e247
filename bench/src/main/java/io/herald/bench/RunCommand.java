package io.herald.bench;

import io.herald.bench.peer.RunningServer;
import io.herald.bench.report.Charts;
import io.herald.bench.report.Report;
import io.herald.bench.scenario.Result;
import io.herald.bench.scenario.Scenario;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin BenchOptions options;

  @Option(names = "--json", description = "Print the results as one JSON object on the last line.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Scenario s = options.scenario(scenario);
    if (s == null) {
      LOG.println("unknown scenario '" + scenario + "'; use idle, fanout, channels, connect or cluster");
      return 2;
    }
    List<String> servers = options.servers(scenario, List.of("herald", "bare", "nats", "socketio"));
    List<Result> results = new ArrayList<>();
    BenchSetup setup = BenchSetup.create(options, scenario, options.connectionsNeeded(scenario));
    if (setup == null) {
      return 2;
    }
    try (setup) {
      LOG.printf("%s %s; %s%n", s.name(), s.params(), setup.machine);
      LOG.println("run directory: " + setup.runDir);
      if (options.generatorWarmup) {
        setup.warmUpGenerator(s);
      }
      setup.machine.put("generatorWarmup", options.generatorWarmup);
      for (String server : servers) {
        String why = setup.launcher.unavailable(server);
        if (why != null) {
          LOG.println("== " + server + ": skipped: " + why);
          results.add(new Result(server).put("skipped", why));
          continue;
        }
        LOG.println("== " + server + ": starting");
        Result r;
        try (RunningServer running = setup.launcher.start(server)) {
          LOG.println("== " + server + ": pid " + running.target().pid() + " on "
              + running.target().address() + ", running " + s.name());
          try {
            r = s.run(running.target(), setup.client);
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

    Path runDir = setup.runDir;
    List<Result> ran = results.stream().filter(r -> r.get("skipped") == null).toList();
    Report report = new Report(s, setup.machine, results);
    Report table = new Report(s, setup.machine, ran);
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
}
