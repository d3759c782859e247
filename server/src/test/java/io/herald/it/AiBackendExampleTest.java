package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.ConfigLoader;
import io.herald.config.HeraldConfig;
import io.herald.config.ProxyConfig;
import io.herald.config.ProxyEndpoint;
import io.herald.server.HeraldServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The example backend in examples/ai-backend, run as its README says ({@code java
 * AiBackend.java}), with Herald loaded from the example's herald.yaml: log in for a session
 * cookie, connect with it and no token, ask, get the answer token by token; Stop cancels it at the
 * backend.
 */
class AiBackendExampleTest extends SocketTestBase {

  private static final Path EXAMPLE = Path.of("..", "examples", "ai-backend");

  @Test
  void cookieLoginThenAStreamedAnswerAndStop() throws Exception {
    assumeTrue(Files.exists(EXAMPLE.resolve("AiBackend.java")), "examples/ beside the server");
    BlockingQueue<String> output = new LinkedBlockingQueue<>();
    Process backend = new ProcessBuilder(
        ProcessHandle.current().info().command().orElse("java"),
        EXAMPLE.resolve("AiBackend.java").toString(), "--port", "0", "--token-delay-ms", "20")
        .redirectErrorStream(true)
        .start();
    track(backend::destroyForcibly);
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(backend.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          output.add(line);
        }
      } catch (java.io.IOException e) {
        // process gone
      }
    });
    reader.setDaemon(true);
    reader.start();
    String listening = awaitLine(output, "listening on ", Duration.ofSeconds(30));
    String base = listening.substring(listening.indexOf("http://"));

    HeraldConfig file = ConfigLoader.load(EXAMPLE.resolve("herald.yaml"), Map.of());
    ProxyConfig p = file.proxy();
    ProxyConfig local = new ProxyConfig(
        new ProxyEndpoint(base + "/herald/connect", p.connect().timeout(), p.connect().headers()),
        new ProxyEndpoint(base + "/herald/rpc", p.rpc().timeout(), p.rpc().headers()),
        p.publish(), p.subscribe(), p.connectEveryClient(), p.maxResponseSize(), p.maxStreams());
    HeraldServer server = start(file.withPort(0).withProxy(local));

    HttpResponse<String> login = http.send(
        HttpRequest.newBuilder(URI.create(base + "/login?user=ann")).build(),
        HttpResponse.BodyHandlers.ofString());
    String cookie = login.headers().firstValue("set-cookie").orElseThrow().split(";")[0];

    WsClient anonymous = ws(server);
    assertThat(ProxyTestBase.errorCode(anonymous.call("connect", "{}"))).isEqualTo(4010);

    WsClient client = track(WsClient.join(
        WsClient.openAsync(http, wsUri(server), Map.of("Cookie", cookie)), "handshake"));
    assertThat(client.ok("connect", "{}").get("user").asText()).isEqualTo("ann");
    long id = client.send("rpc", "{\"method\":\"ask\",\"data\":{\"question\":\"What is Herald?\"}}");
    JsonNode end = client.awaitResponse(id);
    int chunks = end.get("result").get("chunks").asInt();
    List<JsonNode> tokens = client.take(m -> ProxyTestBase.isStreamOf(m, id));
    assertThat(tokens).hasSize(chunks);
    StringBuilder text = new StringBuilder();
    tokens.forEach(t -> text.append(t.get("params").get("data").get("token").asText()));
    assertThat(text.toString()).startsWith("Hello ann. You asked: \"What is Herald?\"");

    long stopped = client.send("rpc", "{\"method\":\"ask\",\"data\":{\"question\":\"again\"}}");
    client.await(m -> ProxyTestBase.isStreamOf(m, stopped), WsClient.TIMEOUT, "a token");
    client.notify("cancel", "{\"id\":" + stopped + "}");
    assertThat(ProxyTestBase.errorCode(client.awaitResponse(stopped))).isEqualTo(117);
    assertThat(awaitLine(output, "cancelled after", Duration.ofSeconds(10))).contains("ann");
  }

  private static String awaitLine(BlockingQueue<String> output, String part, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String line = output.poll(100, TimeUnit.MILLISECONDS);
      if (line != null && line.contains(part)) {
        return line;
      }
    }
    throw new AssertionError("the example backend never printed \"" + part + "\"");
  }
}
