package io.herald.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.auth.ConnectionToken;
import io.herald.auth.SubscriptionToken;
import io.herald.auth.TokenVerifier;
import io.herald.config.ConfigLoader;
import io.herald.config.HeraldConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: genconfig, checkconfig, token, version and help, as a user runs them. */
class CliTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private PrintStream savedErr;

  @BeforeEach
  void capture() {
    savedOut = System.out;
    savedErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(savedOut);
    System.setErr(savedErr);
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return new CommandLine(new HeraldCommand()).execute(args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private Path generatedConfig() throws Exception {
    Path file = dir.resolve("herald.yaml");
    assertThat(run("genconfig", "--output", file.toString())).isZero();
    return file;
  }

  @Test
  void genconfigWritesAValidConfigWithFreshSecrets() throws Exception {
    assertThat(run("genconfig")).isZero();
    String first = out();
    assertThat(run("genconfig")).isZero();
    assertThat(out()).isNotEqualTo(first);
    Path file = generatedConfig();
    assertThat(run("checkconfig", "--config", file.toString())).isZero();
    assertThat(out()).contains("is valid");
    assertThat(run("genconfig", "--output", file.toString())).isEqualTo(1);
  }

  @Test
  void checkconfigNamesTheBadKey() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "client:\n  pingInterval: 25x\n");
    assertThat(run("checkconfig", "--config", file.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("client.pingInterval");
  }

  @Test
  void tokenMintsConnectionAndSubscriptionTokensTheServerAccepts() throws Exception {
    Path file = generatedConfig();
    HeraldConfig config = ConfigLoader.load(file, Map.of());
    TokenVerifier verifier = TokenVerifier.create(config.token(), Clock.systemUTC());
    try {
      assertThat(run("token", "--config", file.toString(), "--user", "42", "--ttl", "1h",
          "--info", "{\"name\":\"Ann\"}", "--subscribe", "news")).isZero();
      ConnectionToken claims =
          verifier.verifyConnection(out().trim()).toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(claims.user()).isEqualTo("42");
      assertThat(claims.expiresAt()).isNotNull();
      assertThat(new String(claims.info(), StandardCharsets.UTF_8)).contains("Ann");
      assertThat(claims.channels()).containsExactly("news");

      assertThat(run("token", "--config", file.toString(), "--user", "42",
          "--channel", "$chat:secret")).isZero();
      SubscriptionToken sub =
          verifier.verifySubscription(out().trim()).toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(sub.channel()).isEqualTo("$chat:secret");
    } finally {
      verifier.close();
    }
  }

  @Test
  void tokenRefusesBadInput() throws Exception {
    Path file = generatedConfig();
    assertThat(run("token", "--config", file.toString(), "--user", "1", "--ttl", "soon"))
        .isEqualTo(1);
    assertThat(run("token", "--config", file.toString(), "--user", "1", "--info", "{nope"))
        .isEqualTo(1);
    assertThat(run("token", "--config", dir.resolve("missing.yaml").toString(), "--user", "1"))
        .isEqualTo(1);
    assertThat(run("token", "--config", file.toString())).isEqualTo(2);
  }

  @Test
  void versionAndHelpEverywhere() {
    assertThat(run("version")).isZero();
    assertThat(out()).startsWith("herald ");
    for (String cmd : new String[] {"serve", "dev", "genconfig", "checkconfig", "token", "version"}) {
      assertThat(run(cmd, "--help")).isZero();
      assertThat(out()).contains("Usage:");
    }
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("serve").contains("dev").contains("token");
  }
}
