package io.herald.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * The checks every token's registered claims must pass once its signature is valid: {@code iss}
 * and {@code aud} (only when configured), {@code nbf}, {@code iat}, then {@code exp}.
 *
 * <p>{@code exp} is checked last so that {@link TokenException.Reason#EXPIRED} is reported only
 * for a token that would otherwise be accepted: telling a client to fetch a fresh token helps only
 * then. There is no clock-skew allowance ({@link #MAX_CLOCK_SKEW}): the server's clock decides.
 *
 * <p>Immutable and thread-safe.
 */
final class ClaimRules {

  /** How far in the future {@code nbf} and {@code iat} may be; none. */
  static final Duration MAX_CLOCK_SKEW = Duration.ZERO;

  private final String audience;
  private final String issuer;

  /**
   * @param audience required member of {@code aud}; null or blank to skip the check
   * @param issuer required value of {@code iss}; null or blank to skip the check
   */
  ClaimRules(String audience, String issuer) {
    this.audience = StaticKeys.isSet(audience) ? audience : null;
    this.issuer = StaticKeys.isSet(issuer) ? issuer : null;
  }

  /**
   * Checks the registered claims at time {@code now}.
   *
   * @return the {@code exp} claim, or null when the token does not expire
   * @throws TokenException EXPIRED when {@code exp <= now} and all else passes; INVALID otherwise
   */
  Instant check(ClaimsReader claims, Instant now) throws TokenException {
    if (issuer != null && !issuer.equals(claims.string("iss"))) {
      throw TokenException.invalid("token issuer does not match");
    }
    if (audience != null && !claims.audience().contains(audience)) {
      throw TokenException.invalid("token audience does not match");
    }
    Instant latest = now.plus(MAX_CLOCK_SKEW);
    Instant notBefore = claims.numericDate("nbf");
    if (notBefore != null && notBefore.isAfter(latest)) {
      throw TokenException.invalid("token is not valid yet (nbf)");
    }
    Instant issuedAt = claims.numericDate("iat");
    if (issuedAt != null && issuedAt.isAfter(latest)) {
      throw TokenException.invalid("token is issued in the future (iat)");
    }
    Instant expiresAt = claims.numericDate("exp");
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw new TokenException(TokenException.Reason.EXPIRED, "token has expired");
    }
    return expiresAt;
  }
}
