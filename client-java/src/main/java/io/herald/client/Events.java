package io.herald.client;

/** The events listeners receive; all immutable. */
public final class Events {

  private Events() {}

  /**
   * A change of connection state.
   *
   * @param code the close or disconnect code behind it; 0 when a method call caused it
   * @param reason why, for humans
   */
  public record StateChange(int code, String reason) {}

  /**
   * The connection is up.
   *
   * @param client this connection's id
   * @param user the token's user, {@code ""} when anonymous
   * @param pingSeconds seconds between server pings
   */
  public record Connected(String client, String user, long pingSeconds) {}

  /**
   * A subscription is active.
   *
   * @param channel the channel
   * @param recoverable the channel keeps a history to recover from
   * @param wasRecovering this subscribe tried to recover missed publications
   * @param recovered every missed publication is delivered (right after this event); false
   *     after {@code wasRecovering} means: reload your state
   * @param position the position the subscription continues from, or null without history
   */
  public record Subscribed(
      String channel,
      boolean recoverable,
      boolean wasRecovering,
      boolean recovered,
      StreamPosition position) {}

  /**
   * A subscription ended.
   *
   * @param channel the channel
   * @param code 0 for {@code unsubscribe()}, the server's unsubscribe code, or the error code of
   *     a refused subscribe
   * @param reason why
   */
  public record Unsubscribed(String channel, int code, String reason) {}

  /**
   * Someone joined or left a channel.
   *
   * @param channel the channel
   * @param info who
   */
  public record JoinLeave(String channel, ClientInfo info) {}

  /**
   * Something went wrong that the client handles itself (it retries or reconnects).
   *
   * @param type what failed: {@code connect}, {@code transport}, {@code token}, {@code refresh},
   *     {@code subscribe}
   * @param error the cause
   */
  public record Error(String type, Throwable error) {}
}
