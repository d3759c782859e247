package io.herald.config;

import static io.herald.config.ConfigLoaderTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every validation rule, broken once, with the key it must name. */
class ConfigValidatorTest {

  @TempDir Path dir;

  static Stream<Arguments> brokenRules() {
    return Stream.of(
        Arguments.of("port: 70000", "port", "70000 is out of range; allowed 1-65535"),
        Arguments.of("port: -1", "port", "-1 is out of range"),
        Arguments.of("address: \"  \"", "address", "must not be empty"),
        Arguments.of("allowedOrigins: [\"*\", \"app.example.com\"]", "allowedOrigins[1]",
            "\"app.example.com\" is not an origin; use \"*\" or scheme://host[:port]"),
        Arguments.of("allowedOrigins: [\"https://a.example.com/\"]", "allowedOrigins[0]",
            "has a path"),
        Arguments.of("allowedOrigins: [\"https://a.example.com/app\"]", "allowedOrigins[0]",
            "has a path"),
        Arguments.of("allowedOrigins: [\"https://*.example.com\"]", "allowedOrigins[0]",
            "has a wildcard"),
        Arguments.of("allowedOrigins: [\"https://App.example.com\"]", "allowedOrigins[0]",
            "lower case"),
        Arguments.of("allowedOrigins: [\"https://a.example.com:443\"]", "allowedOrigins[0]",
            "default port"),
        Arguments.of("allowedOrigins: [\"http://localhost:70000\"]", "allowedOrigins[0]",
            "has port 70000; allowed 1-65535"),
        Arguments.of("token: {hmacSecret: short}", "token.hmacSecret",
            "is 5 bytes long; HS256 needs at least 32 bytes (256 bits)"),
        Arguments.of("token: {jwksUrl: \"ftp://x/keys\"}", "token.jwksUrl",
            "is not an http(s) URL"),
        Arguments.of("token: {jwksUrl: \"not a url\"}", "token.jwksUrl", "is not an http(s) URL"),
        Arguments.of(
            "token: {jwksCacheTtl: 0s}", "token.jwksCacheTtl", "must be at least 1s, got 0s"),
        Arguments.of("token: {audience: \"\"}", "token.audience", "must not be empty"),
        Arguments.of("token: {issuer: \" \"}", "token.issuer", "must not be empty"),
        Arguments.of("token: {leeway: 6m}", "token.leeway", "6m is too long; at most 5m"),
        Arguments.of("token: {leeway: -1s}", "token.leeway", "is negative"),
        Arguments.of("token: {jwksMaxStale: -1s}", "token.jwksMaxStale", "is negative"),
        Arguments.of("api: {key: abc}", "api.key", "is 3 characters long; use at least 16"),
        Arguments.of("api: {maxBodySize: 10}", "api.maxBodySize", "must be at least 1024, got 10"),
        Arguments.of("client: {pingInterval: 500ms}", "client.pingInterval",
            "must be at least 1s, got 500ms"),
        Arguments.of("client: {pongTimeout: 0}", "client.pongTimeout", "must be at least 1s"),
        Arguments.of("client: {pingInterval: 10s, pongTimeout: 10s}", "client.pongTimeout",
            "10s is too long; must be less than client.pingInterval (10s)"),
        Arguments.of("client: {connectTimeout: 999ms}", "client.connectTimeout",
            "must be at least 1s"),
        Arguments.of("client: {maxMessageSize: 127}", "client.maxMessageSize",
            "127 is out of range; allowed 128-67108864"),
        Arguments.of("client: {maxMessageSize: 67108865}", "client.maxMessageSize",
            "out of range"),
        Arguments.of(
            "client: {channelLimit: 0}", "client.channelLimit", "must be at least 1, got 0"),
        Arguments.of("client: {queueMaxSize: 1023}", "client.queueMaxSize",
            "must be at least 1024, got 1023"),
        Arguments.of("client: {maxBatchSize: 0}", "client.maxBatchSize", "must be at least 1"),
        Arguments.of("client: {maxCoalescedMessages: 0}", "client.maxCoalescedMessages",
            "0 is out of range; allowed 1-1024"),
        Arguments.of("client: {maxCoalescedMessages: 1025}", "client.maxCoalescedMessages",
            "out of range"),
        Arguments.of("client: {maxCoalescedSize: 127}", "client.maxCoalescedSize",
            "127 is out of range; allowed 128-67108864"),
        Arguments.of("client: {maxJsonDepth: 1}", "client.maxJsonDepth",
            "1 is out of range; allowed 2-1000"),
        Arguments.of("client: {maxJsonDepth: 1001}", "client.maxJsonDepth", "out of range"),
        Arguments.of("client: {maxPendingFrames: 0}", "client.maxPendingFrames",
            "must be at least 1"),
        Arguments.of("defaultNamespace: {name: main}", "defaultNamespace.name",
            "must be empty, got \"main\""),
        Arguments.of("defaultNamespace: {historySize: -1}", "defaultNamespace.historySize",
            "must be at least 0, got -1"),
        Arguments.of("defaultNamespace: {historySize: 10}", "defaultNamespace.historyTtl",
            "must be more than 0 when defaultNamespace.historySize is 10"),
        Arguments.of("namespaces: [{presence: true}]", "namespaces[0].name", "missing"),
        Arguments.of("namespaces: [{name: \"a b\"}]", "namespaces[0].name",
            "\"a b\" is not a valid name; use 1-64 letters, digits, _ - or ."),
        Arguments.of("namespaces: [{name: \"" + "n".repeat(65) + "\"}]", "namespaces[0].name",
            "is not a valid name"),
        Arguments.of("namespaces: [{name: \"a:b\"}]", "namespaces[0].name", "is not a valid name"),
        Arguments.of("namespaces: [{name: chat}, {name: chat}]", "namespaces[1].name",
            "\"chat\" is defined twice; namespace names must be unique"),
        Arguments.of("namespaces: [{name: chat, historySize: 100}]", "namespaces[0].historyTtl",
            "must be more than 0 when namespaces[0].historySize is 100; set both"),
        Arguments.of("namespaces: [{name: chat, historyTtl: 10m}]", "namespaces[0].historySize",
            "must be more than 0 when namespaces[0].historyTtl is 10m; set both"),
        Arguments.of("namespaces: [{name: x, historySize: -5, historyTtl: 1m}]",
            "namespaces[0].historySize", "must be at least 0, got -5"),
        Arguments.of("namespaces: [{name: x, historyMetaTtl: 0s}]",
            "namespaces[0].historyMetaTtl", "must be at least 1s"),
        Arguments.of("namespaces: [{name: x, readMetaTtl: 500ms}]",
            "namespaces[0].readMetaTtl", "must be at least 1s"),
        Arguments.of("namespaces: [{name: x, maxIdempotencyKeySize: 0}]",
            "namespaces[0].maxIdempotencyKeySize", "allowed 1-4096"),
        Arguments.of("defaultNamespace: {maxIdempotencyKeySize: 5000}",
            "defaultNamespace.maxIdempotencyKeySize", "allowed 1-4096"),
        Arguments.of("namespaces: [{name: x, historySize: 5, historyTtl: 2d, historyMetaTtl: 1d}]",
            "namespaces[0].historyMetaTtl", "must be at least namespaces[0].historyTtl"),
        Arguments.of("namespaces: [{name: x, presenceTtl: 500ms}]", "namespaces[0].presenceTtl",
            "must be at least 1s"),
        Arguments.of("namespaces: [{name: x, idempotencyWindow: 0s}]",
            "namespaces[0].idempotencyWindow", "must be at least 1s"),
        Arguments.of("client: {recoveryMaxPublicationLimit: 0}",
            "client.recoveryMaxPublicationLimit", "0 is out of range; allowed 1-100000"),
        Arguments.of("client: {rateLimitGrace: -1s}", "client.rateLimitGrace", "is negative"),
        Arguments.of("client: {userConnectionLimit: -1}", "client.userConnectionLimit",
            "must be at least 0"),
        Arguments.of("client: {connectionLimit: -1}", "client.connectionLimit",
            "must be at least 0"),
        Arguments.of("client: {connectionRatePerAddress: -1}", "client.connectionRatePerAddress",
            "must be at least 0"),
        Arguments.of("client: {connectionBurstPerAddress: 0}",
            "client.connectionBurstPerAddress", "must be at least 1"),
        Arguments.of("client: {maxJsonStringLength: 15}", "client.maxJsonStringLength",
            "out of range"),
        Arguments.of("client: {maxRequestHeaderSize: 1023}", "client.maxRequestHeaderSize",
            "out of range"),
        Arguments.of("client: {rateLimit: -1}", "client.rateLimit", "must be at least 0"),
        Arguments.of("client: {rateBurst: 0}", "client.rateBurst", "must be at least 1"),
        Arguments.of("client: {maxJsonTokens: 3}", "client.maxJsonTokens", "at least 16"),
        Arguments.of("client: {maxRequestLineLength: 100}", "client.maxRequestLineLength",
            "out of range"),
        Arguments.of("websocket: {compressionLevel: 0}", "websocket.compressionLevel",
            "0 is out of range; allowed 1-9"),
        Arguments.of("websocket: {compressionMinSize: -1}", "websocket.compressionMinSize",
            "must be at least 0"),
        Arguments.of("broker: {type: kafka}", "broker.type",
            "\"kafka\" is not a broker; allowed: engine"),
        Arguments.of("broker: {type: nats, nats: {url: \"\"}}", "broker.nats.url",
            "must not be empty"),
        Arguments.of("engine: {type: redis, redis: {tlsCaFile: /nonexistent/ca.pem}}",
            "engine.redis.tlsCaFile", "file \"/nonexistent/ca.pem\" not found; use the path of a"
                + " PEM file of CA certificates"),
        Arguments.of("broker: {type: nats, nats: {credentialsFile: /nonexistent/herald.creds}}",
            "broker.nats.credentialsFile", "file \"/nonexistent/herald.creds\" not found; use the"
                + " path of a NATS credentials file (.creds, or an NKey seed)"),
        Arguments.of("broker: {type: nats, nats: {url: \"http://x:4222\"}}", "broker.nats.url",
            "not a NATS URL"),
        Arguments.of("broker: {type: nats, nats: {prefix: \"a.*\"}}", "broker.nats.prefix",
            "not a subject prefix"),
        Arguments.of("broker: {type: nats, nats: {prefix: \"a..b\"}}", "broker.nats.prefix",
            "not a subject prefix"),
        Arguments.of("broker: {type: nats, nats: {connectTimeout: 10ms}}",
            "broker.nats.connectTimeout", "must be at least 100ms"),
        Arguments.of("broker: {type: nats, nats: {reconnectWait: 2s, reconnectMaxWait: 1s}}",
            "broker.nats.reconnectMaxWait", "must be at least 2s"),
        Arguments.of("broker: {type: nats, nats: {maxPendingMessages: 0}}",
            "broker.nats.maxPendingMessages", "must be at least 1"),
        Arguments.of("fallback: {tokenCookie: \"a b\"}", "fallback.tokenCookie",
            "is not a cookie name"),
        Arguments.of("fallback: {maxRequestSize: 10}", "fallback.maxRequestSize",
            "must be at least 64"),
        Arguments.of("fallback: {bufferSize: 0}", "fallback.bufferSize", "must be at least 1024"),
        Arguments.of("fallback: {pollTimeout: 0s}", "fallback.pollTimeout", "must be at least 1s"),
        Arguments.of("fallback: {maxEndedSessions: 999}", "fallback.maxEndedSessions",
            "allowed 1000-10000000"),
        Arguments.of("fallback: {sessionIdleTimeout: 100ms}", "fallback.sessionIdleTimeout",
            "must be at least 1s"),
        Arguments.of("fallback: {heartbeatInterval: 999ms}", "fallback.heartbeatInterval",
            "must be at least 1s"),
        Arguments.of("tls: {certFile: /etc/hostname}", "tls.keyFile",
            "set both tls.certFile and tls.keyFile"),
        Arguments.of("tls: {certFile: /nope.crt, keyFile: /nope.key}", "tls.certFile", ""),
        Arguments.of("proxy: {tlsCaFile: /nope-ca.pem}", "proxy.tlsCaFile", "not found"),
        Arguments.of("proxy: {tlsCaFile: /etc/hostname}", "proxy.tlsCaFile", "certificate"),
        Arguments.of("broker: {type: nats, nats: {reorderWindow: 6s}}",
            "broker.nats.reorderWindow", "at most 5s"),
        Arguments.of("engine: {type: nats}", "engine.type", "allowed: memory, redis"),
        Arguments.of("engine: {redis: {address: \"http://x:6379\"}}", "engine.redis.address",
            "not a Redis address"),
        Arguments.of("engine: {redis: {address: \"redis:///0\"}}", "engine.redis.address",
            "no host"),
        Arguments.of("engine: {redis: {prefix: \"a b\"}}", "engine.redis.prefix",
            "1-64 letters"),
        Arguments.of("engine: {redis: {prefix: \"{x}\"}}", "engine.redis.prefix",
            "1-64 letters"),
        Arguments.of("engine: {redis: {sentinel: {masterName: m}}}",
            "engine.redis.sentinel.addresses", "at least one sentinel"),
        Arguments.of("engine: {redis: {sentinel: {addresses: [\"redis://s:26379\"]}}}",
            "engine.redis.sentinel.masterName", "name the master"),
        Arguments.of("engine: {redis: {cluster: [\"redis://a:7000\", \"redis://a:7000\"]}}",
            "engine.redis.cluster[1]", "listed twice"),
        Arguments.of("engine: {redis: {cluster: [\"redis://a:7000\"],"
                + " shards: [\"redis://b:6379\"]}}", "engine.redis.shards",
            "cannot be combined"),
        Arguments.of("engine: {redis: {shards: [\"b:6379\"]}}", "engine.redis.shards[0]",
            "not a Redis address"),
        Arguments.of("engine: {redis: {commandTimeout: 50ms}}", "engine.redis.commandTimeout",
            "at least 100ms"),
        Arguments.of("engine: {redis: {reconnectMaxDelay: 0s}}",
            "engine.redis.reconnectMaxDelay", "at least 100ms"));
  }

