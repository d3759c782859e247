package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code internal}, {@code admin} and {@code shutdown} sections: defaults and rules. */
class OperationsConfigTest {

  private static HeraldConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, "herald.yaml", Map.of());
  }

  private static void refused(String yaml, String key, String detail) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(key + ": ")
        .hasMessageContaining(detail);
  }

  @Test
  void defaultsKeepOperationsOnTheClientPortAdminOffAndDrainOverFiveSeconds() {
    HeraldConfig c = parse("");
    assertThat(c.internal().enabled()).isFalse();
    assertThat(c.admin().enabled()).isFalse();
    assertThat(c.admin().sessionTtl()).isEqualTo(Duration.ofHours(12));
    assertThat(c.admin().maxFailedLogins()).isEqualTo(5);
    assertThat(c.admin().lockout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.shutdown().drainPeriod()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.shutdown().timeout()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void keysAndVariablesSetTheSections() {
    HeraldConfig c = ConfigLoader.parse(
        "internal: {port: 9000}\nshutdown: {drainPeriod: 0s, timeout: 3s}\n", "h.yaml",
        Map.of("HERALD_ADMIN_PASSWORD", "a-long-admin-password", "HERALD_ADMIN_LOCKOUT", "30s"));
    assertThat(c.internal().port()).isEqualTo(9000);
    assertThat(c.internal().enabled()).isTrue();
    assertThat(c.admin().password()).isEqualTo("a-long-admin-password");
    assertThat(c.admin().lockout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.shutdown().drainPeriod()).isZero();
  }

  @Test
  void badValuesNameTheirKey() {
    refused("internal: {port: 70000}", "internal.port", "out of range");
    refused("internal: {port: -2}", "internal.port", "out of range");
    refused("port: 9000\ninternal: {port: 9000}", "internal.port", "is the client port");
    refused("internal: {port: 9001, address: \" \"}", "internal.address", "must not be empty");
    refused("admin: {password: short}", "admin.password", "use at least 12");
    refused("admin: {maxFailedLogins: 0}", "admin.maxFailedLogins", "at least 1");
    refused("admin: {lockout: 0s}", "admin.lockout", "at least 1s");
    refused("admin: {sessionTtl: 0s}", "admin.sessionTtl", "at least 1s");
    refused("shutdown: {drainPeriod: 30s, timeout: 20s}", "shutdown.timeout",
        "must be more than shutdown.drainPeriod");
    refused("shutdown: {timeout: 0s}", "shutdown.timeout", "at least 1s");
  }

  @Test
  void theAdminPasswordIsNeverRepeatedInAnError() {
    assertThatThrownBy(() -> parse("admin: {password: secret7}"))
        .hasMessageNotContaining("secret7");
  }
}
