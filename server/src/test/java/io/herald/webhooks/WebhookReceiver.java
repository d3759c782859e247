package io.herald.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real HTTP webhook receiver on a loopback port for tests: checks every request's {@code
 * Herald-Signature} with its own HMAC code (javax.crypto directly, not Herald's signer), answers
 * with the status (after the delay, with the body size) the test sets, and keeps the events of
 * the requests it answered 2xx, dropping repeated ids as a receiver should.
 */
public final class WebhookReceiver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final String secret;
  private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
  private final Set<String> seenIds = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger repeats = new AtomicInteger();
  private final AtomicInteger badSignatures = new AtomicInteger();
  private final AtomicInteger maxBatch = new AtomicInteger();
  private volatile int status = 200;
  private volatile long delayMillis;
  private volatile int responseBytes;

  /** Starts on a free loopback port, verifying with {@code secret}. */
  public WebhookReceiver(String secret) throws IOException {
    this.secret = secret;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/hooks", ex -> {
      requests.incrementAndGet();
      byte[] body = ex.getRequestBody().readAllBytes();
      String sig = ex.getRequestHeaders().getFirst("Herald-Signature");
      int answer = status;
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (!verify(sig, body)) {
        badSignatures.incrementAndGet();
        answer = 401;
      }
      if (answer >= 200 && answer < 300) {
        JsonNode batch = JSON.readTree(body).get("events");
        maxBatch.accumulateAndGet(batch.size(), Math::max);
        for (JsonNode e : batch) {
          if (seenIds.add(e.get("id").asText())) {
            accepted.add(e);
          } else {
            repeats.incrementAndGet();
          }
        }
      }
      int size = responseBytes;
      ex.sendResponseHeaders(answer, size == 0 ? -1 : size);
      if (size > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          byte[] chunk = new byte[64 * 1024];
          for (int sent = 0; sent < size; sent += chunk.length) {
            out.write(chunk, 0, Math.min(chunk.length, size - sent));
          }
        } catch (IOException closedByHerald) {
          // Herald reads the status only and closes the connection.
        }
      }
      ex.close();
    });
    server.start();
  }

  /**
   * Herald's documented check: {@code t=<seconds>,v1=<hex>}, hex = HMAC-SHA256(secret,
   * t + "." + body), and t within five minutes of now.
   */
  private boolean verify(String header, byte[] body) {
    if (header == null) {
      return false;
    }
    try {
      String t = header.split(",")[0].substring(2);
      String v1 = header.split(",")[1].substring(3);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
      byte[] expected = mac.doFinal(body);
      boolean fresh = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)) < 300;
      return fresh && MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
    } catch (Exception e) {
      return false;
    }
  }

  /** The URL Herald posts to. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
  }

  /** Answers with {@code code} from now on. */
  public void answer(int code) {
    this.status = code;
  }

  /** Waits this long before answering. */
  public void delay(long millis) {
    this.delayMillis = millis;
  }

  /** Answers with a body of {@code bytes} zero bytes. */
  public void responseSize(int bytes) {
    this.responseBytes = bytes;
  }

  /** Events of requests answered 2xx, each id once, in arrival order. */
  public List<JsonNode> events() {
    return new ArrayList<>(accepted);
  }

  /** Events of {@code type}, in arrival order. */
  public List<JsonNode> events(String type) {
    return events().stream().filter(e -> e.get("type").asText().equals(type)).toList();
  }

  /** Requests received, answered or not. */
  public int requests() {
    return requests.get();
  }

  /** Events received again after their id was accepted once (at-least-once repeats). */
  public int repeats() {
    return repeats.get();
  }

  /** The most events one accepted request carried. */
  public int maxBatch() {
    return maxBatch.get();
  }

  /** Requests whose signature did not verify. */
  public int badSignatures() {
    return badSignatures.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
