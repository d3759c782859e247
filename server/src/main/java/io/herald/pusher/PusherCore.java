package io.herald.pusher;

import io.herald.engine.ClientInfo;
import io.herald.engine.Publication;
import io.herald.node.protocol.SessionLoop;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The node's side of one Pusher connection, as {@link PusherConnection} drives it: the session
 * core subscribes, publishes and reads presence and history for it, and writes its frames. The
 * connection has checked every authorization itself (Pusher's signatures), so subscriptions made
 * here need no Herald permission.
 *
 * <p>Threading: every method is called on {@link #loop()}; returned stages may complete on any
 * thread (the connection moves back to its loop). Publications, joins and leaves of subscribed
 * channels reach the connection through the node's fan-out: publications as frames encoded once
 * per publication ({@link PusherEncoder}), joins and leaves through {@link
 * PusherConnection#joined} and {@link PusherConnection#left}.
 */
public interface PusherCore {

  /** The loop of this connection. */
  SessionLoop loop();

  /** Writes one frame to this connection. */
  void send(byte[] frame);

  /** Closes the connection with a Pusher close code and reason. */
  void close(int code, String reason);

  /**
   * Subscribes this connection to Herald channel {@code channel} as {@code member} (presence
   * entry, joins and leaves); completes once publications of the channel reach it.
   */
  CompletionStage<Void> subscribe(String channel, ClientInfo member);

  /** Unsubscribes this connection from {@code channel}. */
  void unsubscribe(String channel);

  /** Who is subscribed to {@code channel} across the cluster, by client id. */
  CompletionStage<Map<String, ClientInfo>> presence(String channel);

  /** The last publication kept in {@code channel}'s history, or null when there is none. */
  CompletionStage<Publication> last(String channel);

  /** Publishes {@code data} to {@code channel} with {@code event}, sent by {@code from}. */
  CompletionStage<Void> publish(String channel, byte[] data, String event, ClientInfo from);

  /** From now on this connection belongs to Herald user {@code heraldUser} (Pusher sign-in). */
  void signIn(String heraldUser);
}
