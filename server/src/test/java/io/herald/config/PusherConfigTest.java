package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code pusher} section: apps read from YAML and the environment, every rule a named error. */
class PusherConfigTest {

  private static final String SECRET = "0123456789abcdef0123";

  private static HeraldConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, "herald.yaml", Map.of());
  }

  private static void rejects(String yaml, String key, String detail) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(detail)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void offByDefault() {
    assertThat(HeraldConfig.defaults().pusher().enabled()).isFalse();
    assertThat(parse("port: 8000").pusher().apps()).isEmpty();
  }

  @Test
  void readsAppsWithDefaults() {
    HeraldConfig c = parse("""
        pusher:
          apps:
            - {id: "1001", key: app-key, secret: "%s"}
            - id: "1002"
              key: other-key
              secret: "%s"
              enabled: false
              clientEvents: true
              webhookUrl: https://backend.example.com/hooks
              maxEventDataSize: 20000
              maxChannelsPerTrigger: 10
              clientEventRate: 5
              activityTimeout: 30s
              maxConnections: 3
        """.formatted(SECRET, SECRET));
    PusherApp first = c.pusher().apps().get(0);
    assertThat(first.id()).isEqualTo("1001");
    assertThat(first.key()).isEqualTo("app-key");
    assertThat(first.enabled()).isTrue();
    assertThat(first.clientEvents()).isFalse();
    assertThat(first.webhookUrl()).isNull();
    assertThat(first.maxEventDataSize()).isEqualTo(10_240);
    assertThat(first.maxChannelsPerTrigger()).isEqualTo(100);
    assertThat(first.clientEventRate()).isEqualTo(10);
    assertThat(first.activityTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(first.maxConnections()).isZero();
    PusherApp second = c.pusher().apps().get(1);
    assertThat(second.enabled()).isFalse();
    assertThat(second.clientEvents()).isTrue();
    assertThat(second.maxChannelsPerTrigger()).isEqualTo(10);
    assertThat(second.activityTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(second.toString()).doesNotContain(SECRET);
  }

  @Test
  void everyRuleNamesItsKey() {
    String ok = "{id: \"1\", key: k, secret: \"" + SECRET + "\"";
    rejects("pusher: {apps: [{key: k, secret: \"" + SECRET + "\"}]}", "pusher.apps[0].id",
        "missing");
    rejects("pusher: {apps: [{id: \"a b\", key: k, secret: \"" + SECRET + "\"}]}",
        "pusher.apps[0].id", "not valid");
    rejects("pusher: {apps: [{id: \"1\", secret: \"" + SECRET + "\"}]}", "pusher.apps[0].key",
        "missing");
    rejects("pusher: {apps: [" + ok + "}, {id: \"2\", key: k, secret: \"" + SECRET + "\"}]}",
        "pusher.apps[1].key", "unique");
    rejects("pusher: {apps: [" + ok + "}, {id: \"1\", key: k2, secret: \"" + SECRET + "\"}]}",
        "pusher.apps[1].id", "unique");
    rejects("pusher: {apps: [{id: \"1\", key: k}]}", "pusher.apps[0].secret", "missing");
    rejects("pusher: {apps: [{id: \"1\", key: k, secret: short}]}", "pusher.apps[0].secret",
        "at least 16");
    rejects("pusher: {apps: [" + ok + ", webhookUrl: ftp://x}]}", "pusher.apps[0].webhookUrl",
        "http(s)");
    rejects("pusher: {apps: [" + ok + ", maxEventDataSize: 0}]}",
        "pusher.apps[0].maxEventDataSize", "out of range");
    rejects("pusher: {apps: [" + ok + ", maxChannelsPerTrigger: 1001}]}",
        "pusher.apps[0].maxChannelsPerTrigger", "out of range");
    rejects("pusher: {apps: [" + ok + ", clientEventRate: 0}]}",
        "pusher.apps[0].clientEventRate", "at least 1");
    rejects("pusher: {apps: [" + ok + ", activityTimeout: 0s}]}",
        "pusher.apps[0].activityTimeout", "at least 1s");
    rejects("pusher: {apps: [" + ok + ", maxConnections: -1}]}",
        "pusher.apps[0].maxConnections", "at least 0");
    rejects("pusher: {apps: [" + ok + ", clientEvent: true}]}",
        "pusher.apps[0].clientEvent", "did you mean clientEvents");
  }

  @Test
  void aSecretOfTheWrongTypeIsNotRepeated() {
    assertThatThrownBy(() -> parse("pusher: {apps: [{id: \"1\", key: k, secret: 12345678901234567}]}"))
        .hasMessageContaining("pusher.apps[0].secret")
        .hasMessageNotContaining("12345678901234567");
  }

  @Test
  void theEnvironmentSetsTheApps() {
    HeraldConfig c = ConfigLoader.parse("port: 8000", "herald.yaml",
        Map.of("HERALD_PUSHER_APPS", "1001:app-key:" + SECRET + ", 1002:key2:" + SECRET));
    assertThat(c.pusher().apps()).extracting(PusherApp::id).containsExactly("1001", "1002");
    assertThat(c.pusher().apps().get(1).key()).isEqualTo("key2");
    assertThat(c.pusher().apps().get(1).secret()).isEqualTo(SECRET);
    assertThat(ConfigLoader.environmentVariable("pusher.apps")).isEqualTo("HERALD_PUSHER_APPS");
    assertThat(ConfigLoader.environmentVariables()).containsEntry("HERALD_PUSHER_APPS", "pusher.apps");
  }

  @Test
  void aMalformedEnvironmentListNamesTheVariableNotTheSecret() {
    assertThatThrownBy(() -> ConfigLoader.parse("port: 8000", "herald.yaml",
            Map.of("HERALD_PUSHER_APPS", "1001:app-key")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("pusher.apps (from HERALD_PUSHER_APPS)")
        .hasMessageContaining("id:key:secret");
    assertThatThrownBy(() -> ConfigLoader.parse("port: 8000", "herald.yaml",
            Map.of("HERALD_PUSHER_APPS", "1001:app-key:tooShortSecret")))
        .hasMessageContaining("pusher.apps[0].secret")
        .hasMessageNotContaining("tooShortSecret");
  }
}
