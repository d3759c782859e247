package io.herald.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One WebSocket to Herald on the JDK's {@link WebSocket}, carrying JSON-RPC text frames. The
 * client's transport: it reports whole text messages and the end of the socket (on the JDK's
 * threads), and sends one frame after the other. Thread-safe.
 */
final class WebSocketConnection {

  private final WebSocket socket;
  private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);

  private WebSocketConnection(WebSocket socket) {
    this.socket = socket;
  }

  /**
   * Opens a WebSocket to {@code uri}; completes once the handshake is done, or fails.
   *
   * @param onMessage each whole text message
   * @param onClosed the close code and reason once the socket ended (1006 for an error)
   */
  static CompletableFuture<WebSocketConnection> open(HttpClient http, URI uri,
      Duration connectTimeout, Consumer<String> onMessage, BiConsumer<Integer, String> onClosed) {
    return http.newWebSocketBuilder()
        .connectTimeout(connectTimeout)
        .buildAsync(uri, new SocketListener(onMessage, onClosed))
        .thenApply(WebSocketConnection::new);
  }

  /** Sends one text frame after the ones sent before (the JDK takes one send at a time). */
  synchronized void send(String text) {
    sendTail = sendTail.handle((x, e) -> null).thenCompose(x -> socket.sendText(text, true));
  }

  /** Closes politely (close frame, then abort after one second) or aborts at once. */
  void close(boolean polite) {
    if (polite) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "disconnect")
          .orTimeout(1, TimeUnit.SECONDS)
          .whenComplete((s, e) -> socket.abort());
    } else {
      socket.abort();
    }
  }
}
