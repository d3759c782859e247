package io.herald.auth;

import java.util.Objects;

/**
 * Why a token was refused.
 *
 * <p>{@link Reason#EXPIRED} is used only for a token whose signature is valid, whose other claims
 * pass, and whose time claims refuse it beyond the leeway ({@code exp} passed, {@code nbf} or
 * {@code iat} in the future): the client may fetch a fresh token and try again. {@link
 * Reason#UNAVAILABLE} means the token could not be checked because the signing keys could not be
 * fetched and no usable copy is kept: the same token may pass later. Everything else (bad
 * signature, malformed token, unsupported algorithm, an algorithm with no configured key, wrong
 * {@code aud} or {@code iss}, claims of the wrong JSON type, a subscription token offered as a
 * connection token) is {@link Reason#INVALID}.
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
    /** The token was valid but a time claim refuses it now; a fresh token may be accepted. */
    EXPIRED,
    /** The signing keys could not be fetched; the token may be accepted later. */
    UNAVAILABLE
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
