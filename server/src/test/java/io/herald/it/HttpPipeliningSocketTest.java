package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.server.HeraldServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.1 pipelining on the client port: answers come in request order even when the first is
 * asynchronous (a metrics scrape), and a client that pipelines more than {@code
 * client.maxPipelinedRequests} requests without waiting is disconnected.
 */
class HttpPipeliningSocketTest extends SocketTestBase {

  private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  }

  /** Reads until the peer closes or {@code quietMillis} pass without data. */
  private static String readAll(Socket socket, int quietMillis) throws IOException {
    socket.setSoTimeout(quietMillis);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buf = new byte[65536];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      // quiet, or reset by the server
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private static List<String> statuses(String responses) {
    List<String> out = new ArrayList<>();
    Matcher m = STATUS.matcher(responses);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void pipelinedAnswersComeInRequestOrder() throws Exception {
    HeraldServer server = start(TestConfig.create());
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
      socket.getOutputStream().write((get("/metrics") + get("/health") + get("/metrics")
          + get("/health")).getBytes(StandardCharsets.US_ASCII));
      String answers = readAll(socket, 3000);

      assertThat(statuses(answers)).containsExactly("200", "200", "200", "200");
      int firstMetrics = answers.indexOf("# HELP");
      int firstHealth = answers.indexOf("{\"status\":\"ok\"}");
      int secondMetrics = answers.indexOf("# HELP", firstHealth);
      int secondHealth = answers.indexOf("{\"status\":\"ok\"}", secondMetrics);
      assertThat(firstMetrics).isNotNegative().isLessThan(firstHealth);
      assertThat(secondMetrics).isGreaterThan(firstHealth).isLessThan(secondHealth);
    }
  }

  @Test
  void pipeliningPastTheLimitClosesTheConnection() throws Exception {
    HeraldServer server = start(TestConfig.create().client("maxPipelinedRequests", 4));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
      StringBuilder flood = new StringBuilder();
      for (int i = 0; i < 200; i++) {
        flood.append(get("/metrics"));
      }
      socket.getOutputStream().write(flood.toString().getBytes(StandardCharsets.US_ASCII));
      String answers = readAll(socket, 5000);

      assertThat(statuses(answers).size()).as("answers before the close").isLessThanOrEqualTo(6);
    }
    assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            "http://127.0.0.1:" + server.port() + "/health")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
        .as("the node still answers").isEqualTo(200);
  }
}
