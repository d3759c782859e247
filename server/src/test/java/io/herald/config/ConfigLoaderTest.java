package io.herald.config;

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

/** Reading files: syntax, JSON, unknown keys, wrong types, file errors. */
class ConfigLoaderTest {

  static final String SECRET = "0123456789abcdef0123456789abcdef-secret";

  @TempDir Path dir;

  @Test
  void issueExampleLoads() throws Exception {
    Path rsa = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN PUBLIC KEY-----\n");
    Path ec = Files.writeString(dir.resolve("ec.pem"), "-----BEGIN PUBLIC KEY-----\n");
    String yaml =
        """
        port: 8000
        allowedOrigins: ["https://app.example.com"]   # WebSocket Origin check; "*" allows all
        token:
          hmacSecret: "%s"        # HS256/384/512
          rsaPublicKey: %s   # RS256/384/512
          ecdsaPublicKey: %s # ES256/384/512
          jwksUrl: https://auth.example.com/.well-known/jwks.json     # keys by kid, cached
          audience: herald            # checked when set
          issuer: https://auth.example.com              # checked when set
        api:
          key: "api-key-0123456789abcdef"               # server API key (X-API-Key)
        client:
          pingInterval: 25s
          pongTimeout: 10s
          connectTimeout: 10s      # a connection that sends no connect in time is closed (3502)
          maxMessageSize: 65536    # larger frames: close 1009
          channelLimit: 128        # per connection (error 106)
          queueMaxSize: 1048576    # outbound bytes queued per connection
          allowAnonymous: false
        defaultNamespace: { allowSubscribeForClient: true, presence: true }
        namespaces:
          - name: chat
            allowSubscribeForClient: true
            allowSubscribeForAnonymous: false
            allowPublishForSubscriber: true
            allowPublishForClient: false
            allowUserLimitedChannels: true
            allowHistoryForSubscriber: true
            allowPresenceForSubscriber: true
            historySize: 100
            historyTtl: 10m
            presence: true
            joinLeave: true
        """
            .formatted(SECRET, rsa, ec);
    Path file = Files.writeString(dir.resolve("herald.yaml"), yaml);
    HeraldConfig c = ConfigLoader.load(file, Map.of());

    assertThat(c.port()).isEqualTo(8000);
    assertThat(c.allowedOrigins()).containsExactly("https://app.example.com");
    assertThat(c.token().hmacSecret()).isEqualTo(SECRET);
    assertThat(c.token().rsaPublicKey()).isEqualTo(rsa.toString());
    assertThat(c.token().ecdsaPublicKey()).isEqualTo(ec.toString());
    assertThat(c.token().jwksUrl()).isEqualTo("https://auth.example.com/.well-known/jwks.json");
    assertThat(c.token().jwksCacheTtl()).isEqualTo(TokenConfig.DEFAULT_JWKS_CACHE_TTL);
    assertThat(c.token().audience()).isEqualTo("herald");
    assertThat(c.token().issuer()).isEqualTo("https://auth.example.com");
    assertThat(c.api().key()).isEqualTo("api-key-0123456789abcdef");
    assertThat(c.client())
        .isEqualTo(ClientConfig.defaults()); // the example spells out the defaults
    assertThat(c.defaultNamespace())
        .isEqualTo(
            NamespaceConfig.defaults("")
                .with("allowSubscribeForClient", true)
                .with("presence", true));
    assertThat(c.namespaces()).containsExactly(ConfigTemplate.CHAT);
  }

  @Test
  void missingKeysTakeTheDefaults() {
    HeraldConfig c = ConfigLoader.parse("client:\n  pingInterval: 30s\n", "x.yaml", Map.of());
    HeraldConfig d = HeraldConfig.defaults();
    assertThat(c.client().pingInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.client().pongTimeout()).isEqualTo(d.client().pongTimeout());
    assertThat(c.token()).isEqualTo(d.token());
    assertThat(c.address()).isEqualTo(d.address());
  }

