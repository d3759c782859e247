package io.herald.auth;

import io.herald.util.Completions;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.herald.config.SafeUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a JSON Web Key Set over HTTP(S) and turns it into verifiers by {@code kid}.
 *
 * <p>One fetch (connect, response and body) is bounded by the timeout. Only RSA and EC keys that
 * have a {@code kid} and are not marked {@code "use": "enc"} are kept; others are skipped (logged
 * at debug). The response body is not size-limited: the URL is trusted configuration.
 *
 * <p>Thread-safe. Fetches run on the fetcher's own pool of two daemon threads (idle threads end
 * after 30 s), and the returned stages complete there, on success and on failure alike.
 */
final class JwksFetcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JwksFetcher.class);
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final URI uri;
  private final Duration timeout;
  private final ThreadPoolExecutor executor;
  private final HttpClient http;

  JwksFetcher(URI uri, Duration timeout) {
    this.uri = uri;
    this.timeout = timeout;
    int pool = POOLS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        task -> {
          Thread thread = new Thread(task, "herald-jwks-" + pool + "-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    executor.allowCoreThreadTimeOut(true);
    this.http = HttpClient.newBuilder()
        .executor(executor)
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /**
   * Checks the configured {@code token.jwksUrl}.
   *
   * @throws IllegalArgumentException naming the key unless it is an absolute http(s) URL
   */
  static URI parseUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "token.jwksUrl: must be an http:// or https:// URL, got '" + SafeUrl.of(url) + "'");
  }

  URI uri() {
    return uri;
  }

  /** The URL without credentials, for logs. */
  String safeUri() {
    return SafeUrl.of(uri);
  }

  Duration timeout() {
    return timeout;
  }

  /** Starts a fetch; the stage completes with the usable keys by id, or exceptionally. */
  CompletableFuture<Map<String, JwksKey>> fetch() {
    try {
      HttpRequest request = HttpRequest.newBuilder(uri)
          .timeout(timeout)
          .header("Accept", "application/json")
          .GET()
          .build();
      return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
          .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
          // handleAsync, not thenApplyAsync: failures too must move to our threads, else they
          // would complete the lookups on the HttpClient's or the JDK's timer threads.
          .handleAsync(this::toKeys, executor);
    } catch (RuntimeException e) { // closed client or executor
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Stops the threads and the HTTP client. A fetch in flight may then never complete. */
  @Override
  public void close() {
    http.shutdownNow();
    executor.shutdownNow();
  }

  private Map<String, JwksKey> toKeys(HttpResponse<String> response, Throwable error) {
    if (error != null) {
      throw Completions.wrap(error);
    }
    if (response.statusCode() != 200) {
      throw new JwksException("HTTP status " + response.statusCode());
    }
    JWKSet set;
    try {
      set = JWKSet.parse(response.body());
    } catch (ParseException e) {
      throw new JwksException("not a JSON Web Key Set: " + e.getMessage());
    }
    Map<String, JwksKey> keys = new HashMap<>();
    for (JWK jwk : set.getKeys()) {
      JwksKey key = toKey(jwk);
      if (key != null) {
        keys.put(jwk.getKeyID(), key);
      }
    }
    log.debug("Fetched {} usable keys of {} from {}", keys.size(), set.getKeys().size(),
        safeUri());
    return Map.copyOf(keys);
  }

  private static JwksKey toKey(JWK jwk) {
    if (jwk.getKeyID() == null || KeyUse.ENCRYPTION.equals(jwk.getKeyUse())) {
      return null;
    }
    JWSAlgorithm alg = jwk.getAlgorithm() == null
        ? null : JWSAlgorithm.parse(jwk.getAlgorithm().getName());
    try {
      if (jwk instanceof RSAKey rsa) {
        return new JwksKey(new RSASSAVerifier(rsa.toRSAPublicKey()), alg);
      }
      if (jwk instanceof ECKey ec) {
        return new JwksKey(new ECDSAVerifier(ec.toECPublicKey()), alg);
      }
    } catch (JOSEException | RuntimeException e) {
      log.debug("Skipping JWKS key {}: {}", jwk.getKeyID(), e.toString());
    }
    return null;
  }

  /** A response that is not a usable key set. */
  private static final class JwksException extends RuntimeException {
    JwksException(String message) {
      super(message);
    }
  }
}
