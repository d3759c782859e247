package io.herald.it;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A test WebSocket client over the JDK's {@link WebSocket} (a real socket). It collects every
 * text message, reassembled from its parts, as a parsed {@link JsonNode} in an inbox, records how
 * the connection closed, and answers nothing by itself (no {@code pong} to a Herald {@code ping}).
 *
 * <p>The {@code await*} methods take the first message in arrival order that matches and remove
 * it from the inbox; messages that do not match stay, so a publication that arrives while a test
 * waits for a response is not lost. Every wait has a timeout and fails with the inbox and close
 * status in its message, so a broken server never hangs a test. Thread-safe.
 */
final class WsClient implements AutoCloseable {

  /** Default wait for anything a test expects to happen. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** Reads decimals exactly, so a test sees the numbers the server sent. */
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /**
   * How the connection ended.
   *
   * @param code the close code of the server's close frame, or 1006 when the connection dropped
   * @param reason the close reason, {@code ""} when none
   * @param error the transport error when the connection dropped without a close frame, else null
   */
  record Closed(int code, String reason, Throwable error) {}

  private final Inbox inbox = new Inbox();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private final AtomicLong ids = new AtomicLong();
  private final Object sendLock = new Object();
  private final String name;
  private volatile WebSocket socket;
  private volatile int binaryReceived;

  private volatile boolean stampArrivals;

  private WsClient(String name) {
    this.name = name;
  }

  /** Opens a WebSocket to {@code uri}, failing the test when the handshake fails. */
  static WsClient open(HttpClient http, URI uri) {
    return join(openAsync(http, uri, Map.of()), "WebSocket handshake with " + uri);
  }

  /**
   * Opens a WebSocket with extra handshake headers; the stage fails (with the JDK's {@code
   * WebSocketHandshakeException} as cause) when the server refuses the handshake.
   */
  static CompletableFuture<WsClient> openAsync(
      HttpClient http, URI uri, Map<String, String> headers) {
    WsClient client = new WsClient(uri.toString());
    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
    headers.forEach(builder::header);
    return builder
        .buildAsync(uri, client.new Listener())
        .thenApply(
            ws -> {
              client.socket = ws;
              return client;
            });
  }

  // ---- sending ----

  /** Sends one complete text message. */
  void sendText(String text) {
    sendPart(text, true);
  }

  /** Sends one part of a text message; {@code last} ends the message. */
  void sendPart(String text, boolean last) {
    synchronized (sendLock) {
      join(socket.sendText(text, last), "sending a text message");
    }
  }

  /** Sends one binary message. */
  void sendBinary(byte[] bytes) {
    synchronized (sendLock) {
      join(socket.sendBinary(ByteBuffer.wrap(bytes), true), "sending a binary message");
    }
  }

  /** Sends a request (with a fresh numeric id) and returns that id. */
  long send(String method, String paramsJson) {
    long id = ids.incrementAndGet();
    sendText(request(id, method, paramsJson));
    return id;
  }

  /** Sends a notification (no id). */
  void notify(String method, String paramsJson) {
    sendText(request(-1, method, paramsJson));
  }

  /**
   * Sends a request and waits for its response (the whole JSON-RPC object, with {@code result}
   * or {@code error}).
   *
   * @param paramsJson the params object as JSON text, or null to leave {@code params} out
   */
  JsonNode call(String method, String paramsJson) {
    return awaitResponse(send(method, paramsJson));
  }

  /** {@code call} that fails the test unless the answer is a result; returns the result. */
  JsonNode ok(String method, String paramsJson) {
    JsonNode response = call(method, paramsJson);
    if (!response.has("result")) {
      throw new AssertionError(name + ": " + method + " " + paramsJson + " failed: " + response);
    }
    return response.get("result");
  }

  /** {@code call} that fails the test unless the answer is an error; returns its code. */
  int errorCode(String method, String paramsJson) {
    JsonNode response = call(method, paramsJson);
    if (!response.has("error")) {
      throw new AssertionError(
          name + ": " + method + " " + paramsJson + " should fail but answered " + response);
    }
    return response.get("error").get("code").asInt();
  }

  static String request(long id, String method, String paramsJson) {
    StringBuilder out = new StringBuilder("{\"jsonrpc\":\"2.0\",");
    if (id >= 0) {
      out.append("\"id\":").append(id).append(',');
    }
    out.append("\"method\":").append(TextNode.valueOf(method));
    if (paramsJson != null) {
      out.append(",\"params\":").append(paramsJson);
    }
    return out.append('}').toString();
  }

  // ---- receiving ----

