package io.herald.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The SDK's classes (compiled with {@code --release 17}) run on a Java 17 JVM: a separate JDK 17
 * process connects to a real server, subscribes and receives a publication made through the API.
 * Skipped when the machine has no JDK 17 ({@code HERALD_JDK17_HOME}, else /usr/lib/jvm).
 */
class Jdk17CompatibilityTest {

  @Test
  void sdkRunsOnJava17() throws Exception {
    Path java = jdk17();
    Assumptions.assumeTrue(java != null, "no JDK 17 on this machine");
    Path classes = Path.of("target/classes").toAbsolutePath();
    Path smoke = Path.of("src/test/jdk17/Jdk17Smoke.java").toAbsolutePath();
    try (TestServer server = new TestServer("{}")) {
      Process p = new ProcessBuilder(java.toString(), "-cp", classes.toString(), smoke.toString(),
          server.url(), server.token("jdk17"), "plain:jdk17")
          .redirectErrorStream(true)
          .start();
      List<String> lines = new CopyOnWriteArrayList<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          r.lines().forEach(lines::add);
        } catch (java.io.IOException ignored) {
          // the process ended
        }
      });
      reader.start();
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> lines.contains("subscribed"));
        server.api("publish", Map.of("channel", "plain:jdk17", "data", Map.of("n", 17)));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("output: %s", lines).isTrue();
        reader.join(5000);
        assertThat(p.exitValue()).as("output: %s", lines).isZero();
        assertThat(lines).contains("publication {\"n\":17}", "java.specification.version=17");
      } finally {
        p.destroyForcibly();
      }
    }
  }

  /** The java launcher of a JDK 17, or null. */
  private static Path jdk17() throws java.io.IOException {
    String home = System.getenv("HERALD_JDK17_HOME");
    if (home != null && Files.isExecutable(Path.of(home, "bin/java"))) {
      return Path.of(home, "bin/java");
    }
    Path jvm = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvm)) {
      return null;
    }
    try (Stream<Path> homes = Files.list(jvm)) {
      return homes.filter(h -> h.getFileName().toString().contains("17"))
          .map(h -> h.resolve("bin/java"))
          .filter(Files::isExecutable)
          .filter(j -> isJava17(j))
          .findFirst()
          .orElse(null);
    }
  }

  private static boolean isJava17(Path java) {
    try {
      Process p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor(30, TimeUnit.SECONDS) && out.contains("version \"17");
    } catch (Exception e) {
      return false;
    }
  }
}
