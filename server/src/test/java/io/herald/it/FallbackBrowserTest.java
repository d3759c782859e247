package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.herald.server.HeraldServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The SSE and long-poll fallbacks from a page of another origin in Debian's Chromium, through
 * {@code src/test/browser/fallback.mjs}: the browser's own {@code EventSource} with credentials,
 * the token in a cookie, a cross-origin emulation POST with its CORS preflight, a long-poll open
 * by {@code fetch}, and a page of an origin not allowed that cannot read any answer.
 */
class FallbackBrowserTest extends SocketTestBase {

  private static final String CHANNEL = "chat:browser";

  /** A page server on 127.0.0.1 (another origin than Herald's: another port). */
  private String pageOrigin() throws Exception {
    HttpServer pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pages.createContext("/", exchange -> {
      byte[] body = "<!doctype html><title>app</title>".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    pages.start();
    track(() -> pages.stop(0));
    return "http://127.0.0.1:" + pages.getAddress().getPort();
  }

  @Test
  void aPageOfAnAllowedOriginUsesSseAndLongPollWithACookieToken() throws Exception {
    Browsers.assumeReady();
    String app = pageOrigin();
    String other = pageOrigin();
    HeraldServer server = start(TestConfig.create().allowedOrigins(app));

    ProcessBuilder builder = new ProcessBuilder("node", "fallback.mjs")
        .directory(Browsers.SCRIPTS.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("HERALD", "http://127.0.0.1:" + server.port());
    builder.environment().put("PAGE", app + "/");
    builder.environment().put("OTHER", other + "/");
    builder.environment().put("TOKEN", token("dana"));
    builder.environment().put("COOKIE", "herald_token");
    builder.environment().put("CHANNEL", CHANNEL);
    Process browser = builder.start();
    track(browser::destroyForcibly);
    BufferedReader out = new BufferedReader(
        new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
    Writer in = new OutputStreamWriter(browser.getOutputStream(), StandardCharsets.UTF_8);

    assertThat(out.readLine()).isEqualTo("sse-connected dana");
    assertThat(out.readLine()).isEqualTo("subscribed");
    api(server).publish(CHANNEL, "{\"text\":\"to the browser\"}");
    in.write("published\n");
    in.flush();
    assertThat(out.readLine()).isEqualTo("publication to the browser");
    assertThat(out.readLine()).isEqualTo("longpoll-connected dana");
    int sessions = server.fallbackSessions();
    assertThat(out.readLine()).isEqualTo("refused blocked");
    assertThat(server.fallbackSessions()).isLessThanOrEqualTo(sessions);
    assertThat(browser.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(browser.exitValue()).isZero();
  }
}
