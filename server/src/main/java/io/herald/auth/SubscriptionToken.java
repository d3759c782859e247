package io.herald.auth;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The verified claims of a subscription token (the token a client presents to subscribe to a
 * private, {@code $}-prefixed channel). Checking that {@code channel} is the channel being
 * subscribed to is the caller's job.
 *
 * <p>Instances are immutable and thread-safe, provided nobody writes into the {@code info} array
 * (it is shared, not copied, on each access; treat it as read-only).
 *
 * @param user the {@code sub} claim; {@code ""} when it is absent or empty; never null
 * @param channel the {@code channel} claim; never null or empty
 * @param expiresAt the {@code exp} claim; null when the token does not expire
 * @param info the raw JSON (UTF-8) of the {@code info} claim, any JSON value; null when absent or
 *     JSON {@code null}
 */
public record SubscriptionToken(String user, String channel, Instant expiresAt, byte[] info) {

  /** Normalizes a null {@code user} to {@code ""}; requires a non-null {@code channel}. */
  public SubscriptionToken {
    user = user == null ? "" : user;
    Objects.requireNonNull(channel, "channel");
  }

  /** Compares all components, {@code info} by content. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SubscriptionToken t
        && user.equals(t.user)
        && channel.equals(t.channel)
        && Objects.equals(expiresAt, t.expiresAt)
        && Arrays.equals(info, t.info);
  }

  /** Hashes all components, {@code info} by content. */
  @Override
  public int hashCode() {
    return Objects.hash(user, channel, expiresAt, Arrays.hashCode(info));
  }

  /** Shows {@code info} as text rather than as an array reference. */
  @Override
  public String toString() {
    return "SubscriptionToken[user=" + user + ", channel=" + channel + ", expiresAt=" + expiresAt
        + ", info=" + InfoText.of(info) + "]";
  }
}
