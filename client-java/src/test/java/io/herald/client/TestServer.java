package io.herald.client;

import io.herald.auth.TokenMinter;
import io.herald.config.ConfigLoader;
import io.herald.config.HeraldConfig;
import io.herald.server.HeraldServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A real Herald node on an ephemeral loopback port, with its API and token minting. */
final class TestServer implements AutoCloseable {

  static final String SECRET = "test-secret-0123456789abcdef0123456789";
  static final String API_KEY = "test-api-key-0123456789";

  private final HeraldServer server;
  private final TokenMinter minter = new TokenMinter(SECRET, Clock.systemUTC());
  private final HttpClient http = HttpClient.newHttpClient();

  TestServer(String clientJson) {
    String json = """
        {"port": 0, "address": "127.0.0.1", "allowedOrigins": ["*"],
         "token": {"hmacSecret": "%s"}, "api": {"key": "%s"},
         "client": %s,
         "namespaces": [
           {"name": "h", "allowSubscribeForClient": true, "allowPublishForClient": true,
            "allowHistoryForClient": true, "allowPresenceForClient": true,
            "allowJoinLeaveForSubscriber": true, "presence": true,
            "historySize": 1000, "historyTtl": "10m"},
           {"name": "plain", "allowSubscribeForClient": true, "allowPublishForClient": true}
         ]}
        """.formatted(SECRET, API_KEY, clientJson);
    HeraldConfig config = ConfigLoader.parse(json, "test.json", Map.of());
    server = HeraldServer.start(config);
  }

  int port() {
    return server.port();
  }

  String url() {
    return "ws://127.0.0.1:" + port() + "/connection/websocket";
  }

  String token(String user) {
    return minter.connectionToken(user, null, null, List.of());
  }

  String token(String user, Duration ttl) {
    return minter.connectionToken(user, ttl, null, List.of());
  }

  /** Calls the server API; fails the test on an error. */
  Object api(String method, Object params) {
    try {
      HttpResponse<String> res = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/api/" + method))
              .header("X-API-Key", API_KEY)
              .POST(HttpRequest.BodyPublishers.ofString(Json.write(params)))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      Map<?, ?> body = (Map<?, ?>) Json.parse(res.body());
      if (body.containsKey("error")) {
        throw new AssertionError(method + ": " + body.get("error"));
      }
      return body.get("result");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
