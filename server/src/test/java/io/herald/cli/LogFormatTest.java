package io.herald.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LogFormatTest {

  @AfterEach
  void clear() {
    System.clearProperty(LogFormat.PROPERTY);
  }

  @Test
  void theFlagOrTheVariableSelectsJsonBeforeLoggingStarts() {
    LogFormat.select(new String[] {"serve", "--config", "x.yaml"}, Map.of());
    assertThat(System.getProperty(LogFormat.PROPERTY)).isNull();
    LogFormat.select(new String[] {"serve", "--log-format", "json"}, Map.of());
    assertThat(System.getProperty(LogFormat.PROPERTY)).isEqualTo("JSON");
    clear();
    LogFormat.select(new String[] {"dev", "--log-format=json"}, Map.of());
    assertThat(System.getProperty(LogFormat.PROPERTY)).isEqualTo("JSON");
    clear();
    LogFormat.select(new String[] {"serve"}, Map.of("HERALD_LOG_FORMAT", "json"));
    assertThat(System.getProperty(LogFormat.PROPERTY)).isEqualTo("JSON");
    clear();
    LogFormat.select(new String[] {"serve", "--log-format", "text"},
        Map.of("HERALD_LOG_FORMAT", "json"));
    assertThat(System.getProperty(LogFormat.PROPERTY)).as("the flag wins").isNull();
  }

  @Test
  void anUnknownFormatIsRefusedByTheCommandLine() {
    java.io.StringWriter err = new java.io.StringWriter();
    int status = new CommandLine(new HeraldCommand())
        .setErr(new java.io.PrintWriter(err))
        .execute("serve", "--config", "x.yaml", "--log-format", "xml");
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--log-format").contains("json");
  }
}
