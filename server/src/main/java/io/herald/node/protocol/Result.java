package io.herald.node.protocol;

import io.herald.engine.ClientInfo;
import io.herald.engine.Publication;
import io.herald.engine.StreamPosition;
import java.util.List;
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
   * @param subs subscriptions made at connect (the token's channels and the client's {@code
   *     subs}), by channel
   * @param subErrors channels of the client's {@code subs} that could not be subscribed, with why
   * @param batch null when the client did not ask for coalesced messages; else whether it gets
   *     them
   */
  record Connect(
      String client,
      String user,
      boolean expires,
      long ttl,
      long ping,
      boolean pong,
      Map<String, Subscribe> subs,
      Map<String, SubscribeError> subErrors,
      Boolean batch)
      implements Result {

    /** A result for a client that did not ask for coalesced messages. */
    public Connect(String client, String user, boolean expires, long ttl, long ping, boolean pong,
        Map<String, Subscribe> subs, Map<String, SubscribeError> subErrors) {
      this(client, user, expires, ttl, ping, pong, subs, subErrors, null);
    }
  }

  /**
   * Why one channel of {@code connect}'s {@code subs} was not subscribed.
   *
   * @param code error code, as for a failed {@code subscribe}
   * @param message its message
   */
  record SubscribeError(int code, String message) {}

  /**
   * Result of {@code subscribe} (and body of a server-side {@code subscribe} notification).
   *
   * @param recoverable whether the channel keeps a history a client could recover from
   * @param position the channel's position when subscribed ({@link StreamPosition#NONE} without
   *     history); a client tracks from here
   * @param wasRecovering whether the client asked to recover
   * @param recovered whether {@code publications} holds every publication the client missed
   * @param publications what the client missed, in offset order; empty unless {@code recovered}
   */
  record Subscribe(
      boolean recoverable,
      StreamPosition position,
      boolean wasRecovering,
      boolean recovered,
      List<Publication> publications)
      implements Result {

    /** The result for a channel that keeps no history. */
    public static final Subscribe PLAIN =
        new Subscribe(false, StreamPosition.NONE, false, false, List.of());
  }

  /**
   * Result of {@code publish}.
   *
   * @param position the channel's position after the publication; {@link StreamPosition#NONE}
   *     when the channel keeps no history
   */
  record Publish(StreamPosition position) implements Result {}

  /**
   * Result of {@code history}.
   *
   * @param publications publications in the order asked
   * @param position the channel's current position
   */
  record History(List<Publication> publications, StreamPosition position) implements Result {}

  /**
   * Result of {@code presence}.
   *
   * @param clients who is subscribed, by client id
   */
  record Presence(Map<String, ClientInfo> clients) implements Result {}

  /**
   * Result of {@code presenceStats}.
   *
   * @param numClients connections subscribed
   * @param numUsers distinct users among them
   */
  record PresenceStats(int numClients, int numUsers) implements Result {}

  /**
   * Result of {@code refresh}.
   *
   * @param expires whether the new token expires
   * @param ttl seconds until it does
   */
  record Refresh(boolean expires, long ttl) implements Result {}

  /**
   * Result of an {@code rpc} the backend answered with JSON: {@code {"data": X}}.
   *
   * @param data raw JSON of the backend's {@code result.data}, or null when absent
   */
  record RpcData(byte[] data) implements Result {}

  /**
   * Result of an {@code rpc} the backend answered with a stream, sent after the last {@code
   * stream} notification: {@code {"chunks": N}}.
   *
   * @param chunks how many chunks were sent
   */
  record RpcStreamEnd(long chunks) implements Result {}
}
