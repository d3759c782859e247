package io.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.BrokerConfig;
import io.herald.config.EngineConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.NatsConfig;
import io.herald.config.PusherApp;
import io.herald.config.PusherConfig;
import io.herald.config.RedisConfig;
import java.util.List;
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
  void aBrokerChangeNeedsARestartToo() {
    HeraldConfig running = HeraldConfig.defaults();
    HeraldConfig fresh = running.with("broker",
        new BrokerConfig(BrokerConfig.NATS, NatsConfig.defaults().withPrefix("other")));
    ConfigReload.Result result = ConfigReload.merge(running, fresh);
    assertThat(result.needRestart()).containsExactly("broker");
    assertThat(result.config().broker()).isEqualTo(running.broker());
  }

  @Test
  void anUnchangedEngineIsNotReported() {
    HeraldConfig running = HeraldConfig.defaults();
    assertThat(ConfigReload.merge(running, running).needRestart()).isEmpty();
  }

  @Test
  void pusherAppsAndTheirSecretsReloadWithoutARestart() {
    HeraldConfig running = HeraldConfig.defaults().with("pusher",
        new PusherConfig(List.of(PusherApp.of("1", "k", "old-secret-0123456789"))));
    HeraldConfig fresh = running.with("pusher",
        new PusherConfig(List.of(PusherApp.of("1", "k", "new-secret-0123456789"),
            PusherApp.of("2", "k2", "another-secret-01234"))));
    ConfigReload.Result result = ConfigReload.merge(running, fresh);
    assertThat(result.needRestart()).isEmpty();
    assertThat(result.config().pusher()).isEqualTo(fresh.pusher());
  }
}
