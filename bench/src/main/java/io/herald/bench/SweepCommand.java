package io.herald.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.bench.report.CostReport;
import io.herald.bench.report.SweepChart;
import io.herald.bench.report.SweepReport;
import io.herald.bench.scenario.Result;
import io.herald.bench.scenario.Scenario;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * {@code sweep SCENARIO}: raises the offered rate step by step for every server, interleaved
 * (each step runs herald, bare, nats, rotating who goes first), until a server's p99 passes the
 * bound or anything is lost or fails; a step a server failed is retried once. Then the refinement:
 * for every server that held a step and failed the next, {@code --refine} rounds of bisection
 * between the two ({@link RateBisection}), the servers interleaved per round. Reports every step
 * (p50, p99, CPU, CPU per delivery, the machine's other load), the highest rate each server held
 * (refinement steps included) and the herald / peer ratios, as a table, JSON and a chart (SVG and
 * PNG). Then, unless {@code --no-cost}, the cost phase: the scenario at one rate every server
 * held, {@code --repeat} rounds with the servers interleaved, reported as median and spread
 * ({@link CostCommand}).
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Raise the offered rate step by step for each server until p99 passes the bound or",
      "anything is lost; then measure the cost figures at a rate every server holds.",
      "Scenarios: fanout, channels (publishes/s), connect (connections/s)."
    })
final class SweepCommand implements Callable<Integer> {

  private static final PrintStream LOG = System.err;

  /** Default steps per scenario, offered publishes (connections) per second. */
  static final Map<String, List<Double>> DEFAULT_RATES = Map.of(
      "fanout", List.of(10.0, 20.0, 50.0, 100.0, 150.0, 200.0, 300.0, 400.0, 500.0, 700.0, 1000.0, 1400.0, 2000.0),
      "channels", List.of(200.0, 500.0, 1000.0, 2000.0, 3000.0, 5000.0, 7000.0, 10000.0, 14000.0, 20000.0, 28000.0, 40000.0),
      "connect", List.of(200.0, 500.0, 1000.0, 1500.0, 2000.0, 3000.0, 4000.0, 5000.0, 7000.0, 10000.0, 14000.0));

  /** Default rate of the cost phase (lowered to the highest rate every server held). */
  static final Map<String, Double> DEFAULT_COST_RATE =
      Map.of("fanout", 100.0, "channels", 1000.0, "connect", 1000.0);

  @Parameters(index = "0", description = "fanout | channels | connect")
  String scenario;

  @Mixin BenchOptions options;

  @Option(names = "--rates", split = ",", description = "The steps, offered publishes (connect: connections) per second, ascending (default: fanout 10..2000, channels 200..40000, connect 200..14000).")
  List<Double> rates;

  @Option(names = "--p99-bound", converter = DurationConverter.class, defaultValue = "50ms", description = "A step is held while p99 stays within this (default: ${DEFAULT-VALUE}) and nothing is lost or fails.")
  Duration bound;

