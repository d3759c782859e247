package io.herald.node.protocol;

/**
 * {@code subscribe}, or one entry of {@code connect}'s {@code subs}.
 *
 * @param channel channel to subscribe to
 * @param token subscription JWT (required for private {@code $} channels), or null
 * @param recover whether to recover what was missed since {@code offset} in {@code epoch}
 * @param offset the last offset the client has (with {@code recover})
 * @param epoch the epoch {@code offset} belongs to (with {@code recover}), or null
 * @param joinLeave whether the client asks to be told of joins and leaves
 */
public record SubscribeCommand(
    String channel, String token, boolean recover, long offset, String epoch, boolean joinLeave)
    implements Command {

  /** A plain subscribe: no recovery, no join/leave request. */
  public SubscribeCommand(String channel, String token) {
    this(channel, token, false, 0, null, false);
  }
}
