package io.herald.cli;

import io.herald.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code herald}: the command line entry point; every subcommand has {@code --help}. */
@Command(
    name = "herald",
    mixinStandardHelpOptions = true,
    versionProvider = HeraldCommand.VersionProvider.class,
    description = "Herald: a real-time messaging server (WebSocket, JSON-RPC 2.0).",
    subcommands = {
      ServeCommand.class,
      DevCommand.class,
      GenConfigCommand.class,
      CheckConfigCommand.class,
      TokenCommand.class,
      VersionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class HeraldCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    LogFormat.select(args, System.getenv());
    int status = new CommandLine(new HeraldCommand())
        .setExecutionExceptionHandler(HeraldCommand::failed)
        .execute(args);
    if (status != 0 || !ServeCommand.serving()) {
      System.exit(status);
    }
  }

  private static int failed(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    cmd.getErr().println("herald: " + e.getMessage());
    return 1;
  }

  /** Supplies {@code --version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"herald " + Version.get()};
    }
  }
}
