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
 */
public record TokenConfig(
    String hmacSecret,
    String rsaPublicKey,
    String ecdsaPublicKey,
    String jwksUrl,
    Duration jwksCacheTtl,
    String audience,
    String issuer) {

  /** Default {@link #jwksCacheTtl()}. */
  public static final Duration DEFAULT_JWKS_CACHE_TTL = Duration.ofMinutes(5);

  /** No key source at all: every token is refused. */
  public static TokenConfig none() {
    return new TokenConfig(null, null, null, null, DEFAULT_JWKS_CACHE_TTL, null, null);
  }

  /** True when at least one key source is configured. */
  public boolean anyKey() {
    return hmacSecret != null || rsaPublicKey != null || ecdsaPublicKey != null || jwksUrl != null;
  }
}