  @ParameterizedTest
  @MethodSource
  void brokenRules(String yaml, String key, String fragment) {
    assertError(yaml, key, fragment);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "port: 0",
        "port: 1",
        "port: 65535",
        "allowedOrigins: [\"*\"]",
        "allowedOrigins: [\"http://localhost:3000\", \"https://app.example.com\"]",
        "allowedOrigins: [\"http://[::1]:8080\", \"capacitor://localhost\"]",
        "client: {expiryGrace: 0s, maxMessageSize: 128, queueMaxSize: 1024}",
        "client: {maxMessageSize: 67108864, maxJsonDepth: 2, pingInterval: 2, pongTimeout: 1}",
        "token: {jwksUrl: \"http://localhost:8080/jwks.json\", jwksCacheTtl: 1s}",
        "api: {key: \"0123456789abcdef\"}",
        "defaultNamespace: {name: \"\", historySize: 10, historyTtl: 30d}",
        "namespaces: [{name: a.b_c-D9}, {name: chat, historySize: 0, historyTtl: 0}]",
        "broker: {type: nats, nats: {url: \"nats://u:p@a:4222, tls://b\", prefix: acme.h-1}}",
        "broker: {type: engine, nats: {url: \"\"}}",
        "engine: {type: redis, redis: {address: \"rediss://:pw@r.example.com:6380/2\"}}",
        "engine: {type: redis, redis: {sentinel: {masterName: m,"
            + " addresses: [\"redis://s1:26379\", \"redis://s2:26379\"]}}}",
        "engine: {type: redis, redis: {cluster: [\"redis://a:7000\", \"redis://b:7001\"]}}",
        "engine: {type: redis, redis: {shards: [\"redis://a:6379\"], prefix: \"app:1\","
            + " commandTimeout: 100ms, reconnectMaxDelay: 100ms}}"
      })
  void edgeValuesAreAccepted(String yaml) {
    ConfigLoader.parse(yaml, "ok.yaml", Map.of());
  }

  @Test
  void secretsAreNeverRepeated() {
    String secret = "tooShortSecretValue";
    assertThatThrownBy(
            () -> ConfigLoader.parse("token: {hmacSecret: " + secret + "}", "s.yaml", Map.of()))
        .message()
        .doesNotContain(secret);
    assertThatThrownBy(() -> ConfigLoader.parse("api: {key: shortkey}", "s.yaml", Map.of()))
        .message()
        .doesNotContain("shortkey");
    assertThatThrownBy(() -> ConfigLoader.parse(
            "broker: {type: nats, nats: {url: \"http://ann:pw1234@x:4222\"}}", "s.yaml", Map.of()))
        .message()
        .contains("broker.nats.url")
        .doesNotContain("pw1234");
    assertThatThrownBy(() -> ConfigLoader.parse(
            "engine: {redis: {address: \"http://:hunter2secret@r:6379\"}}", "s.yaml", Map.of()))
        .message()
        .doesNotContain("hunter2secret");
  }

  @Test
  void hmacSecretLengthCountsBytes() {
    String secret = "é".repeat(16); // 16 characters, 32 bytes in UTF-8
    TokenConfig t = new TokenConfig(secret, null, null, null, Duration.ofMinutes(5), null, null);
    HeraldConfig c = copy(HeraldConfig.defaults(), t);
    assertThat(ConfigLoader.validate(c)).isSameAs(c);
  }

  @Test
  void keyFilesMustExist() throws Exception {
    Path pem = Files.writeString(dir.resolve("key.pem"), "pem");
    ConfigLoader.parse("token: {rsaPublicKey: \"" + pem + "\", ecdsaPublicKey: \"" + pem + "\"}",
        "k.yaml", Map.of());
    Path missing = dir.resolve("missing.pem");
    assertError("token: {rsaPublicKey: \"" + missing + "\"}", "token.rsaPublicKey",
        "file \"" + missing + "\" not found");
    assertError("token: {ecdsaPublicKey: \"" + missing + "\"}", "token.ecdsaPublicKey",
        "not found");
    assertError("token: {ecdsaPublicKey: relative-missing.pem}", "token.ecdsaPublicKey",
        "relative to the working directory");
    assertError("token: {rsaPublicKey: \"" + dir + "\"}", "token.rsaPublicKey",
        "is not a regular file");
    assertError("token: {rsaPublicKey: \"\"}", "token.rsaPublicKey", "must not be empty");
  }

  @Test
  void defaultsAndInMemoryConfigsValidate() {
    HeraldConfig d = HeraldConfig.defaults();
    assertThat(ConfigLoader.validate(d)).isSameAs(d);
    HeraldConfig open =
        new HeraldConfig(0, "127.0.0.1", List.of("*"), d.token(), d.api(), d.client(),
            NamespaceConfig.permissive(""), List.of(NamespaceConfig.permissive("chat")));
    assertThat(ConfigLoader.validate(open)).isSameAs(open);
  }

  @Test
  void inMemoryNullsAndNegativesAreCaught() {
    HeraldConfig d = HeraldConfig.defaults();
    assertThatThrownBy(() -> ConfigLoader.validate(copy(d, (TokenConfig) null)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("token: missing; it must be set");
    NamespaceConfig negative =
        NamespaceConfig.defaults("n").with("historyTtl", Duration.ofSeconds(-1));
    HeraldConfig c =
        new HeraldConfig(d.port(), d.address(), d.allowedOrigins(), d.token(), d.api(), d.client(),
            d.defaultNamespace(), List.of(negative));
    assertThatThrownBy(() -> ConfigLoader.validate(c))
        .hasMessage("namespaces[0].historyTtl: must be at least 0s, got a negative duration");
  }

  private static HeraldConfig copy(HeraldConfig d, TokenConfig token) {
    return new HeraldConfig(d.port(), d.address(), d.allowedOrigins(), token, d.api(), d.client(),
        d.defaultNamespace(), d.namespaces());
  }
}
