package io.herald.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.engine.Health;
import io.herald.engine.HealthCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadinessTest {

  /** An engine whose health the test sets. */
  static final class FakeEngine implements HealthCheck {
    volatile Health health = Health.UP;

    @Override
    public Health health() {
      return health;
    }
  }

  @Test
  void readyUntilAnEngineIsDownAndAgainWhenItIsBack() {
    FakeEngine broker = new FakeEngine();
    Map<String, Object> engines = new LinkedHashMap<>();
    engines.put("broker", broker);
    engines.put("memory", new Object());
    Readiness readiness = new Readiness(engines);
    assertThat(readiness.status()).isEqualTo(new Readiness.Status(true, ""));

    broker.health = Health.down("redis: connection refused");
    assertThat(readiness.status())
        .isEqualTo(new Readiness.Status(false, "broker: redis: connection refused"));
    assertThat(readiness.status().publicReason())
        .as("what the client port shows: no engine detail").isEqualTo("broker unavailable");
    broker.health = Health.UP;
    assertThat(readiness.ready()).isTrue();
  }

  @Test
  void drainingIsNotReadyForGood() {
    FakeEngine broker = new FakeEngine();
    Readiness readiness = new Readiness(Map.of("broker", broker));
    readiness.drain();
    assertThat(readiness.status()).isEqualTo(new Readiness.Status(false, "draining"));
    assertThat(readiness.status().publicReason()).isEqualTo("draining");
    assertThat(readiness.draining()).isTrue();
  }

  @Test
  void anEngineWithoutTheCapabilityIsHealthy() {
    assertThat(HealthCheck.of(new Object())).isEqualTo(Health.UP);
  }
}
