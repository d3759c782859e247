package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code webhooks} and {@code webhookOfflineGrace}: defaults, every rule, the environment. */
class WebhookConfigTest {

  private static final String SECRET = "0123456789abcdef-secret";

  private static HeraldConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, "herald.yaml", Map.of());
  }

  private static void rejects(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }

  private static String item(String more) {
    return "webhooks:\n  - {url: \"https://hooks.example.com/h\", secret: \"" + SECRET + "\""
        + (more.isEmpty() ? "" : ", " + more) + "}\n";
  }

  @Test
  void defaults() {
    HeraldConfig c = parse(item(""));
    assertThat(HeraldConfig.defaults().webhooks()).isEmpty();
    assertThat(c.webhookOfflineGrace()).isEqualTo(Duration.ofSeconds(5));
    WebhookEndpoint w = c.webhooks().get(0);
    assertThat(w.url()).isEqualTo("https://hooks.example.com/h");
    assertThat(w.events()).containsExactly("channel.occupied", "channel.vacated", "user.online",
        "user.offline", "presence.join", "presence.leave");
    assertThat(w.namespaces()).isEmpty();
    assertThat(w.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(w.batchMaxSize()).isEqualTo(100);
    assertThat(w.batchMaxDelay()).isEqualTo(Duration.ofMillis(100));
    assertThat(w.maxAge()).isEqualTo(Duration.ofHours(1));
    assertThat(w.queueMaxSize()).isEqualTo(100_000);
    assertThat(w.toString()).doesNotContain(SECRET).contains("secret=***");
  }

  @Test
  void readsEveryKey() {
    HeraldConfig c = parse("webhookOfflineGrace: 2s\n" + item("events: [user.online, "
        + "client.publish], namespaces: [chat, \"\"], timeout: 2s, batchMaxSize: 10,"
        + " batchMaxDelay: 0s, maxAge: 30s, queueMaxSize: 50"));
    WebhookEndpoint w = c.webhooks().get(0);
    assertThat(c.webhookOfflineGrace()).isEqualTo(Duration.ofSeconds(2));
    assertThat(w.events()).containsExactly("user.online", "client.publish");
    assertThat(w.namespaces()).containsExactly("chat", "");
    assertThat(w.batchMaxDelay()).isZero();
    assertThat(w.queueMaxSize()).isEqualTo(50);
  }

  @Test
  void everyRuleNamesItsKey() {
    rejects("webhooks:\n  - {secret: \"" + SECRET + "\"}\n", "webhooks[0].url: missing");
    rejects("webhooks:\n  - {url: \"ftp://x/y\", secret: \"" + SECRET + "\"}\n",
        "webhooks[0].url: \"ftp://x/y\" is not an http(s) URL");
    rejects("webhooks:\n  - {url: \"https://a/b\"}\n", "webhooks[0].secret: missing");
    rejects("webhooks:\n  - {url: \"https://a/b\", secret: short}\n",
        "webhooks[0].secret: is 5 characters long; use at least 16");
    rejects(item("events: []"), "webhooks[0].events: must list at least one event type");
    rejects(item("events: [user.online, user.gone]"),
        "webhooks[0].events[1]: \"user.gone\" is not an event type; allowed: channel.occupied");
    rejects(item("events: [user.online, user.online]"), "webhooks[0].events[1]: \"user.online\""
        + " is listed twice");
    rejects(item("namespaces: [\"a b\"]"), "webhooks[0].namespaces[0]: \"a b\" is not a namespace");
    rejects(item("timeout: 10ms"), "webhooks[0].timeout: must be at least 100ms, got 10ms");
    rejects(item("batchMaxSize: 0"), "webhooks[0].batchMaxSize: 0 is out of range; allowed 1-10000");
    rejects(item("batchMaxSize: 10001"), "webhooks[0].batchMaxSize: 10001 is out of range");
    rejects(item("batchMaxDelay: 11s"), "webhooks[0].batchMaxDelay: 11s is too long; at most 10s");
    rejects(item("maxAge: 500ms"), "webhooks[0].maxAge: must be at least 1s, got 500ms");
    rejects(item("queueMaxSize: 0"), "webhooks[0].queueMaxSize: must be at least 1, got 0");
    rejects(item("wat: 1"), "webhooks[0].wat: unknown key");
    rejects("webhookOfflineGrace: 2h\n", "webhookOfflineGrace: 2h is too long; at most 1h");
    rejects("webhooks: {url: x}\n", "webhooks: expected a list");
    rejects("webhooks:\n" + ("  - {url: \"https://a/b\", secret: \"" + SECRET + "\"}\n").repeat(51),
        "webhooks: has 51 receivers; at most 50");
    rejects(item("") + "engine: {type: redis, redis: {cluster: [\"redis://a:1\"]}}\n",
        "webhooks: the webhook outbox needs engine.redis.address");
  }

  @Test
  void secretsAreNeverRepeated() {
    assertThatThrownBy(() -> parse("webhooks:\n  - {url: \"https://a/b\", secret: [\"hidden-"
        + "value-0123456789\"]}\n"))
        .hasMessageStartingWith("webhooks[0].secret: expected a string, got a list")
        .hasMessageNotContaining("hidden-value");
  }

  @Test
  void environmentOverridesAndAddsItems() {
    HeraldConfig c = ConfigLoader.parse(item(""), "herald.yaml", Map.of(
        "HERALD_WEBHOOKS_0_SECRET", "from-the-environment-0123",
        "HERALD_WEBHOOKS_0_BATCH_MAX_SIZE", "7",
        "HERALD_WEBHOOKS_1_URL", "http://127.0.0.1:9000/hooks",
        "HERALD_WEBHOOKS_1_SECRET", "second-secret-0123456789",
        "HERALD_WEBHOOKS_1_EVENTS", "user.online, user.offline",
        "HERALD_WEBHOOK_OFFLINE_GRACE", "1s"));
    assertThat(c.webhooks()).hasSize(2);
    assertThat(c.webhooks().get(0).secret()).isEqualTo("from-the-environment-0123");
    assertThat(c.webhooks().get(0).batchMaxSize()).isEqualTo(7);
    assertThat(c.webhooks().get(1).url()).isEqualTo("http://127.0.0.1:9000/hooks");
    assertThat(c.webhooks().get(1).events()).isEqualTo(List.of("user.online", "user.offline"));
    assertThat(c.webhooks().get(1).timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.webhookOfflineGrace()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void environmentErrorsNameTheVariable() {
    assertThatThrownBy(() -> ConfigLoader.parse("", "herald.yaml",
        Map.of("HERALD_WEBHOOKS_0_BATCH_MAX_SIZE", "lots")))
        .hasMessageStartingWith("webhooks[0].batchMaxSize (from HERALD_WEBHOOKS_0_BATCH_MAX_SIZE):");
    assertThatThrownBy(() -> ConfigLoader.parse("", "herald.yaml",
        Map.of("HERALD_WEBHOOKS_2_URL", "https://a/b")))
        .hasMessageContaining("there is no webhooks[0]; number the items from 0 without gaps");
    assertThatThrownBy(() -> ConfigLoader.parse("", "herald.yaml",
        Map.of("HERALD_WEBHOOKS_0_URLL", "https://a/b")))
        .hasMessageContaining("URLL is not a webhook key; known: URL, EVENTS");
    assertThatThrownBy(() -> ConfigLoader.parse("", "herald.yaml",
        Map.of("HERALD_WEBHOOKS_0_URL", "https://a/b")))
        .hasMessage("webhooks[0].secret: missing; every webhook is signed: use at least 16"
            + " characters (e.g. openssl rand -base64 32)");
  }
}