  @Test
  void emptyFileAndNoFileGiveTheDefaults() throws Exception {
    assertThat(ConfigLoader.parse("", "x.yaml", Map.of())).isEqualTo(HeraldConfig.defaults());
    assertThat(ConfigLoader.parse("# nothing\n", "x.yaml", Map.of()))
        .isEqualTo(HeraldConfig.defaults());
    assertThat(ConfigLoader.load(null, Map.of())).isEqualTo(HeraldConfig.defaults());
  }

  @Test
  void emptyValueKeepsTheDefault() {
    HeraldConfig c = ConfigLoader.parse("port:\ntoken:\n  audience: null\n", "x.yaml", Map.of());
    assertThat(c).isEqualTo(HeraldConfig.defaults());
  }

  @Test
  void jsonFileLoads() throws Exception {
    String json =
        "{\n\t\"port\": 9000,\n\t\"allowedOrigins\": [\"*\"],\n"
            + "\t\"client\": {\"pingInterval\": \"30s\", \"allowAnonymous\": true},\n"
            + "\t\"namespaces\": [\n"
            + "\t\t{\"name\": \"chat\", \"historySize\": 10, \"historyTtl\": 600}\n"
            + "\t]\n}\n";
    for (String name : List.of("herald.json", "herald.yaml")) {
      HeraldConfig c = ConfigLoader.load(Files.writeString(dir.resolve(name), json), Map.of());
      assertThat(c.port()).isEqualTo(9000);
      assertThat(c.allowedOrigins()).containsExactly("*");
      assertThat(c.client().pingInterval()).isEqualTo(Duration.ofSeconds(30));
      assertThat(c.client().allowAnonymous()).isTrue();
      assertThat(c.namespaces().get(0).historyTtl()).isEqualTo(Duration.ofMinutes(10));
    }
  }

  @Test
  void jsonSyntaxErrorNamesTheLine() {
    assertThatThrownBy(() -> ConfigLoader.parse("{\n\"port\": 1,\n}\n", "h.json", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("config file h.json: line 3: ");
  }

  @Test
  void yamlSyntaxErrorNamesFileAndLine() {
    String yaml = "port: 8000\nclient:\n  pingInterval: 25s\n pongTimeout: 10s\n";
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "bad.yaml", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("config file bad.yaml: line 4: ")
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("");
    assertThatThrownBy(() -> ConfigLoader.parse("port: [1,\n", "b.yaml", Map.of()))
        .hasMessageMatching("config file b\\.yaml: line 2: expected .*");
  }

  @Test
  void duplicateKeyIsAnError() {
    assertThatThrownBy(() -> ConfigLoader.parse("port: 1\nport: 2\n", "d.yaml", Map.of()))
        .hasMessage("config file d.yaml: line 2: Duplicate field 'port'");
  }

  @Test
  void aliasIsRefused() {
    String yaml = "client:\n  pingInterval: &t 30s\n  connectTimeout: *t\n";
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "a.yaml", Map.of()))
        .hasMessageStartingWith("config file a.yaml: line 3: YAML aliases");
  }

  @Test
  void topLevelMustBeAMapping() {
    assertThatThrownBy(() -> ConfigLoader.parse("- 1\n- 2\n", "l.yaml", Map.of()))
        .hasMessage(
            "config file l.yaml: expected a mapping of keys at the top level (e.g. port: 8000),"
                + " got a list");
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config file " + file + ": not found");
    assertThatThrownBy(() -> ConfigLoader.load(dir, Map.of()))
        .hasMessageStartingWith("config file " + dir + ": is a directory");
  }

