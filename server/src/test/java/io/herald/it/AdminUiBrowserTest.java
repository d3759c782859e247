package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.AdminConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.InternalConfig;
import io.herald.config.NamespaceConfig;
import io.herald.config.ShutdownConfig;
import io.herald.config.WebhookEndpoint;
import io.herald.server.HeraldServer;
import io.herald.webhooks.WebhookReceiver;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The admin UI in Debian's Chromium, driven by {@code src/test/browser/admin-ui.mjs} through
 * playwright-core: log in, see a new connection appear on the live overview, publish from the
 * form and see the publication arrive at a test client (and in the page's live tail); the
 * overview lists the node's webhook receiver.
 * Screenshots land in {@code target/admin-screenshots}. Needs {@code /usr/bin/chromium} (CI
 * installs it, {@code .ci/run}) and playwright-core, which the test installs itself with {@code
 * npm ci} in {@code src/test/browser} when npm is there; elsewhere the test is skipped without
 * them.
 */
class AdminUiBrowserTest extends SocketTestBase {

  private static final String PASSWORD = "admin-password-0123";
  private static final Path BROWSER = Browsers.SCRIPTS;
  private static final String CHANNEL = "room:lobby";

  @Test
  void logInSeeAConnectionAppearAndPublishFromTheForm() throws Exception {
    Browsers.assumeReady();

    // A namespace that keeps history and presence, so the channel view shows both.
    NamespaceConfig room = NamespaceConfig.permissive("room")
        .with("historySize", 50)
        .with("historyTtl", Duration.ofMinutes(5))
        .with("presence", true);
    WebhookReceiver receiver = new WebhookReceiver(WebhooksSocketTest.SECRET);
    track(receiver);
    HeraldConfig config = TestConfig.create().namespace(room).build().withOperations(
        InternalConfig.defaults(),
        new AdminConfig(PASSWORD, Duration.ofHours(1), 5, Duration.ofMinutes(1)),
        ShutdownConfig.defaults())
        .with("webhooks", List.of(WebhookEndpoint.defaults().with("url", receiver.url())
            .with("secret", WebhooksSocketTest.SECRET)));
    HeraldServer server = start(config);
    WsClient first = subscriber(server, "first", CHANNEL);

    Path shots = Path.of("target", "admin-screenshots");
    Files.createDirectories(shots);
    ProcessBuilder builder = new ProcessBuilder("node", "admin-ui.mjs")
        .directory(BROWSER.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("BASE_URL", "http://127.0.0.1:" + server.port());
    builder.environment().put("PASSWORD", PASSWORD);
    builder.environment().put("CHANNEL", CHANNEL);
    builder.environment().put("SHOTS", shots.toAbsolutePath().toString());
    builder.environment().put("WEBHOOK", "webhook0");
    Process browser = builder.start();
    track(browser::destroyForcibly);
    BufferedReader out = new BufferedReader(
        new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
    Writer in = new OutputStreamWriter(browser.getOutputStream(), StandardCharsets.UTF_8);

    assertThat(out.readLine()).isEqualTo("logged-in");
    WsClient second = subscriber(server, "second", CHANNEL);
    ApiClient api = api(server);
    api.publish(CHANNEL, "{\"text\":\"earlier one\"}");
    api.publish(CHANNEL, "{\"text\":\"earlier two\"}");
    in.write("connected\n");
    in.flush();
    assertThat(out.readLine()).isEqualTo("saw-connection 3");
    assertThat(out.readLine()).isEqualTo("webhook-queue webhook0");
    assertThat(out.readLine()).isEqualTo("channel-view presence=first,herald-admin,second history=2");
    assertThat(out.readLine()).isEqualTo("published");
    for (WsClient client : new WsClient[] {first, second}) {
      assertThat(client.await(m -> WsClient.isPublication(CHANNEL).test(m)
              && m.path("params").path("data").path("text").asText().contains("admin form"),
          WsClient.TIMEOUT,
          "the admin's publication").path("params").path("data").path("text").asText())
          .isEqualTo("hello from the admin form");
    }
    assertThat(out.readLine()).isEqualTo("tail-shows-it");
    assertThat(browser.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(browser.exitValue()).isZero();
    assertThat(shots.resolve("admin-overview.png")).exists();
  }
}
