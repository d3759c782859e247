package io.herald.auth;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The verified claims of a connection token.
 *
 * <p>Instances are immutable and thread-safe, provided nobody writes into the {@code info} array
 * (it is shared, not copied, on each access; treat it as read-only).
 *
 * @param user the {@code sub} claim; {@code ""} when it is absent or empty (an anonymous user);
 *     never null
 * @param expiresAt the {@code exp} claim; null when the token does not expire
 * @param info the raw JSON (UTF-8) of the {@code info} claim, any JSON value; null when absent or
 *     JSON {@code null}
 * @param channels the {@code channels} claim: channels the server subscribes the connection to;
 *     empty when absent; never null, unmodifiable
 */
public record ConnectionToken(String user, Instant expiresAt, byte[] info, List<String> channels) {

  /** Normalizes a null {@code user} to {@code ""} and a null {@code channels} to an empty list. */
  public ConnectionToken {
    user = user == null ? "" : user;
    channels = channels == null ? List.of() : List.copyOf(channels);
  }

  /** Compares all components, {@code info} by content. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ConnectionToken t
        && user.equals(t.user)
        && Objects.equals(expiresAt, t.expiresAt)
        && Arrays.equals(info, t.info)
        && channels.equals(t.channels);
  }

  /** Hashes all components, {@code info} by content. */
  @Override
  public int hashCode() {
    return Objects.hash(user, expiresAt, Arrays.hashCode(info), channels);
  }

  /** Shows {@code info} as text rather than as an array reference. */
  @Override
  public String toString() {
    return "ConnectionToken[user=" + user + ", expiresAt=" + expiresAt + ", info="
        + InfoText.of(info) + ", channels=" + channels + "]";
  }
}
