package io.herald.auth;

import java.util.Objects;

/**
 * Why a token was refused.
 *
 * <p>{@link Reason#EXPIRED} is used only for a token whose signature is valid, whose other claims
 * pass, and whose {@code exp} is at or before the current time: the client may fetch a fresh token
 * and try again. Everything else (bad signature, malformed token, unsupported algorithm, an
 * algorithm with no configured key, {@code nbf} or {@code iat} in the future, wrong {@code aud} or
 * {@code iss}, claims of the wrong JSON type, signing keys that could not be fetched) is {@link
 * Reason#INVALID}.
 *
 * <p>The {@linkplain #getMessage() message} is a short English sentence that is safe to send to a
 * client; it never contains key material or the token itself.
 *
 * <p>Instances carry no stack trace: refusals are ordinary, frequent outcomes (expired tokens,
 * hostile traffic) and filling in a stack trace for each would cost more than the check itself.
 * Instances are immutable and thread-safe.
 */
public final class TokenException extends Exception {

  /** The kind of refusal. */
  public enum Reason {
    /** The token can never be accepted as it is. */
    INVALID,
    /** The token was valid but its {@code exp} has passed; a fresh token may be accepted. */
    EXPIRED
  }

  /** Why the token was refused. */
  private final Reason reason;

  /**
   * Creates a refusal.
   *
   * @param reason why the token was refused
   * @param message a short explanation, safe to send to a client
   */
  public TokenException(Reason reason, String message) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Shorthand for an {@link Reason#INVALID} refusal with the given client-safe message. */
  static TokenException invalid(String message) {
    return new TokenException(Reason.INVALID, message);
  }

  /**
   * Why the token was refused.
   *
   * @return the reason; never null
   */
  public Reason reason() {
    return reason;
  }
}
