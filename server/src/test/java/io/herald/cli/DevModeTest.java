package io.herald.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.auth.TokenMinter;
import io.herald.config.ConfigLoader;
import io.herald.config.HeraldConfig;
import io.herald.server.HeraldServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code herald dev}'s config and banner work as printed: page, token, curl publish. */
class DevModeTest {

  @Test
  void sampleTokenPageAndCurlPublishWorkTogether() throws Exception {
    HeraldConfig config = ConfigLoader.validate(DevConfig.create(0, Map.of()));
    String token = new TokenMinter(config.token().hmacSecret(), Clock.systemUTC())
        .connectionToken(DevCommand.SAMPLE_USER, Duration.ofHours(24), null, List.of());
    try (HeraldServer server = HeraldServer.start(
        config.withPort(0), HeraldServer.Options.defaults().withPageToken(token))) {
      String base = "http://127.0.0.1:" + server.port();
      String banner = DevBanner.text(config, base, token);
      assertThat(banner).contains(token).contains(config.api().key()).contains("/api/publish");
      assertThat(config.demo().enabled()).isTrue();
      assertThat(config.admin().password()).hasSize(24);
      assertThat(banner).contains(base + "/admin").contains(config.admin().password());

      HttpClient http = HttpClient.newHttpClient();
      String page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(page).contains(token).contains("/connection/websocket");
      HttpResponse<String> admin = http.send(
          HttpRequest.newBuilder(URI.create(base + "/admin")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(admin.statusCode()).isEqualTo(200);
      assertThat(admin.body()).contains("admin.js");

      BlockingQueue<String> messages = new LinkedBlockingQueue<>();
      WebSocket ws = http.newWebSocketBuilder()
          .header("Origin", "https://anywhere.example")
          .buildAsync(URI.create(base.replace("http", "ws") + "/connection/websocket"),
              new WebSocket.Listener() {
                private final StringBuilder buf = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                  buf.append(data);
                  if (last) {
                    messages.add(buf.toString());
                    buf.setLength(0);
                  }
                  w.request(1);
                  return null;
                }
              })
          .get(5, TimeUnit.SECONDS);
      ws.sendText("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"connect\",\"params\":{\"token\":\""
          + token + "\"}},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"subscribe\","
          + "\"params\":{\"channel\":\"chat:lobby\"}}]", true).get(5, TimeUnit.SECONDS);
      assertThat(messages.poll(5, TimeUnit.SECONDS)).contains("\"user\":\"dev-user\"");

      HttpResponse<String> published = http.send(
          HttpRequest.newBuilder(URI.create(base + "/api/publish"))
              .header("X-API-Key", config.api().key())
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"channel\": \"chat:lobby\", \"data\": {\"text\": \"hello from curl\"}}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(published.statusCode()).isEqualTo(200);
      String message = messages.poll(5, TimeUnit.SECONDS);
      while (message != null && message.contains("\"method\":\"join\"")) {
        message = messages.poll(5, TimeUnit.SECONDS); // dev's chat namespace announces joins
      }
      assertThat(message).contains("\"method\":\"publication\"").contains("hello from curl");
      ws.abort();
    }
  }
}
