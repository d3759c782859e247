package io.herald.cli;

import io.herald.config.ConfigTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code herald genconfig}: a commented config with fresh secrets. */
@Command(
    name = "genconfig",
    mixinStandardHelpOptions = true,
    description = "Print a commented config file with a fresh HMAC secret and API key.")
final class GenConfigCommand implements Callable<Integer> {

  @Option(names = {"-o", "--output"}, description = "Write to this file instead of standard output (refuses to overwrite).")
  Path output;

  @Override
  public Integer call() throws Exception {
    String text = ConfigTemplate.generate(new SecureRandom());
    if (output == null) {
      System.out.print(text);
      return 0;
    }
    if (Files.exists(output)) {
      System.err.println("herald: " + output + " exists; not overwriting it");
      return 1;
    }
    Files.writeString(output, text);
    System.err.println("wrote " + output);
    return 0;
  }
}
