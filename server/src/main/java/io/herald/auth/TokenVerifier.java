package io.herald.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import io.herald.config.TokenConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies connection and subscription JWTs (compact JWS).
 *
 * <p>Accepted algorithms: HS256/384/512 with {@code token.hmacSecret}; RS256/384/512 and
 * PS256/384/512 with {@code token.rsaPublicKey}; ES256/384/512 with {@code token.ecdsaPublicKey}.
 * {@code alg: none}, encrypted tokens and every other algorithm are refused. When {@code
 * token.jwksUrl} is set and the token's header has a {@code kid}, the key comes from the key set;
 * if the set has no such key, the configured key for the token's algorithm is used, if any. Then
 * {@code iss} and {@code aud} are checked when configured, {@code nbf} and {@code iat} must not be
 * in the future and {@code exp} must be after now, all on the injected clock with {@code
 * token.leeway} of allowance. A token with a {@code channel} claim is a subscription token and is
 * never accepted as a connection token. See {@link TokenException} for how refusals are
 * classified; a token refused only because the key set could not be fetched (and no kept copy
 * within {@code token.jwksMaxStale} has its key) is {@link TokenException.Reason#UNAVAILABLE}.
 *
 * <p>The common token (HS*, a header of {@code alg}, {@code typ}, {@code kid} only, signed with
 * {@code token.hmacSecret}) has its signature checked by {@link HmacFastPath}; every other token,
 * and every token that path does not accept, goes through the JOSE library as before.
 *
 * <p>Thread-safe. The {@code verify*} methods never block the calling thread (a Netty event loop):
 * with configured keys, or with JWKS keys already cached, the returned stage is already complete;
 * when a key set must be fetched, it completes later on one of this verifier's JWKS threads, so
 * callers that care about their thread should continue with an {@code *Async} method and their
 * executor. The stage never completes exceptionally with anything but a {@link TokenException}.
 */
public final class TokenVerifier {

  private static final Logger log = LoggerFactory.getLogger(TokenVerifier.class);

  private final StaticKeys staticKeys;
  private final JwksKeyCache jwks;
  private final ClaimRules rules;
  private final Clock clock;
  private final RevokedUsers revoked;
  private final HmacFastPath hmacFast;

  private TokenVerifier(StaticKeys staticKeys, JwksKeyCache jwks, ClaimRules rules, Clock clock,
      RevokedUsers revoked, HmacFastPath hmacFast) {
    this.staticKeys = staticKeys;
    this.jwks = jwks;
    this.rules = rules;
    this.clock = clock;
    this.revoked = revoked;
    this.hmacFast = hmacFast;
  }

  /**
   * Creates a verifier for {@code config}, reading its PEM files now.
   *
   * @param config key sources and claim requirements; with no key source every token is refused
   * @param clock the time source for {@code exp}, {@code nbf}, {@code iat} and the JWKS cache
   * @return a verifier; {@link #close()} it to stop its JWKS threads
   * @throws IllegalArgumentException naming the config key ({@code "token.rsaPublicKey: ..."}) when
   *     a file is missing or holds no key of that type, the HMAC secret is shorter than 256 bits,
   *     the JWKS URL is not an http(s) URL, or the JWKS cache TTL is not positive
   */
  public static TokenVerifier create(TokenConfig config, Clock clock) {
    return create(config, clock, new RevokedUsers());
  }

  /**
   * As {@link #create(TokenConfig, Clock)}, refusing connection tokens of the users in {@code
   * revoked} (INVALID, "token has been revoked").
   */
  public static TokenVerifier create(TokenConfig config, Clock clock, RevokedUsers revoked) {
    return create(config, clock, JwksKeyCache.FETCH_TIMEOUT, revoked);
  }

  /** As {@link #create(TokenConfig, Clock)} with a given JWKS fetch timeout (tests). */
  static TokenVerifier create(TokenConfig config, Clock clock, Duration fetchTimeout) {
    return create(config, clock, fetchTimeout, new RevokedUsers());
  }

  private static TokenVerifier create(
      TokenConfig config, Clock clock, Duration fetchTimeout, RevokedUsers revoked) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    StaticKeys keys = StaticKeys.from(config);
    ClaimRules rules = new ClaimRules(config.audience(), config.issuer(), config.leeway());
    JwksKeyCache jwks = null;
    if (StaticKeys.isSet(config.jwksUrl())) {
      Duration ttl = config.jwksCacheTtl() == null
          ? TokenConfig.DEFAULT_JWKS_CACHE_TTL : config.jwksCacheTtl();
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("token.jwksCacheTtl: must be positive, got " + ttl);
      }
      JwksFetcher fetcher = new JwksFetcher(JwksFetcher.parseUrl(config.jwksUrl()), fetchTimeout);
      jwks = new JwksKeyCache(fetcher, ttl, config.jwksMaxStale(), clock);
    }
    HmacFastPath fast = keys.hmac() == null ? null
        : new HmacFastPath(StaticKeys.secretBytes(config.hmacSecret()), keys.hmac(), jwks != null);
    return new TokenVerifier(keys, jwks, rules, clock, Objects.requireNonNull(revoked), fast);
  }

  /**
   * Verifies a connection token.
   *
   * @param jwt the compact token; null or empty is refused
   * @return a stage completing with the claims, or exceptionally with a {@link TokenException}
   */
  public CompletionStage<ConnectionToken> verifyConnection(String jwt) {
    return verify(jwt, (claims, expiresAt) -> {
      if (claims.string("channel") != null) {
        throw TokenException.invalid("a subscription token is not a connection token");
      }
      String user = subject(claims);
      if (revoked.revoked(user, clock.instant())) {
        throw TokenException.invalid("token has been revoked");
      }
      return new ConnectionToken(
          user, expiresAt, claims.rawJson("info"), claims.stringList("channels"));
    });
  }

  /**
   * Verifies a subscription token; it must carry a non-empty {@code channel} claim.
   *
   * @param jwt the compact token; null or empty is refused
   * @return a stage completing with the claims, or exceptionally with a {@link TokenException}
   */
  public CompletionStage<SubscriptionToken> verifySubscription(String jwt) {
    return verify(jwt, (claims, expiresAt) -> {
      String channel = claims.string("channel");
      if (channel == null || channel.isEmpty()) {
        throw TokenException.invalid("token has no channel claim");
      }
      return new SubscriptionToken(subject(claims), channel, expiresAt, claims.rawJson("info"));
    });
  }

  /** Stops the JWKS threads, if any. Tokens that then need a fetch are refused. Idempotent. */
  public void close() {
    if (jwks != null) {
      jwks.close();
    }
  }

  /** Builds the result from claims that passed every check. */
  private interface Extractor<T> {
    T extract(ClaimsReader claims, Instant expiresAt) throws TokenException;
  }

  private <T> CompletionStage<T> verify(String jwt, Extractor<T> extractor) {
    byte[] payload = hmacFast == null ? null : hmacFast.verifiedPayload(jwt);
    if (payload != null) {
      return settle(() -> claims(payload, extractor));
    }
    JWSObject jws;
    try {
      jws = CompactTokens.parse(jwt);
    } catch (TokenException e) {
      return CompletableFuture.failedFuture(e);
    }
    JWSAlgorithm alg = jws.getHeader().getAlgorithm();
    String kid = jws.getHeader().getKeyID();
    if (jwks == null || kid == null || kid.isEmpty()) {
      return settle(() -> finish(jws, staticKeys.verifierFor(alg), extractor));
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    jwks.find(kid).whenComplete((key, error) -> settleInto(result, () -> {
      if (error != null) {
        throw new TokenException(TokenException.Reason.UNAVAILABLE,
            "could not fetch signing keys; try again later");
      }
      if (key == null) {
        JWSVerifier fallback = staticKeys.verifierFor(alg);
        if (fallback == null) {
          throw TokenException.invalid("token signing key is unknown (kid)");
        }
        return finish(jws, fallback, extractor);
      }
      if (key.algorithm() != null && !key.algorithm().equals(alg)) {
        throw TokenException.invalid("token algorithm " + alg.getName()
            + " does not match its signing key");
      }
      return finish(jws, key.verifier(), extractor);
    }));
    return result;
  }

  private <T> T finish(JWSObject jws, JWSVerifier verifier, Extractor<T> extractor)
      throws TokenException {
    CompactTokens.verifySignature(jws, verifier);
    return claims(jws.getPayload().toBytes(), extractor);
  }

  /** The checks after a valid signature, the same on both paths. */
  private <T> T claims(byte[] payload, Extractor<T> extractor) throws TokenException {
    ClaimsReader claims = ClaimsReader.parse(payload);
    Instant expiresAt = rules.check(claims, clock.instant());
    return extractor.extract(claims, expiresAt);
  }

  private static String subject(ClaimsReader claims) throws TokenException {
    String sub = claims.string("sub");
    return sub == null ? "" : sub;
  }

  /** One verification step that may refuse the token. */
  private interface Step<T> {
    T run() throws TokenException;
  }

  private static <T> CompletableFuture<T> settle(Step<T> step) {
    CompletableFuture<T> result = new CompletableFuture<>();
    settleInto(result, step);
    return result;
  }

  /** Completes {@code result} from {@code step}; any unexpected failure refuses the token. */
  private static <T> void settleInto(CompletableFuture<T> result, Step<T> step) {
    try {
      result.complete(step.run());
    } catch (TokenException e) {
      result.completeExceptionally(e);
    } catch (RuntimeException e) {
      log.debug("Token refused on an unexpected error", e);
      result.completeExceptionally(TokenException.invalid("token is malformed"));
    }
  }
}
