package io.herald.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.AdminConfig;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AdminSessionsTest {

  private static final String PASSWORD = "correct horse battery";
  /** A clock the test moves. */
  private static final class TestClock extends java.time.Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final TestClock clock = new TestClock();

  private AdminSessions sessions(int maxFailures, Duration lockout) {
    return new AdminSessions(
        new AdminConfig(PASSWORD, Duration.ofMinutes(30), maxFailures, lockout),
        clock,
        new SecureRandom());
  }

  @Test
  void aSessionLivesWhileUsedAndExpiresAfterTheTtlUnused() {
    AdminSessions s = sessions(5, Duration.ofMinutes(1));
    AdminSessions.Login login = s.login(PASSWORD, "10.0.0.1");
    assertThat(login.ok()).isTrue();
    clock.advance(Duration.ofMinutes(29));
    assertThat(s.find(login.sessionId())).isNotNull();
    clock.advance(Duration.ofMinutes(29));
    AdminSessions.Session session = s.find(login.sessionId());
    assertThat(session).as("each use extends the session").isNotNull();
    assertThat(session.user()).startsWith("herald-admin-").doesNotContain(login.sessionId());
    clock.advance(Duration.ofMinutes(30));
    assertThat(s.find(login.sessionId())).isNull();
    assertThat(s.find("made-up")).isNull();
    assertThat(s.find(null)).isNull();
  }

  @Test
  void logoutEndsTheSessionAndExpiredOnesArePurgedAtTheNextLogin() {
    AdminSessions s = sessions(5, Duration.ofMinutes(1));
    String first = s.login(PASSWORD, "10.0.0.1").sessionId();
    String second = s.login(PASSWORD, "10.0.0.1").sessionId();
    assertThat(first).isNotEqualTo(second);
    s.logout(first);
    assertThat(s.find(first)).isNull();
    assertThat(s.find(second)).isNotNull();
    clock.advance(Duration.ofHours(1));
    s.login(PASSWORD, "10.0.0.1");
    assertThat(s.size()).isEqualTo(1);
  }

  @Test
  void failuresAreThrottledPerAddressUntilTheWindowPasses() {
    AdminSessions s = sessions(3, Duration.ofMinutes(1));
    for (int i = 0; i < 3; i++) {
      AdminSessions.Login wrong = s.login("wrong", "10.0.0.1");
      assertThat(wrong.ok()).isFalse();
      assertThat(wrong.throttled()).isFalse();
    }
    AdminSessions.Login blocked = s.login(PASSWORD, "10.0.0.1");
    assertThat(blocked.throttled()).isTrue();
    assertThat(blocked.retryAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.login(PASSWORD, "10.0.0.2").ok()).as("another address").isTrue();
    clock.advance(Duration.ofSeconds(59));
    assertThat(s.login(PASSWORD, "10.0.0.1").retryAfter()).isEqualTo(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(s.login(PASSWORD, "10.0.0.1").ok()).isTrue();
  }

  @Test
  void aSuccessClearsTheCountAndANullPasswordIsAFailure() {
    AdminSessions s = sessions(2, Duration.ofMinutes(1));
    assertThat(s.login(null, "10.0.0.1").ok()).isFalse();
    assertThat(s.login(PASSWORD, "10.0.0.1").ok()).isTrue();
    assertThat(s.login("wrong", "10.0.0.1").throttled()).isFalse();
    assertThat(s.login("wrong", "10.0.0.1").throttled()).isFalse();
    assertThat(s.login(PASSWORD, "10.0.0.1").throttled()).isTrue();
  }

  @Test
  void manyAddressesGuessingAtOnceAreHeldToOneFailureEachButACleanAddressGetsIn() {
    AdminSessions s = new AdminSessions(
        new AdminConfig(PASSWORD, Duration.ofMinutes(30), 5, Duration.ofMinutes(1), 10, false),
        clock, new SecureRandom());
    for (int i = 0; i < 10; i++) {
      assertThat(s.login("guess-" + i, "10.1.0." + i).throttled()).isFalse();
    }
    assertThat(s.login("guess-again", "10.1.0.1").throttled())
        .as("past the global bound an address that failed waits").isTrue();
    assertThat(s.login("guess-x", "10.1.0.200").throttled())
        .as("a new address still gets one check").isFalse();
    assertThat(s.login("guess-y", "10.1.0.200").throttled()).isTrue();
    assertThat(s.login(PASSWORD, "192.168.7.7").ok())
        .as("the real admin, never failed, is never locked out").isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(s.login("guess-again", "10.1.0.1").throttled()).isFalse();
  }

  @Test
  void aFloodOfAddressesNeverLocksOutAnotherAddress() {
    AdminSessions s = sessions(1, Duration.ofMinutes(1));
    for (int i = 0; i < LoginThrottle.MAX_ADDRESSES + 50; i++) {
      s.login("guess", "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
    }
    assertThat(s.login(PASSWORD, "172.16.0.1").ok()).isTrue();
  }
}