  @Option(names = "--retries", defaultValue = "1", description = "How often a step a server failed is measured again before it counts as failed (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(names = "--refine", defaultValue = "2", description = "Refinement rounds after the ladder: a server that held a step and failed the next is measured at their geometric midpoint (rounded to 2 significant figures), which becomes the new held or failed end, this many times; 0: no refinement (default: ${DEFAULT-VALUE}).")
  int refine;

  @Option(names = "--repeat", defaultValue = "3", description = "Cost phase: rounds, servers interleaved (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--cost-rate", description = "Cost phase: the rate (default: fanout 100, channels 1000, connect 1000, or the highest rate every server held, refinement included, when lower, or the first step when some server held none).")
  Double costRate;

  @Option(names = "--cost", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Run the cost phase after the sweep (default: on).")
  boolean cost;

  @Option(names = "--json", description = "Print the results as one JSON object on the last line.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!DEFAULT_RATES.containsKey(scenario)) {
      LOG.println("unknown sweep scenario '" + scenario + "'; use fanout, channels or connect");
      return 2;
    }
    if (refine < 0) {
      LOG.println("--refine must be 0 or more (refinement rounds; 0 turns refinement off), got " + refine);
      return 2;
    }
    defaults(options, scenario);
    List<Double> ladder = rates != null ? rates.stream().sorted().toList() : DEFAULT_RATES.get(scenario);
    List<String> servers = options.servers(scenario, List.of("herald", "bare", "nats"));
    double boundMs = bound.toNanos() / 1e6;
    BenchSetup setup = BenchSetup.create(options, "sweep-" + scenario, options.connectionsNeeded(scenario));
    if (setup == null) {
      return 2;
    }
    Map<String, List<SweepReport.Step>> steps = new LinkedHashMap<>();
    Map<String, Object> root = new LinkedHashMap<>();
    SweepReport sweep;
    CostReport costs = null;
    Scenario costScenario = null;
    try (setup; ServerPool pool = new ServerPool(setup.launcher)) {
      LOG.println("sweep " + scenario + " over " + ladder + " for " + servers + "; " + setup.machine);
      LOG.println("run directory: " + setup.runDir);
      List<String> live = new ArrayList<>();
      for (String server : servers) {
        String why = setup.launcher.unavailable(server);
        if (why != null) {
          LOG.println("== " + server + ": skipped: " + why);
          root.computeIfAbsent("skipped", k -> new LinkedHashMap<String, String>());
          @SuppressWarnings("unchecked")
          Map<String, String> skipped = (Map<String, String>) root.get("skipped");
          skipped.put(server, why);
        } else {
          live.add(server);
          steps.put(server, new ArrayList<>());
        }
      }
      if (options.generatorWarmup) {
        setup.warmUpGenerator(step(ladder.get(0)));
      }
      // One unmeasured run of the first step per server: its JIT (and the generator's) warm
      // before the first measured step, which otherwise measures compilation.
      for (String server : live) {
        LOG.println("== warm-up step, " + server + " (unmeasured)");
        pool.run(server, step(ladder.get(0)), setup.client, false);
      }
      List<String> holding = new ArrayList<>(live);
      Map<String, RateBisection> refining = new LinkedHashMap<>();
      for (int i = 0; i < ladder.size() && !holding.isEmpty(); i++) {
        double rate = ladder.get(i);
        for (String server : ServerPool.rotation(new ArrayList<>(holding), i)) {
          if (!measure(pool, setup, server, rate, false, boundMs, steps.get(server))) {
            // Kept running (it drained before the verdict): restarted cold, it would pay for its
            // JIT again in the cost phase's first round.
            holding.remove(server);
            double below = i == 0 ? 0 : ladder.get(i - 1);
            RateBisection.start(below, rate, refine).ifPresent(b -> refining.put(server, b));
          }
        }
      }
      for (int round = 0; ; round++) {
        refining.values().removeIf(b -> b.next().isEmpty());
        if (refining.isEmpty()) {
          break;
        }
        for (String server : ServerPool.rotation(new ArrayList<>(refining.keySet()), ladder.size() + round)) {
          RateBisection b = refining.get(server);
          double mid = b.next().getAsDouble();
          refining.put(server, b.after(measure(pool, setup, server, mid, true, boundMs, steps.get(server))));
        }
      }
      sweep = new SweepReport(steps, boundMs, scenario.equals("connect") ? "connections/s" : "publishes/s");

      if (cost) {
        double common = live.stream().mapToDouble(sv -> sweep.highestHeld().getOrDefault(sv, 0.0))
            .min().orElse(0);
        double rate = costRate != null ? costRate
            : Math.min(DEFAULT_COST_RATE.get(scenario), common > 0 ? common : ladder.get(0));
        costScenario = step(rate);
        root.put("costRate", rate);
        costs = CostCommand.rounds(pool, setup.client, live, costScenario, repeat, scenario, false);
      }
    }

    System.out.println();
    System.out.println("sweep " + scenario + " " + step(ladder.get(0)).params() + ", rates " + ladder
        + ", refinement rounds " + refine);
    System.out.print(sweep.table(columns(), headers()));
    root.put("command", "sweep");
    root.put("scenario", scenario);
    root.put("params", step(ladder.get(0)).params());
    root.put("rates", ladder);
    root.put("refine", refine);
    root.put("machine", setup.machine);
    root.put("sweep", sweep.toMap());
    if (costs != null) {
      System.out.println();
      System.out.println("cost at " + fmt((Double) root.get("costRate")) + "/s, " + repeat
          + " rounds, servers interleaved: median (min-max, spread)");
      System.out.print(costs.table());
      root.put("costParams", costScenario.params());
      root.put("cost", costs.toMap());
    }
    String md = "`bench/run.sh sweep " + scenario + "` " + step(ladder.get(0)).params() + "\n\n"
        + sweep.markdown(columns(), headers())
        + (costs == null ? "" : "\nCost at " + fmt((Double) root.get("costRate")) + "/s, " + repeat
            + " rounds, servers interleaved, median (min-max, spread):\n\n" + costs.markdown());
    Files.writeString(setup.runDir.resolve("summary.md"), md);
    String line = new ObjectMapper().writeValueAsString(root);
    Files.writeString(setup.runDir.resolve("result.json"), line + "\n");
    String xLabel = scenario.equals("connect") ? "offered connections per second"
        : "offered publishes per second" + (scenario.equals("fanout") ? " (x subscribers = deliveries/s)" : "");
    for (Path p : SweepChart.write(sweep, "sweep " + scenario + ": latency by offered rate", xLabel,
        boundMs, setup.runDir.resolve("sweep-" + scenario))) {
      System.out.println("chart: " + p);
    }
    System.out.println("results, configs and server logs: " + setup.runDir);
    if (json) {
      System.out.println(line);
    }
    return 0;
  }

  /**
   * Measures one step of {@code server} at {@code rate}, again up to {@code --retries} times
   * while not held, adding every attempt to {@code into}.
   *
   * @param refined whether this is a refinement step rather than a ladder step
   * @return whether an attempt held the step
   */
  private boolean measure(ServerPool pool, BenchSetup setup, String server, double rate,
      boolean refined, double boundMs, List<SweepReport.Step> into) {
    Scenario s = step(rate);
    String kind = refined ? "refinement step" : "step";
    boolean held = false;
    for (int attempt = 1; attempt <= 1 + retries && !held; attempt++) {
      LOG.printf("== %s %s/s, %s, attempt %d%n", kind, fmt(rate), server, attempt);
      Result r = pool.run(server, s, setup.client, false);
      String why = SweepReport.verdict(r, boundMs);
      held = why == null;
      LOG.println("== " + server + " at " + fmt(rate) + "/s: " + (held ? "held" : "not held: " + why)
          + " " + r.fields());
      into.add(new SweepReport.Step(rate, r, why, attempt, refined));
    }
    return held;
  }

  /**
   * Sweep defaults where the options leave them open: 5 s steps, 1 s warm-up, connect 3 s storms
   * of at most 8,000 connections after an unmeasured storm of 2,000.
   */
  static void defaults(BenchOptions o, String scenario) {
    if (o.duration == null) {
      o.duration = Duration.ofSeconds(scenario.equals("connect") ? 3 : 5);
    }
    if (o.warmup == null) {
      o.warmup = Duration.ofSeconds(1);
    }
    if (scenario.equals("connect") && o.connections == null) {
      o.connections = 8000;
    }
    if (scenario.equals("connect") && o.warmupConnections == null) {
      o.warmupConnections = 2000;
    }
  }

  private Scenario step(double rate) {
    return options.scenario(scenario, rate, scenario.equals("connect") ? options.duration : null);
  }

  private List<String> columns() {
    return scenario.equals("connect")
        ? List.of("handshakesPerSec", "p50Ms", "p99Ms", "serverCpuPct", "cpuMicrosPerHandshake",
            "errors", "sendLagMaxMs", "otherCpuPct", "load1Before")
        : List.of("deliveriesPerSec", "p50Ms", "p99Ms", "serverCpuPct", "cpuMicrosPerDelivery",
            "lost", "sendLagMaxMs", "otherCpuPct", "load1Before");
  }

  private List<String> headers() {
    return scenario.equals("connect")
        ? List.of("handshakes/s", "p50 ms", "p99 ms", "server CPU %", "CPU µs/handshake",
            "errors", "send lag ms", "other CPU %", "load")
        : List.of("deliveries/s", "p50 ms", "p99 ms", "server CPU %", "CPU µs/delivery",
            "lost", "send lag ms", "other CPU %", "load");
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
