package io.herald.cli;

import io.herald.config.ConfigException;
import io.herald.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code herald checkconfig --config FILE}: exit 0 when the file is valid, 1 with the error. */
@Command(
    name = "checkconfig",
    mixinStandardHelpOptions = true,
    description = "Check a config file (with HERALD_* overrides) and report the first error.")
final class CheckConfigCommand implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, required = true, description = "Config file (YAML or JSON).")
  Path config;

  @Override
  public Integer call() {
    try {
      ConfigLoader.load(config, System.getenv());
      System.out.println("config " + config + " is valid");
      return 0;
    } catch (ConfigException e) {
      System.err.println("herald: " + e.getMessage());
      return 1;
    }
  }
}
