package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.auth.TokenMinter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code herald serve} process with real clients: SIGTERM drains and exits 0, SIGHUP
 * reloads token keys and namespaces without dropping a connection, and the JSON log never holds a
 * secret or a token.
 */
class ProcessSignalsTest extends SocketTestBase {

  private static final String SECRET_1 = "first-hmac-secret-0123456789abcdefghij";
  private static final String SECRET_2 = "second-hmac-secret-0123456789abcdefghi";
  private static final String API_KEY = "process-api-key-0123456789";
  private static final String ADMIN_PASSWORD = "admin-password-0123";

  @TempDir Path dir;

  private final List<String> secrets = new ArrayList<>(List.of(SECRET_1, SECRET_2, API_KEY,
      ADMIN_PASSWORD));

  private Path config(String secret, String namespaces) throws IOException {
    Path file = dir.resolve("herald.yaml");
    Files.writeString(file, """
        port: 0
        address: 127.0.0.1
        token:
          hmacSecret: "%s"
        api:
          key: "%s"
        namespaces:
        %s
        internal:
          port: 0
        admin:
          password: "%s"
        shutdown:
          drainPeriod: 2s
          timeout: 10s
        """.formatted(secret, API_KEY, namespaces, ADMIN_PASSWORD));
    return file;
  }

  private static String namespace(String name) {
    return "  - name: " + name + "\n    allowSubscribeForClient: true\n";
  }

  private String token(String secret, String user) {
    String t = new TokenMinter(secret, Clock.systemUTC()).connectionToken(user, null, null, null);
    secrets.add(t);
    return t;
  }

  private WsClient client(ServerProcess server, String secret, String user) {
    WsClient c = track(WsClient.open(http, URI.create("ws://127.0.0.1:" + server.port() + WS_PATH)));
    c.ok("connect", WsClient.json("token", token(secret, user)));
    return c;
  }

