package io.herald.cli;

import io.herald.config.ConfigException;
import io.herald.config.ConfigLoader;
import io.herald.config.HeraldConfig;
import io.herald.server.HeraldServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code herald serve [--config FILE] [--port N]}: runs a node until SIGTERM/SIGINT. Without
 * {@code --config} the config comes from {@code HERALD_*} variables alone ({@link EnvOnlyConfig}).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run Herald with a config file (HERALD_* variables and flags override it).",
      "Without --config, HERALD_* variables alone configure it: HERALD_API_KEY and",
      "HERALD_TOKEN_HMAC_SECRET (or another token key) are then required."
    })
final class ServeCommand implements Callable<Integer> {

  private static volatile boolean serving;

  @Option(
      names = {"-c", "--config"},
      description = "Config file (YAML or JSON); leave out to use HERALD_* variables alone.")
  Path config;

  /** The environment; tests replace it. */
  Map<String, String> env = System.getenv();

  @Option(names = {"-p", "--port"}, description = "Port to listen on (overrides the config).")
  Integer port;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description = "Log lines as text (default) or json (one JSON object per line).")
  LogFormat logFormat;

  @Override
  public Integer call() {
    HeraldConfig loaded;
    try {
      loaded = load();
    } catch (ConfigException e) {
      System.err.println("herald: " + e.getMessage());
      return 1;
    }
    try {
      run(loaded, HeraldServer.Options.defaults(), this::load);
    } catch (IllegalStateException e) {
      // The port is taken, or the engine's Redis cannot be reached: say so, without a trace.
      System.err.println("herald: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  /** The config from the file, the environment and the flags, validated. */
  private HeraldConfig load() {
    HeraldConfig loaded = config == null ? EnvOnlyConfig.load(env) : ConfigLoader.load(config, env);
    if (port != null) {
      loaded = ConfigLoader.validate(loaded.withPort(port));
    }
    return loaded;
  }

  /**
   * Starts the server and keeps the process alive: SIGTERM and SIGINT shut it down gracefully,
   * SIGHUP reloads with {@code reload} (null: nothing to reload); a shutdown hook closes it on
   * any other exit.
   */
  static HeraldServer run(
      HeraldConfig config, HeraldServer.Options options, Supplier<HeraldConfig> reload) {
    HeraldServer server = HeraldServer.start(config, options);
    Signals.install(server, reload);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "herald-close"));
    serving = true;
    return server;
  }

  /** True once a server is running: main must not exit then. */
  static boolean serving() {
    return serving;
  }
}
