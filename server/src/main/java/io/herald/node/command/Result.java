package io.herald.node.command;

import java.util.Map;

/** The {@code result} of a successful command; encoded by the protocol layer. */
public sealed interface Result {

  /** {@code {}}: unsubscribe, publish without history, pong. */
  record Empty() implements Result {
    public static final Empty INSTANCE = new Empty();
  }

  /**
   * Result of {@code connect}.
   *
   * @param client this connection's unique id
   * @param user user id, {@code ""} when anonymous
   * @param expires whether the token expires
   * @param ttl seconds until it does (0 when it does not)
   * @param ping server ping interval in seconds
   * @param pong true: the client must answer pings with {@code pong}
   * @param subs server-side subscriptions made at connect, by channel
   */
  record Connect(
      String client,
      String user,
      boolean expires,
      long ttl,
      long ping,
      boolean pong,
      Map<String, Subscribe> subs)
      implements Result {}

  /**
   * Result of {@code subscribe} (and body of a server-side {@code subscribe} notification).
   *
   * @param recoverable whether the channel keeps a history a client could recover from
   */
  record Subscribe(boolean recoverable) implements Result {}

  /**
   * Result of {@code refresh}.
   *
   * @param expires whether the new token expires
   * @param ttl seconds until it does
   */
  record Refresh(boolean expires, long ttl) implements Result {}
}
