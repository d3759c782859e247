package io.herald.node.protocol;

/**
 * Why the server ended a subscription (server-side {@code unsubscribe} notification). Codes
 * 2000-2499 mean stay unsubscribed, 2500-2999 mean subscribe again (with recovery).
 *
 * @param code unsubscribe code
 * @param reason short human-readable reason
 */
public record Unsubscribe(int code, String reason) {

  public static final Unsubscribe SERVER = new Unsubscribe(2000, "server unsubscribe");
  public static final Unsubscribe INSUFFICIENT_STATE = new Unsubscribe(2500, "insufficient state");
  /** The subscription token's {@code exp} (plus {@code client.expiryGrace}) passed. */
  public static final Unsubscribe TOKEN_EXPIRED = new Unsubscribe(2501, "subscription expired");
}
