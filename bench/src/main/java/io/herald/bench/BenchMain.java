package io.herald.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code herald-bench.jar}. */
@Command(
    name = "herald-bench",
    mixinStandardHelpOptions = true,
    version = "herald-bench 0.1",
    description = "Side-by-side benchmarks of Herald and its peers on loopback.",
    subcommands = {
      RunCommand.class,
      SweepCommand.class,
      CostCommand.class,
      ChartCommand.class,
      BroadcasterCommand.class,
      io.herald.bench.stream.StreamCommand.class,
      CommandLine.HelpCommand.class
    })
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }
}
