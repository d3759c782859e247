package io.herald.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * The checks every token's registered claims must pass once its signature is valid: {@code iss}
 * and {@code aud} (only when configured), then the time claims {@code nbf}, {@code iat} and
 * {@code exp}, each with a clock-skew leeway ({@code token.leeway}).
 *
 * <p>The time claims are checked last and are refused as {@link TokenException.Reason#EXPIRED}:
 * a token that is not valid yet ({@code nbf} or {@code iat} more than the leeway ahead, an issuer
 * whose clock runs fast) or no longer ({@code exp} more than the leeway behind) is "fetch a fresh
 * token and try again", never "do not reconnect". Everything else is {@code INVALID}.
 *
 * <p>Immutable and thread-safe.
 */
final class ClaimRules {

  private final String audience;
  private final String issuer;
  private final Duration leeway;

  /**
   * @param audience required member of {@code aud}; null or blank to skip the check
   * @param issuer required value of {@code iss}; null or blank to skip the check
   * @param leeway clock-skew allowance for the time claims; null or negative: none
   */
  ClaimRules(String audience, String issuer, Duration leeway) {
    this.audience = StaticKeys.isSet(audience) ? audience : null;
    this.issuer = StaticKeys.isSet(issuer) ? issuer : null;
    this.leeway = leeway == null || leeway.isNegative() ? Duration.ZERO : leeway;
  }

  /**
   * Checks the registered claims at time {@code now}.
   *
   * @return the {@code exp} claim, or null when the token does not expire
   * @throws TokenException EXPIRED when a time claim refuses the token and all else passes;
   *     INVALID otherwise
   */
  Instant check(ClaimsReader claims, Instant now) throws TokenException {
    if (issuer != null && !issuer.equals(claims.string("iss"))) {
      throw TokenException.invalid("token issuer does not match");
    }
    if (audience != null && !claims.audience().contains(audience)) {
      throw TokenException.invalid("token audience does not match");
    }
    Instant notBefore = claims.numericDate("nbf");
    Instant issuedAt = claims.numericDate("iat");
    Instant expiresAt = claims.numericDate("exp");
    Instant latest = now.plus(leeway);
    if (notBefore != null && notBefore.isAfter(latest)) {
      throw new TokenException(TokenException.Reason.EXPIRED, "token is not valid yet (nbf)");
    }
    if (issuedAt != null && issuedAt.isAfter(latest)) {
      throw new TokenException(
          TokenException.Reason.EXPIRED, "token is issued in the future (iat)");
    }
    if (expiresAt != null && !expiresAt.isAfter(now.minus(leeway))) {
      throw new TokenException(TokenException.Reason.EXPIRED, "token has expired");
    }
    return expiresAt;
  }
}
