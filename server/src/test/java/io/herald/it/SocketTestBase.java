package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.herald.auth.TokenMinter;
import io.herald.config.HeraldConfig;
import io.herald.server.HeraldServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.LoggerFactory;

/**
 * Real servers on loopback ports and real clients for the end-to-end tests. Everything a test
 * opens through these helpers is closed after it, clients before servers.
 */
abstract class SocketTestBase {

  static final String WS_PATH = "/connection/websocket";

  static {
    // Without a logback-test.xml, Logback logs everything at DEBUG: 1,000 connections would
    // drown the output.
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
      logback.getLogger("io.netty").setLevel(Level.INFO);
      logback.getLogger("io.herald").setLevel(Level.INFO);
    }
  }

  final TokenMinter tokens = new TokenMinter(TestConfig.SECRET, Clock.systemUTC());
  HttpClient http;
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();

  @BeforeEach
  void openHttpClient() {
    http = newHttpClient();
  }

  @AfterEach
  void closeEverything() {
    Throwable first = null;
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception | AssertionError e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw new AssertionError("cleanup failed", first);
    }
  }

  /** A JDK HTTP client (HTTP/1.1, no h2c upgrade), closed after the test. */
  HttpClient newHttpClient() {
    HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(WsClient.TIMEOUT)
        .build();
    track(client::shutdownNow);
    return client;
  }

  /** Closes {@code resource} after the test, before what was opened earlier. */
  <T extends AutoCloseable> T track(T resource) {
    opened.push(resource);
    return resource;
  }

  HeraldServer start(TestConfig config) {
    return start(config.build());
  }

  HeraldServer start(HeraldConfig config) {
    return track(HeraldServer.start(config, HeraldServer.Options.defaults()));
  }

  static URI wsUri(HeraldServer server) {
    return URI.create("ws://127.0.0.1:" + server.port() + WS_PATH);
  }

  /** An open WebSocket that has not sent {@code connect}. */
  WsClient ws(HeraldServer server) {
    return track(WsClient.open(http, wsUri(server)));
  }

  /** A connection token for {@code user} that does not expire. */
  String token(String user) {
    return tokens.connectionToken(user, null, null, null);
  }

  /** An open WebSocket connected as {@code user} (token without expiry). */
  WsClient connected(HeraldServer server, String user) {
    WsClient client = ws(server);
    JsonNode result = client.ok("connect", WsClient.json("token", token(user)));
    assertThat(result.path("user").asText()).isEqualTo(user);
    return client;
  }

  /** {@link #connected} and subscribed to {@code channels}. */
  WsClient subscriber(HeraldServer server, String user, String... channels) {
    WsClient client = connected(server, user);
    for (String channel : channels) {
      client.ok("subscribe", WsClient.json("channel", channel));
    }
    return client;
  }

  ApiClient api(HeraldServer server) {
    return new ApiClient(http, server.port(), TestConfig.API_KEY);
  }

  /** Polls the API's {@code info} until {@code condition} holds for the node. */
  static void awaitInfo(ApiClient api, Predicate<JsonNode> condition, String what) {
    Awaitility.await(what)
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20))
        .until(api::info, condition::test);
  }

  /** Polls until the node reports {@code clients} connected clients. */
  static void awaitClients(ApiClient api, int clients) {
    awaitInfo(api, n -> n.path("numClients").asInt() == clients, "numClients == " + clients);
  }

  /** The {@code data} of each publication of {@code channel} taken from {@code client}. */
  static List<JsonNode> publications(WsClient client, String channel) {
    return client.take(WsClient.isPublication(channel)).stream()
        .map(m -> m.get("params").get("data"))
        .toList();
  }
}
