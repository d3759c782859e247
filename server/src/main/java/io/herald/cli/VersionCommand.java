package io.herald.cli;

import io.herald.Version;
import picocli.CommandLine.Command;

/** {@code herald version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print Herald's version.")
final class VersionCommand implements Runnable {

  @Override
  public void run() {
    System.out.println("herald " + Version.get() + " (Java " + Runtime.version() + ")");
  }
}
