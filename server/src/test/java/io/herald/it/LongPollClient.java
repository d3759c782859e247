package io.herald.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A long-poll fallback client: {@code POST /connection/longpoll {"connect": ...}} opens the
 * session, then a loop polls with {@code {"session", "cursor"}} until the server says {@code
 * closed} or the test stops it, each answer's messages going to the inbox in order.
 */
final class LongPollClient extends FallbackClient {

  static final String PATH = "/connection/longpoll";

  private final Thread poller;
  private volatile boolean stopped;
  private volatile long cursor;
  private volatile int lastStatus;

  private LongPollClient(HttpClient http, URI base, JsonNode first) {
    super(http, base);
    this.session = first.path("session").asText(null);
    take(first);
    this.poller = first.path("closed").asBoolean() ? null : Thread.ofVirtual().start(this::loop);
    if (poller == null) {
      ended();
    }
  }

  /** Opens a session with {@code connectJson} (null: no connect params). */
  static LongPollClient open(HttpClient http, URI base, String connectJson) {
    return open(http, base, connectJson, Map.of());
  }

  /** Opens a session with {@code connectJson} and extra request headers (a cookie). */
  static LongPollClient open(
      HttpClient http, URI base, String connectJson, Map<String, String> headers) {
    String body = connectJson == null ? "{}" : "{\"connect\":" + connectJson + "}";
    LongPollClient probe = new LongPollClient(http, base);
    HttpResponse<String> first = probe.post(PATH, body, headers);
    if (first.statusCode() != 200) {
      throw new AssertionError(
          "long-poll open answered " + first.statusCode() + " " + first.body());
    }
    return new LongPollClient(http, base, parse(first.body()));
  }

  /** A client that only posts (for {@link #open}'s first request). */
  private LongPollClient(HttpClient http, URI base) {
    super(http, base);
    this.poller = null;
  }

  @Override
  String kind() {
    return "longpoll";
  }

  long cursor() {
    return cursor;
  }

  /** Status of the last poll answer. */
  int lastStatus() {
    return lastStatus;
  }

  private void take(JsonNode answer) {
    answer.path("messages").forEach(this::received);
    cursor = answer.path("cursor").asLong(cursor);
  }

  private void loop() {
    try {
      while (!stopped) {
        HttpResponse<String> answer =
            post(PATH, "{\"session\":\"" + session + "\",\"cursor\":" + cursor + "}");
        lastStatus = answer.statusCode();
        if (answer.statusCode() != 200) {
          return;
        }
        JsonNode body = parse(answer.body());
        take(body);
        if (body.path("closed").asBoolean()) {
          return;
        }
      }
    } catch (AssertionError e) {
      // the test stopped the client, or the server went away
    } finally {
      ended();
    }
  }

  /** Stops polling (as a closed browser tab does); a pending poll is left to time out. */
  @Override
  public void close() {
    stopped = true;
    if (poller != null) {
      poller.interrupt();
    }
  }

  static JsonNode parse(String json) {
    try {
      return WsClient.JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(json, e);
    }
  }
}
