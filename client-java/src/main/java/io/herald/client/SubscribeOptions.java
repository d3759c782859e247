package io.herald.client;

import java.util.function.Function;

/**
 * How to subscribe to a channel. Immutable; start from {@link #defaults()}.
 *
 * @param token subscription token for a private ({@code $}) channel, or null
 * @param tokenSupplier asked for a subscription token on every subscribe when {@code token} is
 *     null; may be null
 * @param recover recover missed publications after a reconnect (channels with history); default
 *     true
 * @param joinLeave ask for join and leave events; default false
 * @param since start from this position on the first subscribe (one saved earlier), or null
 */
public record SubscribeOptions(
    String token,
    Function<String, String> tokenSupplier,
    boolean recover,
    boolean joinLeave,
    StreamPosition since) {

  /** No token, recover, no join/leave, no starting position. */
  public static SubscribeOptions defaults() {
    return new SubscribeOptions(null, null, true, false, null);
  }

  public SubscribeOptions withToken(String t) {
    return new SubscribeOptions(t, tokenSupplier, recover, joinLeave, since);
  }

  public SubscribeOptions withTokenSupplier(Function<String, String> s) {
    return new SubscribeOptions(token, s, recover, joinLeave, since);
  }

  public SubscribeOptions withRecover(boolean r) {
    return new SubscribeOptions(token, tokenSupplier, r, joinLeave, since);
  }

  public SubscribeOptions withJoinLeave(boolean j) {
    return new SubscribeOptions(token, tokenSupplier, recover, j, since);
  }

  public SubscribeOptions withSince(StreamPosition p) {
    return new SubscribeOptions(token, tokenSupplier, recover, joinLeave, p);
  }
}
