package io.herald.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A test client of Herald's HTTP fallbacks: receives over SSE ({@link SseClient}) or long-poll
 * ({@link LongPollClient}), sends every client message as an emulation POST. Messages land in an
 * inbox that the test awaits, as with {@link WsClient}.
 */
abstract class FallbackClient implements AutoCloseable {

  static final String EMULATION_PATH = "/connection/emulation";

  final HttpClient http;
  final URI base;
  private final Inbox inbox = new Inbox();
  /** Request ids start at 2: 1 is the connect the server sends on the client's behalf. */
  private final AtomicLong ids = new AtomicLong(2);
  private volatile boolean ended;
  volatile String session;

  FallbackClient(HttpClient http, URI base) {
    this.http = http;
    this.base = base;
  }

  /** The transport's name: {@code sse} or {@code longpoll}. */
  abstract String kind();

  /** Goes away as a closed browser tab does; the server is not told. */
  @Override
  public abstract void close();

  /** Adds one received message. */
  final void received(JsonNode message) {
    inbox.add(message);
  }

  /** The stream or poll loop is over (the server ended it or the client closed). */
  final void ended() {
    ended = true;
    inbox.wake();
  }

  /** True once the server ended the stream (or the poll said closed). */
  boolean isEnded() {
    return ended;
  }

  /** Waits until the server ends the stream or the poll says closed. */
  void awaitEnd(Duration timeout) {
    if (!inbox.awaitUntil(() -> ended, timeout)) {
      throw new AssertionError(kind() + ": not ended after " + timeout.toMillis() + " ms");
    }
  }

  /** Waits for the first message matching {@code matcher}, removes and returns it. */
  JsonNode await(Predicate<JsonNode> matcher, Duration timeout, String what) {
    return inbox.await(matcher, timeout, what, () -> kind() + " (ended " + ended + ")");
  }

  /** The messages not taken yet, oldest first. */
  List<JsonNode> snapshot() {
    return inbox.snapshot();
  }

  /** Waits for the connect reply (id 1) and keeps its session id; returns the reply. */
  JsonNode connectReply() {
    JsonNode reply = await(m -> m.path("id").asLong() == 1, WsClient.TIMEOUT, "connect reply");
    session = reply.at("/result/session").asText(null);
    return reply;
  }

  /** Waits for the next notification of {@code method}. */
  JsonNode awaitMethod(String method) {
    return await(m -> method.equals(m.path("method").asText()), WsClient.TIMEOUT, method);
  }

  /** POSTs {@code data} for this session; returns the response. */
  HttpResponse<String> emulate(String data) {
    return post(EMULATION_PATH, "{\"session\":\"" + session + "\",\"data\":" + data + "}");
  }

  HttpResponse<String> post(String path, String body) {
    return post(path, body, Map.of());
  }

  /** POSTs {@code body} to {@code path} with extra {@code headers}. */
  HttpResponse<String> post(String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(kind() + ": POST " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Sends a request by emulation POST and waits for its response on the stream. */
  JsonNode call(String method, String paramsJson) {
    long id = ids.getAndIncrement();
    HttpResponse<String> posted = emulate(WsClient.request(id, method, paramsJson));
    if (posted.statusCode() != 204) {
      throw new AssertionError(kind() + ": emulation POST answered " + posted.statusCode()
          + " " + posted.body());
    }
    return await(m -> m.path("id").asLong(-1) == id, WsClient.TIMEOUT, "response " + id);
  }

  /** {@link #call} that fails unless the answer is a result; returns the result. */
  JsonNode ok(String method, String paramsJson) {
    JsonNode answer = call(method, paramsJson);
    if (!answer.has("result")) {
      throw new AssertionError(kind() + ": " + method + " failed: " + answer);
    }
    return answer.get("result");
  }
}
