package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code HERALD_*} variables, always from a map: the real environment is never read. */
class EnvOverridesTest {

  static final String SECRET = ConfigLoaderTest.SECRET;

  @Test
  void variablesOverrideScalarKeysAtEveryLevel() {
    Map<String, String> env = new HashMap<>();
    env.put("HERALD_PORT", "9001");
    env.put("HERALD_ADDRESS", "127.0.0.1");
    env.put("HERALD_ALLOWED_ORIGINS", "https://a.example.com, https://b.example.com,");
    env.put("HERALD_TOKEN_HMAC_SECRET", SECRET);
    env.put("HERALD_TOKEN_JWKS_URL", "https://auth.example.com/jwks");
    env.put("HERALD_TOKEN_JWKS_CACHE_TTL", "1h");
    env.put("HERALD_TOKEN_AUDIENCE", "herald");
    env.put("HERALD_TOKEN_LEEWAY", "2s");
    env.put("HERALD_TOKEN_JWKS_MAX_STALE", "30m");
    env.put("HERALD_API_KEY", "0123456789abcdef");
    env.put("HERALD_CLIENT_PING_INTERVAL", "30s");
    env.put("HERALD_CLIENT_QUEUE_MAX_SIZE", "2048");
    env.put("HERALD_CLIENT_ALLOW_ANONYMOUS", "TRUE");
    env.put("HERALD_DEFAULT_NAMESPACE_ALLOW_SUBSCRIBE_FOR_CLIENT", "true");
    env.put("HERALD_DEFAULT_NAMESPACE_HISTORY_SIZE", "50");
    env.put("HERALD_DEFAULT_NAMESPACE_HISTORY_TTL", "5m");

    HeraldConfig c = ConfigLoader.load(null, env);

    assertThat(c.port()).isEqualTo(9001);
    assertThat(c.address()).isEqualTo("127.0.0.1");
    assertThat(c.allowedOrigins())
        .containsExactly("https://a.example.com", "https://b.example.com");
    assertThat(c.token().hmacSecret()).isEqualTo(SECRET);
    assertThat(c.token().jwksUrl()).isEqualTo("https://auth.example.com/jwks");
    assertThat(c.token().jwksCacheTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(c.token().audience()).isEqualTo("herald");
    assertThat(c.token().leeway()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.token().jwksMaxStale()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.api().key()).isEqualTo("0123456789abcdef");
    assertThat(c.client().pingInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.client().queueMaxSize()).isEqualTo(2048);
    assertThat(c.client().allowAnonymous()).isTrue();
    assertThat(c.defaultNamespace().allowSubscribeForClient()).isTrue();
    assertThat(c.defaultNamespace().historySize()).isEqualTo(50);
    assertThat(c.defaultNamespace().historyTtl()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void engineKeysHaveVariables() {
    Map<String, String> env = Map.of(
        "HERALD_ENGINE_TYPE", "redis",
        "HERALD_ENGINE_REDIS_ADDRESS", "redis://10.0.0.5:6379",
        "HERALD_ENGINE_REDIS_PREFIX", "prod",
        "HERALD_ENGINE_REDIS_SHARDS", "redis://a:6379, redis://b:6379",
        "HERALD_ENGINE_REDIS_COMMAND_TIMEOUT", "2s");
    HeraldConfig c = ConfigLoader.load(null, env);
    assertThat(c.engine().isRedis()).isTrue();
    assertThat(c.engine().redis().address()).isEqualTo("redis://10.0.0.5:6379");
    assertThat(c.engine().redis().prefix()).isEqualTo("prod");
    assertThat(c.engine().redis().shards()).containsExactly("redis://a:6379", "redis://b:6379");
    assertThat(c.engine().redis().commandTimeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void environmentBeatsFile() {
    String yaml = "port: 8100\nclient: {pingInterval: 20s, pongTimeout: 5s}\n";
    HeraldConfig c =
        ConfigLoader.parse(yaml, "x.yaml", Map.of("HERALD_CLIENT_PING_INTERVAL", "40s"));
    assertThat(c.port()).isEqualTo(8100);
    assertThat(c.client().pingInterval()).isEqualTo(Duration.ofSeconds(40));
    assertThat(c.client().pongTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void unknownAndEmptyVariablesAreIgnored() {
    Map<String, String> env =
        Map.of(
            "HERALD_JAVA_OPTS", "-Xmx1g",
            "HERALD_NAMESPACES", "chat",
            "HERALD_DEFAULT_NAMESPACE_NAME", "x",
            "HERALD_PORT", "",
            "PORT", "1",
            "herald_port", "2");
    assertThat(ConfigLoader.load(null, env)).isEqualTo(HeraldConfig.defaults());
  }

  @Test
  void badValueNamesKeyAndVariable() {
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("HERALD_CLIENT_PING_INTERVAL", "25x")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "client.pingInterval (from HERALD_CLIENT_PING_INTERVAL): \"25x\" is not a duration;"
                + " use a number with ms, s, m, h or d (e.g. 25s)")
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("client.pingInterval");
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("HERALD_CLIENT_ALLOW_ANONYMOUS", "yes")))
        .hasMessage(
            "client.allowAnonymous (from HERALD_CLIENT_ALLOW_ANONYMOUS): expected true or false,"
                + " got \"yes\"");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HERALD_PORT", "eighty")))
        .hasMessageStartingWith("port (from HERALD_PORT): expected a whole number");
  }

  @Test
  void overriddenValuesAreValidated() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HERALD_PORT", "70000")))
        .hasMessage("port: 70000 is out of range; allowed 1-65535 (or 0: any free port)");
  }

  @Test
  void fromEnvDoesNotValidate() {
    HeraldConfig c =
        ConfigLoader.fromEnv(HeraldConfig.defaults(), Map.of("HERALD_CLIENT_QUEUE_MAX_SIZE", "1"));
    assertThat(c.client().queueMaxSize()).isEqualTo(1);
  }

  @Test
  void everyScalarKeyHasAVariable() {
    Map<String, String> vars = ConfigLoader.environmentVariables();
    assertThat(vars)
        .containsEntry("HERALD_PORT", "port")
        .containsEntry("HERALD_ALLOWED_ORIGINS", "allowedOrigins")
        .containsEntry("HERALD_TOKEN_HMAC_SECRET", "token.hmacSecret")
        .containsEntry("HERALD_TOKEN_RSA_PUBLIC_KEY", "token.rsaPublicKey")
        .containsEntry("HERALD_TOKEN_ECDSA_PUBLIC_KEY", "token.ecdsaPublicKey")
        .containsEntry("HERALD_TOKEN_JWKS_URL", "token.jwksUrl")
        .containsEntry("HERALD_API_KEY", "api.key")
        .containsEntry("HERALD_CLIENT_MAX_JSON_DEPTH", "client.maxJsonDepth")
        .containsEntry("HERALD_CLIENT_QUEUE_MAX_SIZE", "client.queueMaxSize")
        .containsEntry(
            "HERALD_DEFAULT_NAMESPACE_ALLOW_SUBSCRIBE_FOR_CLIENT",
            "defaultNamespace.allowSubscribeForClient")
        .containsEntry("HERALD_PROXY_RPC_ENDPOINT", "proxy.rpc.endpoint")
        .containsEntry("HERALD_PROXY_CONNECT_HEADERS", "proxy.connect.headers")
        .containsEntry("HERALD_PROXY_MAX_STREAMS", "proxy.maxStreams")
        .containsEntry("HERALD_BROKER_TYPE", "broker.type")
        .containsEntry("HERALD_BROKER_NATS_URL", "broker.nats.url")
        .containsEntry("HERALD_INGEST_DAPR_TOKEN", "ingest.daprToken")
        .doesNotContainKeys("HERALD_NAMESPACES", "HERALD_DEFAULT_NAMESPACE_NAME");
    int scalars =
        3
            + TokenConfig.class.getRecordComponents().length
            + ApiConfig.class.getRecordComponents().length
            + ClientConfig.class.getRecordComponents().length
            + NamespaceConfig.class.getRecordComponents().length
            - 1
            + InternalConfig.class.getRecordComponents().length
            + AdminConfig.class.getRecordComponents().length
            + ShutdownConfig.class.getRecordComponents().length
            + TlsConfig.class.getRecordComponents().length
            + WebSocketConfig.class.getRecordComponents().length
            // broker: type beside the nats section
            + 1
            + NatsConfig.class.getRecordComponents().length
            // fallback: scalars only
            + FallbackConfig.class.getRecordComponents().length
            // engine: type, then the redis section with its sentinel section
            + EngineConfig.class.getRecordComponents().length - 1
            + RedisConfig.class.getRecordComponents().length - 1
            + RedisConfig.SentinelConfig.class.getRecordComponents().length
            // proxy: four endpoints, each a section of scalars, and the scalars beside them
            + 4 * ProxyEndpoint.class.getRecordComponents().length
            + ProxyConfig.class.getRecordComponents().length
            - 4
            // ingest: every scalar but the file-only list of sources
            + IngestConfig.class.getRecordComponents().length - 1
            // demo: scalars only
            + DemoConfig.class.getRecordComponents().length
            // pusher: the list of apps as id:key:secret triples
            + 1
            // webhookOfflineGrace beside the list of webhooks (HERALD_WEBHOOKS_<i>_<KEY>)
            + 1;
    assertThat(vars).hasSize(scalars);
    vars.forEach((name, key) -> assertThat(ConfigLoader.environmentVariable(key)).isEqualTo(name));
  }
}
