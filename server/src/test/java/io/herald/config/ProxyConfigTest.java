package io.herald.config;

import static io.herald.config.ConfigLoaderTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code proxy} section and the namespaces' proxy flags: defaults, file, env, rules. */
class ProxyConfigTest {

  @Test
  void defaultsAreOff() {
    ProxyConfig p = ConfigLoader.parse("", "test.yaml", Map.of()).proxy();
    assertThat(p.anyEnabled()).isFalse();
    assertThat(p.rpc().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.rpc().headers()).containsExactly("Cookie", "Authorization", "X-Request-Id");
    assertThat(p.maxResponseSize()).isEqualTo(1048576);
    assertThat(p.maxStreams()).isEqualTo(16);
    assertThat(p.connectEveryClient()).isFalse();
  }

  @Test
  void fileAndEnvironment() {
    String yaml = """
        proxy:
          connect:
            endpoint: http://localhost:3000/herald/connect
            headers: [Cookie]
          rpc:
            endpoint: http://localhost:3000/herald/rpc
            timeout: 30s
          publish:
            endpoint: http://localhost:3000/herald/publish
          maxStreams: 4
        namespaces:
          - name: mod
            publishProxy: true
        """;
    HeraldConfig c = ConfigLoader.parse(yaml, "test.yaml", Map.of(
        "HERALD_PROXY_RPC_HEADERS", "Authorization,X-Tenant",
        "HERALD_PROXY_SUBSCRIBE_ENDPOINT", "https://backend.example.com/sub",
        "HERALD_DEFAULT_NAMESPACE_SUBSCRIBE_PROXY", "true"));
    ProxyConfig p = c.proxy();
    assertThat(p.connect().headers()).containsExactly("Cookie");
    assertThat(p.rpc().timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.rpc().headers()).containsExactly("Authorization", "X-Tenant");
    assertThat(p.subscribe().endpoint()).isEqualTo("https://backend.example.com/sub");
    assertThat(p.maxStreams()).isEqualTo(4);
    assertThat(c.namespaces().get(0).publishProxy()).isTrue();
    assertThat(c.namespaces().get(0).subscribeProxy()).isFalse();
    assertThat(c.defaultNamespace().subscribeProxy()).isTrue();
  }

  static Stream<Arguments> brokenRules() {
    return Stream.of(
        Arguments.of("proxy: {rpc: {endpoint: \"localhost:3000/rpc\"}}", "proxy.rpc.endpoint",
            "is not an http(s) URL"),
        Arguments.of("proxy: {rpc: {endpoint: \"http://b/rpc\", timeout: 0s}}",
            "proxy.rpc.timeout", "must be at least 10ms, got 0s"),
        Arguments.of("proxy: {connect: {headers: [Cookie, \"Bad Header\"]}}",
            "proxy.connect.headers[1]", "is not an HTTP header name"),
        Arguments.of("proxy: {publish: {headers: [Host]}}", "proxy.publish.headers[0]",
            "cannot be forwarded"),
        Arguments.of("proxy: {connectEveryClient: true}", "proxy.connectEveryClient",
            "proxy.connect.endpoint is not set"),
        Arguments.of("proxy: {maxResponseSize: 100}", "proxy.maxResponseSize",
            "must be at least 1024, got 100"),
        Arguments.of("proxy: {maxStreams: 0}", "proxy.maxStreams", "must be at least 1, got 0"),
        Arguments.of("namespaces: [{name: a}, {name: b, publishProxy: true}]",
            "namespaces[1].publishProxy", "proxy.publish.endpoint is not set"),
        Arguments.of("defaultNamespace: {subscribeProxy: true}", "defaultNamespace.subscribeProxy",
            "proxy.subscribe.endpoint is not set"),
        Arguments.of("proxy: {rpc: {endpoitn: x}}", "proxy.rpc.endpoitn",
            "did you mean endpoint?"));
  }

  @ParameterizedTest
  @MethodSource("brokenRules")
  void brokenRules(String yaml, String key, String fragment) {
    assertError(yaml, key, fragment);
  }

  @Test
  void templateLoadsBackWithTheProxySection() {
    String text = ConfigTemplate.generate(new java.security.SecureRandom());
    assertThat(text).contains("proxy:", "  rpc:", "    endpoint: null", "maxStreams: 16",
        "publishProxy: false");
    assertThat(ConfigLoader.parse(text, "t.yaml", Map.of()).proxy().rpc().headers())
        .isEqualTo(List.of("Cookie", "Authorization", "X-Request-Id"));
  }
}
