package io.herald.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.ApiConfig;
import io.herald.config.ClientConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.NamespaceConfig;
import io.herald.config.TokenConfig;
import io.herald.server.HeraldServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A socket that stays silent before its first request, or after an answer while it is still plain
 * HTTP, is closed after client.connectTimeout; a WebSocket is not.
 */
class HttpIdleTimeoutSocketTest {

  private HeraldServer server;

  @BeforeEach
  void start() {
    ClientConfig client = ClientConfig.defaults()
        .with("connectTimeout", Duration.ofMillis(700))
        .with("allowAnonymous", true);
    server = HeraldServer.start(new HeraldConfig(0, "127.0.0.1", List.of("*"), TokenConfig.none(),
        new ApiConfig("api-key-0123456789"), client, NamespaceConfig.permissive(""), List.of()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void silentSocketIsClosed() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
      socket.setSoTimeout(5000);
      long start = System.nanoTime();
      InputStream in = socket.getInputStream();
      assertThat(in.read()).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void connectedWebSocketIsNotClosedByTheHttpTimeout() throws Exception {
    boolean[] closed = {false};
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/connection/websocket"),
            new WebSocket.Listener() {
              @Override
              public java.util.concurrent.CompletionStage<?> onClose(WebSocket w, int code,
                  String reason) {
                closed[0] = true;
                return null;
              }
            })
        .get(5, TimeUnit.SECONDS);
    ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"connect\",\"params\":{}}", true)
        .get(5, TimeUnit.SECONDS);
    Thread.sleep(1500);
    assertThat(closed[0]).isFalse();
    assertThat(server.node().info().numClients()).isEqualTo(1);
    ws.abort();
  }

  @Test
  void idleKeepAliveConnectionIsClosedAfterItsAnswer() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(
          "GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      String answer = readAnswer(in);
      assertThat(answer).startsWith("HTTP/1.1 200");
      long start = System.nanoTime();
      assertThat(in.read()).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThan(Duration.ofMillis(500)).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void refusedHandshakeLeftSilentIsClosed() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
      socket.setSoTimeout(5000);
      // A version no server speaks: answered 426, and the connection stays plain HTTP.
      socket.getOutputStream().write(("GET /connection/websocket HTTP/1.1\r\nHost: x\r\n"
          + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 99\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      assertThat(readAnswer(in)).startsWith("HTTP/1.1 426");
      long start = System.nanoTime();
      assertThat(in.read()).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThan(Duration.ofMillis(500)).isLessThan(Duration.ofSeconds(4));
    }
  }

  /** The status line and headers of one answer, and its body when it has a Content-Length. */
  private static String readAnswer(InputStream in) throws java.io.IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    java.util.regex.Matcher length = java.util.regex.Pattern
        .compile("(?i)content-length: *(\\d+)").matcher(head);
    if (length.find()) {
      in.readNBytes(Integer.parseInt(length.group(1)));
    }
    return head.toString();
  }
}