  private int get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(WsClient.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void sigtermTellsEveryClientToReconnectSpreadOverTheDrainPeriodAndExitsZero() throws Exception {
    ServerProcess server = track(ServerProcess.serve(config(SECRET_1, namespace("chat"))));
    List<WsClient> clients = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      WsClient c = client(server, SECRET_1, "u" + i);
      c.ok("subscribe", WsClient.json("channel", "chat:room"));
      clients.add(c);
    }
    assertThat(get(server.internalPort(), "/ready")).isEqualTo(200);
    assertThat(get(server.port(), "/ready")).isEqualTo(404);

    long sent = System.nanoTime();
    server.signal("TERM");
    Awaitility.await("readiness 503 while draining").atMost(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> get(server.internalPort(), "/ready") == 503);
    // The client port is closed; a WebSocket opened on the internal port meanwhile is told 3001.
    java.net.http.HttpClient fresh = newHttpClient();
    assertThatThrownBy(() -> fresh.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/info"))
            .POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString()))
        .as("a new connection to the client port").isInstanceOf(java.io.IOException.class);
    WsClient late = track(WsClient.open(http,
        URI.create("ws://127.0.0.1:" + server.internalPort() + WS_PATH)));
    assertThat(late.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(3001);

    List<Long> closedAfterMillis = new ArrayList<>();
    for (WsClient c : clients) {
      JsonNode disconnect = c.awaitMethod("disconnect", Duration.ofSeconds(5));
      assertThat(disconnect.path("params").path("code").asInt()).isEqualTo(3001);
      assertThat(disconnect.path("params").path("reconnect").asBoolean()).isTrue();
      closedAfterMillis.add((System.nanoTime() - sent) / 1_000_000);
      assertThat(c.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(3001);
    }
    // Four clients over 2s: one at once, the others 0.5s apart.
    long spread = closedAfterMillis.stream().mapToLong(Long::longValue).max().orElseThrow()
        - closedAfterMillis.stream().mapToLong(Long::longValue).min().orElseThrow();
    assertThat(spread).as("disconnects spread over the drain period").isBetween(1000L, 4000L);

    assertThat(server.awaitExit(Duration.ofSeconds(12))).isZero();
    assertThat(server.log()).contains("SIGTERM: shutting down gracefully").contains("shut down");
    assertLogIsJsonWithoutSecrets(server);
  }

  @Test
  void sighupReloadsKeysAndNamespacesWithoutDroppingConnections() throws Exception {
    Path file = config(SECRET_1, namespace("chat"));
    ServerProcess server = track(ServerProcess.serve(file));
    WsClient kept = client(server, SECRET_1, "kept");
    kept.ok("subscribe", WsClient.json("channel", "chat:room"));
    assertThat(kept.call("subscribe", WsClient.json("channel", "news:today"))
        .path("error").path("code").asInt()).isEqualTo(102);

    config(SECRET_2, namespace("chat") + namespace("news"));
    if (sighupIgnoredHere()) {
      // Children inherit an ignored SIGHUP (a build started with nohup) and the JVM keeps it
      // ignored: the node says so at start instead of reloading.
      server.awaitLog(Pattern.compile("SIGHUP is ignored in this process"), Duration.ofSeconds(10));
      return;
    }
    server.signal("HUP");
    server.awaitLog(Pattern.compile("config reloaded"), Duration.ofSeconds(30));

    kept.ok("subscribe", WsClient.json("channel", "news:today"));
    ApiClient api = new ApiClient(http, server.port(), API_KEY);
    api.publish("chat:room", "{\"still\":\"here\"}");
    assertThat(kept.await(WsClient.isPublication("chat:room"), WsClient.TIMEOUT,
        "publication after reload").path("params").path("data").path("still").asText())
        .isEqualTo("here");

    WsClient oldKey = track(WsClient.open(http, URI.create("ws://127.0.0.1:" + server.port() + WS_PATH)));
    assertThat(oldKey.call("connect", WsClient.json("token", token(SECRET_1, "late")))
        .path("error").path("code").asInt()).isEqualTo(101);
    client(server, SECRET_2, "fresh");

    // A broken reload keeps the running config.
    Files.writeString(file, "port: [\n");
    server.signal("HUP");
    server.awaitLog(Pattern.compile("config not reloaded"), Duration.ofSeconds(30));
    kept.ok("unsubscribe", WsClient.json("channel", "news:today"));

    // Bad credentials of every kind, so the log check below sees them handled.
    assertThat(api.post("info", "{}", "wrong-key-" + API_KEY).statusCode()).isEqualTo(401);
    WsClient bad = track(WsClient.open(http, URI.create("ws://127.0.0.1:" + server.port() + WS_PATH)));
    String forged = token("forged-secret-0123456789abcdefghijklmn", "mallory");
    assertThat(bad.call("connect", WsClient.json("token", forged)).path("error").path("code")
        .asInt()).isEqualTo(101);
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.internalPort() + "/admin/login"))
        .header("X-Herald-Admin", "1")
        .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + ADMIN_PASSWORD + "x\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(401);

    server.signal("TERM");
    assertThat(server.awaitExit(Duration.ofSeconds(12))).isZero();
    assertThat(server.log()).contains("connected over websocket");
    assertLogIsJsonWithoutSecrets(server);
  }

  private void assertLogIsJsonWithoutSecrets(ServerProcess server) {
    List<String> lines = server.lines();
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      JsonNode entry;
      try {
        entry = WsClient.JSON.readTree(line);
      } catch (IOException e) {
        throw new AssertionError("not a JSON log line: " + line, e);
      }
      assertThat(entry.has("level") && entry.has("formattedMessage")).as(line).isTrue();
      for (String secret : secrets) {
        assertThat(line).as("log line leaks a secret").doesNotContain(secret);
      }
    }
  }

  /** Whether this process ignores SIGHUP (bit 1 of {@code SigIgn} in /proc/self/status). */
  private static boolean sighupIgnoredHere() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 1L) != 0;
      }
    }
    return false;
  }
}
