package io.herald.config;

import java.time.Duration;

/**
 * How tokens (JWT) are verified. Any combination of key sources may be set; a token is checked
 * against the one its {@code alg} header calls for (HS* with {@code hmacSecret}, RS* with
 * {@code rsaPublicKey}, ES* with {@code ecdsaPublicKey}, any with a {@code kid} found at
 * {@code jwksUrl}).
 *
 * @param hmacSecret shared secret for HS256/384/512; null when unused
 * @param rsaPublicKey path of a PEM file with an RSA public key; null when unused
 * @param ecdsaPublicKey path of a PEM file with an EC public key (P-256/384/521); null when unused
 * @param jwksUrl URL of a JSON Web Key Set; keys are selected by {@code kid}; null when unused
 * @param jwksCacheTtl how long fetched JWKS keys are kept before they are fetched again;
 *     default 5 minutes
 * @param audience when set, the token's {@code aud} must contain it
 * @param issuer when set, the token's {@code iss} must equal it
 * @param jwksMaxStale how long keys fetched from {@code jwksUrl} keep verifying tokens after
 *     {@code jwksCacheTtl} while the set cannot be fetched again; zero: not at all; default 1 hour
 * @param leeway clock-skew allowance for {@code nbf}, {@code iat} and {@code exp}: a token is
 *     accepted until {@code exp + leeway} and from {@code nbf - leeway}; default 5 seconds
 */
public record TokenConfig(
    String hmacSecret,
    String rsaPublicKey,
    String ecdsaPublicKey,
    String jwksUrl,
    Duration jwksCacheTtl,
    String audience,
    String issuer,
    Duration jwksMaxStale,
    Duration leeway) {

  /** Default {@link #jwksCacheTtl()}. */
  public static final Duration DEFAULT_JWKS_CACHE_TTL = Duration.ofMinutes(5);

  /** Default {@link #jwksMaxStale()}. */
  public static final Duration DEFAULT_JWKS_MAX_STALE = Duration.ofHours(1);

  /** Default {@link #leeway()}. */
  public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(5);

  /** A config with {@link #jwksMaxStale()} and {@link #leeway()} at their defaults. */
  public TokenConfig(String hmacSecret, String rsaPublicKey, String ecdsaPublicKey,
      String jwksUrl, Duration jwksCacheTtl, String audience, String issuer) {
    this(hmacSecret, rsaPublicKey, ecdsaPublicKey, jwksUrl, jwksCacheTtl, audience, issuer,
        DEFAULT_JWKS_MAX_STALE, DEFAULT_LEEWAY);
  }

  /** No key source at all: every token is refused. */
  public static TokenConfig none() {
    return new TokenConfig(null, null, null, null, DEFAULT_JWKS_CACHE_TTL, null, null);
  }

  /** A copy with {@link #leeway()} set to {@code value}. */
  public TokenConfig withLeeway(Duration value) {
    return new TokenConfig(hmacSecret, rsaPublicKey, ecdsaPublicKey, jwksUrl, jwksCacheTtl,
        audience, issuer, jwksMaxStale, value);
  }

  /** A copy with {@link #jwksMaxStale()} set to {@code value}. */
  public TokenConfig withJwksMaxStale(Duration value) {
    return new TokenConfig(hmacSecret, rsaPublicKey, ecdsaPublicKey, jwksUrl, jwksCacheTtl,
        audience, issuer, value, leeway);
  }

  /** True when at least one key source is configured. */
  public boolean anyKey() {
    return hmacSecret != null || rsaPublicKey != null || ecdsaPublicKey != null || jwksUrl != null;
  }
}
