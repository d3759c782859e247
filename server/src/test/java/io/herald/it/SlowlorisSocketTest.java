package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.server.HeraldServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Connections that never finish a request: trickled headers or bodies are cut at {@code
 * client.connectTimeout} however often a byte arrives, and sockets that have not completed their
 * first request are capped per address.
 */
class SlowlorisSocketTest extends SocketTestBase {

  private static Socket open(HeraldServer server) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
    return socket;
  }

  /** Sends {@code text} a byte at a time every {@code everyMillis}; returns when cut off. */
  private static Duration trickle(Socket socket, String text, long everyMillis) {
    long start = System.nanoTime();
    try {
      OutputStream out = socket.getOutputStream();
      for (int i = 0; i < 200 && !closedByPeer(socket); i++) {
        out.write(text.charAt(i % text.length()));
        out.flush();
        Thread.sleep(everyMillis);
      }
    } catch (IOException e) {
      // the server closed the connection
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static boolean closedByPeer(Socket socket) throws IOException {
    socket.setSoTimeout(1);
    try {
      return socket.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true;
    }
  }

  private static boolean closedWithin(Socket socket, Duration wait) throws IOException {
    socket.setSoTimeout((int) wait.toMillis());
    InputStream in = socket.getInputStream();
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true;
    }
  }

  @Test
  void trickledHeadersAreCutAtTheConnectTimeout() throws Exception {
    HeraldServer server = start(TestConfig.create().connectTimeout(Duration.ofSeconds(2)));
    try (Socket socket = open(server)) {
      socket.getOutputStream().write("GET /connection/websocket HTTP/1.1\r\nX-Slow: "
          .getBytes(StandardCharsets.US_ASCII));
      Duration held = trickle(socket, "aaaaaaaaaa", 300);
      assertThat(held).isLessThan(Duration.ofSeconds(6));
    }
  }

  @Test
  void aTrickledBodyIsCutAtTheConnectTimeout() throws Exception {
    HeraldServer server = start(TestConfig.create().connectTimeout(Duration.ofSeconds(2)));
    try (Socket socket = open(server)) {
      socket.getOutputStream().write(("POST /api/publish HTTP/1.1\r\nHost: x\r\n"
          + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      Duration held = trickle(socket, "{\"channel\":\"a\"}", 300);
      assertThat(held).isLessThan(Duration.ofSeconds(6));
    }
  }

  @Test
  void unfinishedSocketsArePerAddressCapped() throws Exception {
    HeraldServer server = start(TestConfig.create()
        .client("maxPendingHandshakesPerAddress", 3));
    List<Socket> silent = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        silent.add(open(server));
      }
      Thread.sleep(200);
      Socket over = open(server);
      silent.add(over);
      assertThat(closedWithin(over, Duration.ofSeconds(3))).as("the fourth").isTrue();
      assertThat(closedWithin(silent.get(0), Duration.ofMillis(300))).as("the first").isFalse();

      silent.get(0).close();
      Thread.sleep(200);
      WsClient client = connected(server, "u1");
      assertThat(client.isOpen()).as("a slot is free again").isTrue();
    } finally {
      for (Socket s : silent) {
        s.close();
      }
    }
  }

  @Test
  void completedRequestsDoNotCount() throws Exception {
    HeraldServer server = start(TestConfig.create()
        .client("maxPendingHandshakesPerAddress", 2));
    List<WsClient> clients = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      clients.add(connected(server, "u" + i));
    }
    assertThat(clients).allMatch(WsClient::isOpen);
  }
}