  @Test
  void notUtf8() throws Exception {
    Path file = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9});
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .hasMessageEndingWith("not UTF-8 text");
  }

  static Stream<Arguments> unknownKeys() {
    return Stream.of(
        Arguments.of(
            "prot: 8000", "prot", "unknown key (did you mean port?); known keys here: port,"),
        Arguments.of("token: {hmac_secret: x}", "token.hmac_secret", "(did you mean hmacSecret?)"),
        Arguments.of("api: {apiKey: x}", "api.apiKey", "unknown key; known keys here: key"),
        Arguments.of(
            "client: {pingIntervall: 25s}",
            "client.pingIntervall",
            "unknown key (did you mean pingInterval?); known keys here: pingInterval,"),
        Arguments.of("defaultNamespace: {history: 1}", "defaultNamespace.history", "historySize"),
        Arguments.of(
            "namespaces: [{name: a}, {name: b, presense: true}]",
            "namespaces[1].presense",
            "(did you mean presence?)"),
        Arguments.of("whatever: 1", "whatever", "unknown key; known keys here: port, address,"));
  }

  @ParameterizedTest
  @MethodSource
  void unknownKeys(String yaml, String key, String fragment) {
    assertError(yaml, key, fragment);
  }

  static Stream<Arguments> wrongTypes() {
    return Stream.of(
        Arguments.of("port: abc", "port", "expected a whole number, got \"abc\""),
        Arguments.of("port: 1.5", "port", "expected a whole number, got 1.5"),
        Arguments.of("port: 99999999999", "port", "99999999999 is too large"),
        Arguments.of("address: [a]", "address", "expected a string, got a list"),
        Arguments.of(
            "address: 127", "address", "expected a string, got 127; put the value in quotes"),
        Arguments.of("allowedOrigins: {a: 1}", "allowedOrigins", "expected a list"),
        Arguments.of("allowedOrigins: [1]", "allowedOrigins[0]", "expected a string, got 1"),
        Arguments.of("token: 5", "token", "expected a mapping of keys, got 5"),
        Arguments.of("api: {key: true}", "api.key", "expected a string, got a boolean"),
        Arguments.of(
            "token: {hmacSecret: 123456789012345678901234567890123}",
            "token.hmacSecret",
            "expected a string, got a number; put the value in quotes"),
        Arguments.of(
            "client: {allowAnonymous: yes}",
            "client.allowAnonymous",
            "expected true or false, got \"yes\""),
        Arguments.of(
            "client: {pingInterval: 25x}",
            "client.pingInterval",
            "\"25x\" is not a duration; use a number with ms, s, m, h or d (e.g. 25s)"),
        Arguments.of("client: {pingInterval: 2.5}", "client.pingInterval", "2.5 is not a duration"),
        Arguments.of("client: {expiryGrace: -5s}", "client.expiryGrace", "is negative"),
        Arguments.of("client: {expiryGrace: -5}", "client.expiryGrace", "is negative"),
        Arguments.of("namespaces: {name: chat}", "namespaces", "expected a list, got a mapping"),
        Arguments.of(
            "namespaces: [chat]", "namespaces[0]", "expected a mapping of keys, got \"chat\""),
        Arguments.of(
            "namespaces: [{name: chat, presence: maybe}]",
            "namespaces[0].presence",
            "expected true or false, got \"maybe\""));
  }

  @ParameterizedTest
  @MethodSource
  void wrongTypes(String yaml, String key, String fragment) {
    assertError(yaml, key, fragment);
  }

  @Test
  void originsMayBeOneCommaSeparatedString() {
    HeraldConfig c =
        ConfigLoader.parse(
            "allowedOrigins: https://a.example.com, https://b.example.com\n", "x.yaml", Map.of());
    assertThat(c.allowedOrigins())
        .containsExactly("https://a.example.com", "https://b.example.com");
  }

  @Test
  void booleanLikeWordsAreStrings() {
    HeraldConfig c = ConfigLoader.parse("token: {audience: on, issuer: no}\n", "x.yaml", Map.of());
    assertThat(c.token().audience()).isEqualTo("on");
    assertThat(c.token().issuer()).isEqualTo("no");
  }

  @Test
  void numbersAndBooleansMayBeQuoted() {
    HeraldConfig c =
        ConfigLoader.parse("port: \"9000\"\nclient: {allowAnonymous: \"true\"}\n", "x", Map.of());
    assertThat(c.port()).isEqualTo(9000);
    assertThat(c.client().allowAnonymous()).isTrue();
  }

  /** Parses {@code yaml} and expects an error about {@code key} containing {@code fragment}. */
  static void assertError(String yaml, String key, String fragment) {
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "test.yaml", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(key + ": ")
        .hasMessageContaining(fragment)
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo(key);
  }
}
