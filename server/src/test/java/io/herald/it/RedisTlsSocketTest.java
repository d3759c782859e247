package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.EngineConfig;
import io.herald.config.NamespaceConfig;
import io.herald.config.RedisConfig;
import io.herald.engine.redis.RedisProcess;
import io.herald.engine.redis.RedisTests;
import io.herald.server.HeraldServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis engine over {@code rediss://} to a {@code redis-server} of the test's own that speaks
 * only TLS, with a certificate the test makes: trusted through {@code engine.redis.tlsCaFile},
 * publications, history and presence work; without that trust the node does not start.
 */
class RedisTlsSocketTest extends SocketTestBase {

  private static final NamespaceConfig ROOM = NamespaceConfig.defaults("room")
      .with("allowSubscribeForClient", true)
      .with("allowPublishForClient", true)
      .with("allowHistoryForSubscriber", true)
      .with("allowPresenceForSubscriber", true)
      .with("historySize", 100)
      .with("historyTtl", Duration.ofMinutes(5))
      .with("presence", true);

  @TempDir Path dir;

  private RedisProcess redis;

  @AfterEach
  void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  private EngineConfig engine(String caFile) {
    RedisConfig base = RedisTests.config("rediss://localhost:" + redis.port(),
        RedisTests.freshPrefix());
    return new EngineConfig(EngineConfig.REDIS, new RedisConfig(base.address(), base.prefix(),
        base.sentinel(), base.cluster(), base.shards(), base.commandTimeout(),
        base.reconnectMaxDelay(), caFile));
  }

  @Test
  void aRedisOverTlsTrustedThroughTheCaFileCarriesPublicationsHistoryAndPresence()
      throws Exception {
    TestCertificates certs = TestCertificates.create(dir, "redis");
    redis = RedisProcess.startTls(certs.certFile(), certs.keyFile());
    HeraldServer node = start(TestConfig.create().namespace(ROOM)
        .engine(engine(certs.certFile().toString())));
    WsClient client = subscriber(node, "tess", "room:tls");
    api(node).publish("room:tls", "{\"n\":1}");
    client.ok("publish", "{\"channel\":\"room:tls\",\"data\":{\"n\":2}}");
    JsonNode second = client.await(m -> WsClient.isPublication("room:tls").test(m)
        && m.at("/params/offset").asLong() == 2, WsClient.TIMEOUT, "offset 2");
    assertThat(second.at("/params/data/n").asInt()).isEqualTo(2);
    JsonNode history = client.ok("history", "{\"channel\":\"room:tls\",\"limit\":10}");
    assertThat(history.get("publications")).hasSize(2);
    JsonNode presence = client.ok("presence", "{\"channel\":\"room:tls\"}");
    assertThat(presence.get("clients").size()).isEqualTo(1);
  }

  @Test
  void withoutTrustingItsCertificateTheNodeDoesNotStart() throws Exception {
    TestCertificates certs = TestCertificates.create(dir, "untrusted");
    redis = RedisProcess.startTls(certs.certFile(), certs.keyFile());
    assertThatThrownBy(() -> start(TestConfig.create().engine(engine(null))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("engine.redis: cannot connect to Redis");
  }
}
