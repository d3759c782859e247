package io.herald.client;

/**
 * Connection events. Every method has an empty default: implement the ones you need. Called on
 * the client's event thread, one at a time, in order; do not block in them.
 */
public interface ClientListener {

  /** Connecting, or waiting to reconnect (with the code and reason of the lost connection). */
  default void onConnecting(Events.StateChange event) {}

  default void onConnected(Events.Connected event) {}

  /** Disconnected for good: by {@code disconnect()}, or the server said not to reconnect. */
  default void onDisconnected(Events.StateChange event) {}

  default void onError(Events.Error event) {}

  /** A publication of a channel the server subscribed this connection to (token channels). */
  default void onPublication(Publication publication) {}

  /** A server-side subscription began. */
  default void onSubscribed(Events.Subscribed event) {}

  /** A {@code message} the server sent to this connection. */
  default void onMessage(Object data) {}
}
