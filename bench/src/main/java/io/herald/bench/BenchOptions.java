package io.herald.bench;

import io.herald.bench.scenario.ClusterScenario;
import io.herald.bench.scenario.ConnectScenario;
import io.herald.bench.scenario.FanoutScenario;
import io.herald.bench.scenario.IdleScenario;
import io.herald.bench.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every command that runs scenarios shares ({@code run}, {@code sweep}, {@code
 * cost}), and how they make a {@link Scenario}: a picocli mixin, so a new option appears in each
 * command at once.
 */
final class BenchOptions {

  @Option(names = "--servers", split = ",", description = "Servers, in order (default: run herald,bare,nats,socketio; sweep and cost herald,bare,nats; for cluster: herald,herald-cluster; unavailable peers are skipped).")
  List<String> servers;

  @Option(names = "--quick", description = "Smaller, shorter defaults: finishes each scenario in about a minute.")
  boolean quick;

  @Option(names = "--connections", description = "idle and connect: connections (default: idle 10000, connect 5000; --quick: 5000, 2000).")
  Integer connections;

  @Option(names = "--subscribers", description = "fanout and channels: subscribers (default: 1000).")
  Integer subscribers;

  @Option(names = "--rate", description = "fanout and channels: publishes per second (default: fanout 100, channels 1000); cost: also connect, connections per second (default: closed model).")
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

  /** The servers to run, in order: {@code --servers} or the scenario's default list. */
  List<String> servers(String scenario, List<String> fallback) {
    if (servers != null) {
      return servers;
    }
    return scenario.equals("cluster") ? List.of("herald", "herald-cluster") : fallback;
  }

  /** {@code scenario} with the options as given, or null when the name is unknown. */
  Scenario scenario(String scenario) {
    return scenario(scenario, rate != null ? rate : 0, null);
  }

  /**
   * {@code scenario} at {@code rateOverride} publishes (or, for {@code connect}, connections)
   * per second, or null when the name is unknown.
   *
   * @param rateOverride 0 for the option's or the scenario's default rate; for {@code connect}
   *     0 is the closed model (as fast as {@code --in-flight} allows)
   * @param connectDuration {@code connect} at a rate: how long the storm lasts (connections =
   *     rate x duration, at most {@code --connections}); null for the closed model
   */
  Scenario scenario(String scenario, double rateOverride, Duration connectDuration) {
    int inFlightDefault = scenario.equals("connect") ? 200 : Scenario.DEFAULT_IN_FLIGHT;
    int open = inFlight != null ? inFlight : inFlightDefault;
    Duration dur = duration != null ? duration : Duration.ofSeconds(quick ? 5 : 10);
    Duration warm = warmup != null ? warmup : Duration.ofSeconds(quick ? 1 : 2);
    FanoutScenario.Via via =
        publishVia.equalsIgnoreCase("ws") ? FanoutScenario.Via.WS : FanoutScenario.Via.API;
    int subs = subscribers != null ? subscribers : 1000;
    int r = (int) Math.round(rateOverride);
    return switch (scenario) {
      case "idle" ->
          new IdleScenario(
              connectionsNeeded(scenario), hold != null ? hold : Duration.ofSeconds(quick ? 5 : 10), open, openTimeout);
      case "fanout" ->
          new FanoutScenario(false, subs, r > 0 ? r : 100, dur, warm, drain, payloadSize, via,
              publisherConnections, open, openTimeout);
      case "cluster" -> new ClusterScenario(
          new FanoutScenario(false, subs, r > 0 ? r : 100, dur, warm, drain, payloadSize,
              via, publisherConnections, open, openTimeout));
      case "channels" ->
          new FanoutScenario(true, subs, r > 0 ? r : 1000, dur, warm, drain, payloadSize, via,
              publisherConnections, open, openTimeout);
      case "connect" -> {
        int n = connectionsNeeded(scenario);
        if (connectDuration != null && rateOverride > 0) {
          n = (int) Math.max(1, Math.min(n, Math.round(rateOverride * connectDuration.toMillis() / 1000.0)));
        }
        yield new ConnectScenario(n, warmupConnections != null ? warmupConnections : Math.min(n, 1000),
            open, openTimeout, connectDuration != null ? rateOverride : 0);
      }
      default -> null;
    };
  }

  /** The most connections {@code scenario} holds open at once (for the descriptor check). */
  int connectionsNeeded(String scenario) {
    return switch (scenario) {
      case "idle" -> connections != null ? connections : quick ? 5000 : 10_000;
      case "connect" -> connections != null ? connections : quick ? 2000 : 5000;
      default -> (subscribers != null ? subscribers : 1000) + publisherConnections;
    };
  }
}
