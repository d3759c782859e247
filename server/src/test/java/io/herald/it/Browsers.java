package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium driven by playwright-core from the scripts in {@code src/test/browser}. The
 * tests need {@code /usr/bin/chromium} (CI installs it, {@code .ci/run}) and playwright-core,
 * which {@link #assumeReady} installs with {@code npm ci} when npm is there; elsewhere the tests
 * are skipped without them, and under CI they fail.
 */
final class Browsers {

  /** Where the driver scripts and their {@code package.json} are. */
  static final Path SCRIPTS = Path.of("src", "test", "browser");

  private Browsers() {}

  /** Installs playwright-core if needed; skips the test (fails it under CI) without a browser. */
  static void assumeReady() throws Exception {
    installPlaywright();
    boolean ready = Files.isExecutable(Path.of("/usr/bin/chromium"))
        && Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core"));
    if (System.getenv("CI") != null) {
      assertThat(ready).as("CI must provide /usr/bin/chromium and playwright-core").isTrue();
    }
    assumeTrue(ready, "needs /usr/bin/chromium and npm ci in server/src/test/browser");
  }

  /** {@code npm ci} in {@link #SCRIPTS} when playwright-core is missing and npm exists. */
  private static void installPlaywright() throws Exception {
    if (Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core"))) {
      return;
    }
    Process npm;
    try {
      npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
          .directory(SCRIPTS.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (java.io.IOException noNpm) {
      return;
    }
    if (!npm.waitFor(5, TimeUnit.MINUTES)) {
      npm.destroyForcibly();
    }
  }
}
