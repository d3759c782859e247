/**
 * Token (JWT) verification for connections and private-channel subscriptions.
 *
 * <p>{@link io.herald.auth.TokenVerifier} is the entry point: it checks a compact JWS against the
 * keys named in {@link io.herald.config.TokenConfig} (an HMAC secret, RSA and EC public keys read
 * from PEM files, and a JWKS URL) and turns its claims into a {@link
 * io.herald.auth.ConnectionToken} or a {@link io.herald.auth.SubscriptionToken}. Refusals are
 * {@link io.herald.auth.TokenException}s whose messages are safe to send to a client. {@link
 * io.herald.auth.TokenMinter} mints HS256 tokens for the CLI, dev mode and tests.
 *
 * <p>Everything else in the package is an implementation detail: {@code CompactTokens} parses a
 * token and checks its signature, {@code PemKeys} reads key files, {@code StaticKeys} holds the
 * configured keys, {@code JwksFetcher} fetches a key set and {@code JwksKeyCache} caches it by
 * {@code kid}, {@code ClaimsReader} and {@code ClaimRules} read and check the claims.
 */
package io.herald.auth;
