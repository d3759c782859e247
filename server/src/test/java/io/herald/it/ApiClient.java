package io.herald.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Calls the server HTTP API ({@code POST /api/<method>}) of one test server. Every exchange with
 * an API path or {@code /health} is checked against docs/openapi.yaml ({@link OpenApiContract}):
 * a test whose request or answer the description does not match fails.
 */
final class ApiClient {

  private final HttpClient http;
  private final String base;
  private final String key;

  ApiClient(HttpClient http, int port, String key) {
    this.http = http;
    this.base = "http://127.0.0.1:" + port;
    this.key = key;
  }

  /** POSTs {@code body} to {@code /api/<method>} with {@code apiKey} (none when null). */
  HttpResponse<String> post(String method, String body, String apiKey) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/" + method))
        .timeout(WsClient.TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (apiKey != null) {
      request.header("X-API-Key", apiKey);
    }
    return send(request.build(), body);
  }

  /**
   * POSTs with the server's key without checking the exchange against docs/openapi.yaml: for a
   * server whose config differs from the defaults the description states (a smaller maximum).
   */
  HttpResponse<String> postUnchecked(String method, String body) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(base + "/api/" + method))
          .timeout(WsClient.TIMEOUT)
          .header("Content-Type", "application/json").header("X-API-Key", key)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("POST /api/" + method + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** POSTs with the server's key. */
  HttpResponse<String> post(String method, String body) {
    return post(method, body, key);
  }

  /** Sends any request to {@code path}. */
  HttpResponse<String> request(String httpMethod, String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .timeout(WsClient.TIMEOUT)
        .header("X-API-Key", key)
        .method(httpMethod, HttpRequest.BodyPublishers.noBody())
        .build(), "");
  }

  /** Calls {@code method}, requires HTTP 200 with a {@code result}, and returns the result. */
  /** Calls {@code method} expecting an error; returns its code. */
  int errorCall(String method, String body) {
    JsonNode json = parse(post(method, body));
    if (!json.has("error")) {
      throw new AssertionError("API " + method + " " + body + " answered " + json);
    }
    return json.get("error").get("code").asInt();
  }

  JsonNode call(String method, String body) {
    HttpResponse<String> response = post(method, body);
    JsonNode json = parse(response);
    if (response.statusCode() != 200 || !json.has("result")) {
      throw new AssertionError("API " + method + " " + body + " answered "
          + response.statusCode() + " " + response.body());
    }
    return json.get("result");
  }

  /** Publishes {@code dataJson} to {@code channel}. */
  void publish(String channel, String dataJson) {
    call("publish", "{\"channel\":" + WsClient.JSON.valueToTree(channel) + ",\"data\":" + dataJson
        + "}");
  }

  /** The first node of {@code info}. */
  JsonNode info() {
    return call("info", "{}").get("nodes").get(0);
  }

  static JsonNode parse(HttpResponse<String> response) {
    try {
      return WsClient.JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.statusCode() + " " + response.body(), e);
    }
  }

  private HttpResponse<String> send(HttpRequest request, String body) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    OpenApiContract contract = OpenApiContract.shared();
    String path = request.uri().getPath();
    if (contract.covers(path)) {
      contract.check(request.method(), path, request.headers().firstValue("X-API-Key").isPresent(),
          body, response.statusCode(), response.headers().firstValue("content-type").orElse(null),
          response.body());
    }
    return response;
  }
}
