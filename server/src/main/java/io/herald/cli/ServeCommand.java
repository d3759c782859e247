package io.herald.cli;

import io.herald.config.ConfigException;
import io.herald.config.ConfigLoader;
import io.herald.config.HeraldConfig;
import io.herald.server.HeraldServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code herald serve --config FILE [--port N]}: runs a node until SIGTERM/SIGINT. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run Herald with a config file (HERALD_* variables and flags override it).")
final class ServeCommand implements Callable<Integer> {

  private static volatile boolean serving;

  @Option(names = {"-c", "--config"}, required = true, description = "Config file (YAML or JSON).")
  Path config;

  @Option(names = {"-p", "--port"}, description = "Port to listen on (overrides the config).")
  Integer port;

  @Override
  public Integer call() {
    HeraldConfig loaded;
    try {
      loaded = ConfigLoader.load(config, System.getenv());
      if (port != null) {
        loaded = ConfigLoader.validate(loaded.withPort(port));
      }
    } catch (ConfigException e) {
      System.err.println("herald: " + e.getMessage());
      return 1;
    }
    run(loaded, HeraldServer.Options.defaults());
    return 0;
  }

  /** Starts the server and keeps the process alive; a shutdown hook closes it cleanly. */
  static HeraldServer run(HeraldConfig config, HeraldServer.Options options) {
    HeraldServer server = HeraldServer.start(config, options);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "herald-shutdown"));
    serving = true;
    return server;
  }

  /** True once a server is running: main must not exit then. */
  static boolean serving() {
    return serving;
  }
}
