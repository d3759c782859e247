package io.herald.cli;

import io.herald.config.ConfigException;
import io.herald.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code herald checkconfig [--config FILE]}: exit 0 when the config {@code herald serve} would
 * run with is valid, 1 with the first error. Without {@code --config} it checks the {@code
 * HERALD_*} variables alone, required secrets included ({@link EnvOnlyConfig}).
 */
@Command(
    name = "checkconfig",
    mixinStandardHelpOptions = true,
    description = {
      "Check a config file (with HERALD_* overrides) and report the first error.",
      "Without --config, check the HERALD_* variables alone, as herald serve would use them."
    })
final class CheckConfigCommand implements Callable<Integer> {

  @Option(
      names = {"-c", "--config"},
      description = "Config file (YAML or JSON); leave out to check HERALD_* variables alone.")
  Path config;

  /** The environment; tests replace it. */
  Map<String, String> env = System.getenv();

  @Override
  public Integer call() {
    try {
      if (config == null) {
        EnvOnlyConfig.load(env);
        System.out.println("config from HERALD_* variables is valid");
      } else {
        ConfigLoader.load(config, env);
        System.out.println("config " + config + " is valid");
      }
      return 0;
    } catch (ConfigException e) {
      System.err.println("herald: " + e.getMessage());
      return 1;
    }
  }
}
