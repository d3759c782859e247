package io.herald.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A client of {@code /connection/uni/stream} (one JSON object per line) or {@code
 * /connection/uni/sse} (events): each message goes to an {@link Inbox}; an SSE event becomes its
 * data object with {@code "_event"} and {@code "_id"} added. Holds the response open until {@link
 * #close}.
 */
final class UniStreamClient implements AutoCloseable {

  final int status;
  final String contentType;
  private final Inbox inbox = new Inbox();
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private final Stream<String> lines;
  private String body = "";

  private UniStreamClient(HttpResponse<Stream<String>> response, boolean sse) {
    this.status = response.statusCode();
    this.contentType = response.headers().firstValue("content-type").orElse("");
    this.lines = response.body();
    if (status != 200) {
      body = String.join("\n", lines.toList());
      ended.complete(null);
      return;
    }
    Thread reader = new Thread(() -> read(sse), "uni-stream-reader");
    reader.setDaemon(true);
    reader.start();
  }

  static UniStreamClient open(HttpClient http, URI uri, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    headers.forEach(request::header);
    try {
      return new UniStreamClient(http.send(request.build(), HttpResponse.BodyHandlers.ofLines()),
          uri.getPath().endsWith("/sse"));
    } catch (IOException e) {
      throw new AssertionError("GET " + uri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void read(boolean sse) {
    String event = null;
    String id = null;
    StringBuilder data = new StringBuilder();
    try {
      for (var it = lines.iterator(); it.hasNext(); ) {
        String line = it.next();
        if (!sse) {
          if (!line.isEmpty()) {
            inbox.add(WsClient.JSON.readTree(line));
          }
          continue;
        }
        if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        } else if (line.startsWith("retry: ")) {
          inbox.add(WsClient.JSON.createObjectNode().put("_retry", line.substring(7)));
        } else if (line.isEmpty() && data.length() > 0) {
          ObjectNode m = (ObjectNode) WsClient.JSON.readTree(data.toString());
          m.put("_event", event == null ? "message" : event);
          if (id != null) {
            m.put("_id", id);
          }
          inbox.add(m);
          event = null;
          id = null;
          data.setLength(0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // closed or broken: ended tells
    } finally {
      ended.complete(null);
      inbox.wake();
    }
  }

  /** The body of a refused request. */
  String body() {
    return body;
  }

  JsonNode await(Predicate<JsonNode> matcher, String what) {
    return inbox.await(matcher, WsClient.TIMEOUT, what, () -> "uni stream (ended "
        + ended.isDone() + ")");
  }

  /** The next message of {@code type} ({@code null}: a publication). */
  JsonNode next(String type) {
    return await(m -> type == null ? m.has("channel") && !m.has("type")
        : type.equals(m.path("type").asText()), type == null ? "a publication" : type);
  }

  /** The next publication of {@code channel}. */
  JsonNode publication(String channel) {
    return await(m -> !m.has("type") && channel.equals(m.path("channel").asText()),
        "a publication of " + channel);
  }

  java.util.List<JsonNode> snapshot() {
    return inbox.snapshot();
  }

  /** Waits until the server ended the answer. */
  void awaitEnd(Duration timeout) {
    try {
      ended.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("the stream did not end within " + timeout, e);
    }
  }

  @Override
  public void close() {
    lines.close();
  }
}
