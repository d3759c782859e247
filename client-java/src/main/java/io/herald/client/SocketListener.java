package io.herald.client;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Assembles one WebSocket's text messages and reports them and its end, as they come (on the
 * JDK's threads); the client hands both to its event thread.
 */
final class SocketListener implements WebSocket.Listener {

  private final Consumer<String> onMessage;
  private final BiConsumer<Integer, String> onClosed;
  private final StringBuilder text = new StringBuilder();

  SocketListener(Consumer<String> onMessage, BiConsumer<Integer, String> onClosed) {
    this.onMessage = onMessage;
    this.onClosed = onClosed;
  }

  @Override
  public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
    text.append(data);
    if (last) {
      String message = text.toString();
      text.setLength(0);
      onMessage.accept(message);
    }
    socket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
    onClosed.accept(code, reason);
    return null;
  }

  @Override
  public void onError(WebSocket socket, Throwable error) {
    onClosed.accept(1006, String.valueOf(error.getMessage()));
  }
}
