package io.herald.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * An SSE fallback client: {@code GET /connection/sse?connect=...} read line by line with the JDK
 * HTTP client, events parsed as the EventSource specification says (a {@code data} line per line,
 * joined with {@code \n}; {@code id}; comment lines counted as heartbeats).
 */
final class SseClient extends FallbackClient {

  static final String PATH = "/connection/sse";

  private final HttpResponse<Stream<String>> response;
  private final AtomicInteger comments = new AtomicInteger();
  private final Thread reader;
  private volatile String lastEventId;
  private volatile long retry = -1;

  private SseClient(HttpClient http, URI base, HttpResponse<Stream<String>> response) {
    super(http, base);
    this.response = response;
    this.reader = Thread.ofVirtual().start(this::read);
  }

  /**
   * Opens a stream with {@code connectJson} (null: no connect param) and extra request headers
   * (an {@code Origin}, a {@code Cookie}, a {@code Last-Event-ID}).
   */
  static SseClient open(
      HttpClient http, URI base, String connectJson, Map<String, String> headers) {
    String query = connectJson == null
        ? ""
        : "?connect=" + URLEncoder.encode(connectJson, StandardCharsets.UTF_8);
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(PATH + query)).GET();
    headers.forEach(request::header);
    try {
      HttpResponse<Stream<String>> response =
          http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
              .get(WsClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return new SseClient(http, base, response);
    } catch (Exception e) {
      throw new AssertionError("SSE request failed", e);
    }
  }

  @Override
  String kind() {
    return "sse";
  }

  int status() {
    return response.statusCode();
  }

  HttpResponse<Stream<String>> response() {
    return response;
  }

  /** Heartbeat comments seen so far. */
  int comments() {
    return comments.get();
  }

  /** The id of the last event, as a browser would send it back in {@code Last-Event-ID}. */
  String lastEventId() {
    return lastEventId;
  }

  /** The last {@code retry:} value received, -1 for none. */
  long retry() {
    return retry;
  }

  private void read() {
    StringBuilder data = null;
    try {
      Iterator<String> lines = response.body().iterator();
      while (lines.hasNext()) {
        String line = lines.next();
        if (line.isEmpty()) {
          if (data != null) {
            received(WsClient.JSON.readTree(data.toString()));
            data = null;
          }
        } else if (line.startsWith(":")) {
          comments.incrementAndGet();
        } else if (line.startsWith("data:")) {
          String value = line.substring(line.startsWith("data: ") ? 6 : 5);
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        } else if (line.startsWith("retry:")) {
          retry = Long.parseLong(line.substring(6).trim());
        } else if (line.startsWith("id:")) {
          lastEventId = line.substring(line.startsWith("id: ") ? 4 : 3);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // the stream dropped or was closed by the test
    } finally {
      ended();
    }
  }

  /** Drops the stream (as a closed browser tab does). */
  @Override
  public void close() {
    response.body().close();
    reader.interrupt();
  }
}