  /** Waits for the response with {@code id}. */
  JsonNode awaitResponse(long id) {
    return await(m -> m.isObject() && m.path("id").isIntegralNumber() && m.get("id").asLong() == id,
        TIMEOUT, "response to request " + id);
  }

  /** Waits for the next server notification of {@code method}. */
  JsonNode awaitMethod(String method) {
    return awaitMethod(method, TIMEOUT);
  }

  /** Waits for the next server notification of {@code method}, up to {@code timeout}. */
  JsonNode awaitMethod(String method, Duration timeout) {
    return await(isMethod(method), timeout, "a " + method + " notification");
  }

  /** Waits for the next message of any kind. */
  JsonNode next() {
    return await(m -> true, TIMEOUT, "any message");
  }

  /** Waits for the first message matching {@code matcher}, removes and returns it. */
  JsonNode await(Predicate<JsonNode> matcher, Duration timeout, String what) {
    return inbox.await(
        matcher, timeout, what, () -> name + " (closed " + closed.getNow(null) + ")");
  }

  /**
   * Waits {@code quiet} and fails if a message matching {@code matcher} is (or was) in the
   * inbox; leaves the inbox as it is.
   */
  void assertNone(Predicate<JsonNode> matcher, Duration quiet, String what) {
    sleep(quiet);
    List<JsonNode> found = snapshot().stream().filter(matcher).toList();
    if (!found.isEmpty()) {
      throw new AssertionError(
          name + ": expected no " + what + " but got " + Inbox.clip(found.toString()));
    }
  }

  /** The messages not yet taken by an {@code await}, oldest first. */
  List<JsonNode> snapshot() {
    return inbox.snapshot();
  }

  /** Removes and returns every message matching {@code matcher}, oldest first. */
  List<JsonNode> take(Predicate<JsonNode> matcher) {
    return inbox.take(matcher);
  }

  /** How many messages in the inbox match {@code matcher}. */
  int count(Predicate<JsonNode> matcher) {
    return inbox.count(matcher);
  }

  /** Binary messages received (Herald never sends any). */
  int binaryReceived() {
    return binaryReceived;
  }

  static Predicate<JsonNode> isMethod(String method) {
    return m -> m.isObject() && method.equals(m.path("method").asText(null));
  }

  /** A {@code publication} of {@code channel}. */
  static Predicate<JsonNode> isPublication(String channel) {
    return m -> isMethod("publication").test(m)
        && channel.equals(m.path("params").path("channel").asText(null));
  }

  // ---- closing ----

  /** Waits for the connection to end (server close frame, or a dropped connection). */
  Closed awaitClose() {
    return awaitClose(TIMEOUT);
  }

  /** Waits up to {@code timeout} for the connection to end. */
  Closed awaitClose(Duration timeout) {
    try {
      return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(name + ": still open after " + timeout.toMillis()
          + " ms; inbox " + Inbox.clip(snapshot().toString()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException e) {
      throw new AssertionError(e);
    }
  }

  /** True until the server closed or the connection dropped. */
  boolean isOpen() {
    return !closed.isDone();
  }

  /** Starts the closing handshake with {@code code}. */
  void closeGracefully(int code, String reason) {
    synchronized (sendLock) {
      join(socket.sendClose(code, reason), "sending a close frame");
    }
  }

  /** Drops the connection at once (no closing handshake). Idempotent. */
  @Override
  public void close() {
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    }
  }

  @Override
  public String toString() {
    return "WsClient[" + name + "]";
  }

  // ---- internals ----

  /**
   * From now on, stamps each received JSON object with {@code "receivedAt": System.nanoTime()}
   * (a top-level field), for latency measurements.
   */
  void stampArrivals() {
    stampArrivals = true;
  }

  private void deliver(JsonNode message) {
    if (stampArrivals && message instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
      o.put("receivedAt", System.nanoTime());
    }
    inbox.add(message);
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  static <T> T join(CompletionStage<T> stage, String what) {
    try {
      return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out: " + what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + what, e);
    } catch (ExecutionException e) {
      throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
    }
  }

  /** Builds a JSON object from name/value pairs (values go through Jackson). */
  static String json(Object... namesAndValues) {
    ObjectNode out = JSON.createObjectNode();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      out.set((String) namesAndValues[i], JSON.valueToTree(namesAndValues[i + 1]));
    }
    return out.toString();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        JsonNode message;
        try {
          message = JSON.readTree(text);
        } catch (Exception e) {
          message = TextNode.valueOf("UNPARSEABLE: " + text);
        }
        deliver(message);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      if (last) {
        binaryReceived++;
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(new Closed(statusCode, reason, null));
      wake();
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(new Closed(1006, "", error));
      wake();
    }

    private void wake() {
      inbox.wake();
    }
  }
}
