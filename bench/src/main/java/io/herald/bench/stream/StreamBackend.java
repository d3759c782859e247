package io.herald.bench.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.herald.bench.protocol.Payload;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application backend of the stream benchmark, in the generator's process (one clock with
 * the clients): {@code POST /rpc} with {@code {"data":{"chunks":N,"intervalMs":I,"size":S}}}
 * answers NDJSON, N lines of a bench {@link Payload} ({@code {"ts":<nanoTime just before the
 * write>,"pad":...}}), one every I ms, each written and flushed on its own. One virtual thread
 * per stream.
 */
final class StreamBackend implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicLong chunksWritten = new AtomicLong();
  private final AtomicLong streamsAborted = new AtomicLong();

  StreamBackend() throws IOException {
    // Small writes leave at once (TCP_NODELAY), as a streaming backend would set them up.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
    server.setExecutor(threads);
    server.createContext("/rpc", this::stream);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/rpc";
  }

  long chunksWritten() {
    return chunksWritten.get();
  }

  long streamsAborted() {
    return streamsAborted.get();
  }

  private void stream(HttpExchange ex) throws IOException {
    try (ex) {
      JsonNode data = JSON.readTree(ex.getRequestBody().readAllBytes()).path("data");
      int chunks = data.path("chunks").asInt(100);
      long interval = data.path("intervalMs").asLong(100);
      int size = data.path("size").asInt(Payload.MIN_SIZE);
      long delayFirst = data.path("delayFirstMs").asLong(0);
      ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      sleep(delayFirst);
      byte[] line = new byte[0];
      for (int i = 0; i < chunks; i++) {
        byte[] payload = Payload.json(System.nanoTime(), size);
        if (line.length != payload.length + 1) {
          line = new byte[payload.length + 1];
        }
        System.arraycopy(payload, 0, line, 0, payload.length);
        line[payload.length] = '\n';
        out.write(line);
        out.flush();
        chunksWritten.incrementAndGet();
        sleep(interval);
      }
    } catch (IOException e) {
      streamsAborted.incrementAndGet();
    }
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
