package io.herald.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An application backend for the proxy tests, on the JDK's HttpServer on a free loopback port.
 * Records every call it gets. {@code /rpc} answers by {@code method}:
 *
 * <ul>
 *   <li>{@code echo}: JSON {@code {"result":{"data":{"echo": data}}}};
 *   <li>{@code ndjson} / {@code sse}: {@code data.count} chunks {@code {"n": i}}, {@code
 *       data.delayMs} apart (0: as fast as it can), as NDJSON or server-sent events; {@code
 *       data.errorAfter} (sse) sends an {@code error} event after that many chunks;
 *   <li>{@code forever}: NDJSON chunks of {@code data.size} padding bytes every {@code
 *       data.delayMs} until a write fails, which it counts in {@link #closedByPeer()};
 *   <li>{@code broken}: two NDJSON lines, then the connection is dropped mid-body;
 *   <li>{@code fail}: {@code {"error":{"code":4001,"message":"nope"}}};
 *   <li>{@code status}: HTTP 503; {@code notjson}: 200 with a body that is not JSON;
 *   <li>{@code slow}: a JSON answer after {@code data.sleepMs};
 *   <li>{@code bigline}: one NDJSON line of {@code data.size} bytes.
 * </ul>
 *
 * {@code /connect}, {@code /publish} and {@code /subscribe} answer with the functions tests set.
 */
final class TestBackend implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  /** One request the backend got; {@code remotePort} tells Herald's connections apart. */
  record Call(String path, Map<String, String> headers, JsonNode body, int remotePort) {}

  /** An answer: status, content type and body. */
  record Answer(int status, String type, String body) {
    static Answer json(String body) {
      return new Answer(200, "application/json", body);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-backend");
    t.setDaemon(true);
    return t;
  });
  private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
  private final AtomicInteger closedByPeer = new AtomicInteger();
  private final AtomicLong bytesWritten = new AtomicLong();
  private final AtomicInteger streamsStarted = new AtomicInteger();
  volatile Function<JsonNode, Answer> connect =
      body -> Answer.json("{\"result\":{\"user\":\"backend-user\"}}");
  volatile Function<JsonNode, Answer> publish = body -> Answer.json("{\"result\":{}}");
  volatile Function<JsonNode, Answer> subscribe = body -> Answer.json("{\"result\":{}}");

  private TestBackend() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(threads);
    server.createContext("/connect", ex -> answer(ex, connect));
    server.createContext("/publish", ex -> answer(ex, publish));
    server.createContext("/subscribe", ex -> answer(ex, subscribe));
    server.createContext("/rpc", this::rpc);
    server.start();
  }

  static TestBackend start() {
    try {
      return new TestBackend();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The URL of {@code path} on this backend. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The next call the backend got, waiting up to the test timeout. */
  Call nextCall() {
    try {
      Call call = calls.poll(WsClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (call == null) {
        throw new AssertionError("the backend got no call");
      }
      return call;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Streams whose connection Herald closed while the backend was still writing. */
  int closedByPeer() {
    return closedByPeer.get();
  }

  /** Streams begun. */
  int streamsStarted() {
    return streamsStarted.get();
  }

  /** Body bytes written by {@code forever} streams so far. */
  long bytesWritten() {
    return bytesWritten.get();
  }

  private Call record(HttpExchange ex) throws IOException {
    Map<String, String> headers = new HashMap<>();
    ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT),
        String.join(", ", v)));
    JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
    Call call = new Call(ex.getRequestURI().getPath(), headers, body,
        ex.getRemoteAddress().getPort());
    calls.add(call);
    return call;
  }

  private void answer(HttpExchange ex, Function<JsonNode, Answer> how) throws IOException {
    try (ex) {
      Call call = record(ex);
      send(ex, how.apply(call.body()));
    }
  }

  private static void send(HttpExchange ex, Answer a) throws IOException {
    byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", a.type());
    ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
  }

  private void rpc(HttpExchange ex) throws IOException {
    Call call = record(ex);
    JsonNode data = call.body().path("data");
    String method = call.body().path("method").asText();
    boolean closeNormally = true;
    try {
      switch (method) {
        case "echo" -> {
          ObjectNode result = JSON.createObjectNode();
          result.putObject("result").putObject("data").set("echo", data);
          send(ex, Answer.json(result.toString()));
        }
        case "ndjson" -> stream(ex, data, false);
        case "sse" -> stream(ex, data, true);
        case "forever" -> forever(ex, data);
        case "broken" -> {
          ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
          ex.sendResponseHeaders(200, 0);
          write(ex.getResponseBody(), "{\"n\":0}\n{\"n\":1}\n");
          // Leaving with an exception, the exchange not closed, makes the server drop the
          // connection mid-body.
          closeNormally = false;
          throw new IOException("backend crashed mid-stream");
        }
        case "fail" -> send(ex, Answer.json("{\"error\":{\"code\":4001,\"message\":\"nope\"}}"));
        case "status" -> send(ex, new Answer(503, "text/plain", "overloaded"));
        case "notjson" -> send(ex, Answer.json("hello, not json"));
        case "slow" -> {
          sleep(data.path("sleepMs").asLong());
          send(ex, Answer.json("{\"result\":{\"data\":\"late\"}}"));
        }
        case "bigline" -> {
          ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
          ex.sendResponseHeaders(200, 0);
          write(ex.getResponseBody(),
              "\"" + "x".repeat(data.path("size").asInt()) + "\"\n");
        }
        default -> send(ex, new Answer(404, "text/plain", "no such method"));
      }
    } finally {
      if (closeNormally) {
        ex.close();
      }
    }
  }

  private void stream(HttpExchange ex, JsonNode data, boolean sse) throws IOException {
    streamsStarted.incrementAndGet();
    ex.getResponseHeaders().set("Content-Type",
        sse ? "text/event-stream" : "application/x-ndjson");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    int count = data.path("count").asInt();
    long delay = data.path("delayMs").asLong();
    int errorAfter = data.path("errorAfter").asInt(-1);
    for (int i = 0; i < count; i++) {
      if (sse && i == errorAfter) {
        write(out, "event: error\ndata: {\"code\":4100,\"message\":\"model overloaded\"}\n\n");
        return;
      }
      String chunk = "{\"n\":" + i + "}";
      write(out, sse ? ": comment\nid: " + i + "\ndata: " + chunk + "\n\n" : chunk + "\n");
      sleep(delay);
    }
    if (sse) {
      write(out, "event: end\ndata: {}\n\n");
    }
  }

  private void forever(HttpExchange ex, JsonNode data) throws IOException {
    streamsStarted.incrementAndGet();
    ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    String line = "{\"pad\":\"" + "p".repeat(data.path("size").asInt(16)) + "\"}\n";
    long delay = data.path("delayMs").asLong();
    try {
      while (true) {
        write(out, line);
        bytesWritten.addAndGet(line.length());
        sleep(delay);
      }
    } catch (IOException e) {
      closedByPeer.incrementAndGet();
      throw e;
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void sleep(long millis) {
    if (millis > 0) {
      WsClient.sleep(Duration.ofMillis(millis));
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
