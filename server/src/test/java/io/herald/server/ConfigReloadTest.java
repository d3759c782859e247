package io.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.EngineConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.RedisConfig;
import org.junit.jupiter.api.Test;

/** What a reload applies and what it reports as needing a restart. */
class ConfigReloadTest {

  @Test
  void anEngineChangeNeedsARestartAndTheRunningEngineStays() {
    HeraldConfig running = HeraldConfig.defaults();
    HeraldConfig fresh = running.with("engine",
        new EngineConfig(EngineConfig.REDIS, RedisConfig.defaults()));
    ConfigReload.Result result = ConfigReload.merge(running, fresh);
    assertThat(result.needRestart()).containsExactly("engine");
    assertThat(result.config().engine()).isEqualTo(running.engine());
  }

  @Test
  void anUnchangedEngineIsNotReported() {
    HeraldConfig running = HeraldConfig.defaults();
    assertThat(ConfigReload.merge(running, running).needRestart()).isEmpty();
  }
}
