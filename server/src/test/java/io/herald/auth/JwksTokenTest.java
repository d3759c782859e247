package io.herald.auth;

import static io.herald.auth.TestTokens.NOW;
import static io.herald.auth.TestTokens.NOW_S;
import static io.herald.auth.TestTokens.accepted;
import static io.herald.auth.TestTokens.assertInvalid;
import static io.herald.auth.TestTokens.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.herald.config.TokenConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwksTokenTest {

  private static final String CLAIMS = "{\"sub\":\"9\",\"exp\":" + (NOW_S + 86400) + "}";

  private static KeyPair rsa1;
  private static KeyPair rsa2;
  private static KeyPair ec;

  private final MutableClock clock = new MutableClock(NOW);
  private final AtomicInteger hits = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<TokenVerifier> verifiers = new ArrayList<>();
  private ExecutorService serverThreads;
  private HttpServer server;
  private volatile String body;
  private volatile int status = 200;
  private volatile boolean hang;

  @BeforeAll
  static void generateKeys() {
    rsa1 = TestTokens.rsaKeyPair();
    rsa2 = TestTokens.rsaKeyPair();
    ec = TestTokens.ecKeyPair("secp256r1");
  }

  @BeforeEach
  void startServer() throws IOException {
    serve(rsaJwk(rsa1, "k1"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/jwks", this::handle);
    serverThreads = Executors.newCachedThreadPool();
    server.setExecutor(serverThreads);
    server.start();
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    verifiers.forEach(TokenVerifier::close);
    server.stop(0);
    serverThreads.shutdownNow();
  }

  @Test
  void verifiesTokenWhoseKidIsInTheSet() {
    ConnectionToken claims = accepted(verifier().verifyConnection(rs(rsa1, "k1")));

    assertThat(claims.user()).isEqualTo("9");
    assertThat(hits).hasValue(1);
  }

  @Test
  void verifiesEcKeysFromTheSet() {
    serve(new ECKey.Builder(Curve.P_256, (ECPublicKey) ec.getPublic()).keyID("e1").build());
    String token = TestTokens.sign(JWSAlgorithm.ES256,
        signer(() -> new ECDSASigner((ECPrivateKey) ec.getPrivate())), "e1", CLAIMS);

    assertThat(accepted(verifier().verifyConnection(token)).user()).isEqualTo("9");
  }

  @Test
  void fetchesOnceForManyVerifications() {
    TokenVerifier verifier = verifier();
    String token = rs(rsa1, "k1");
    List<CompletionStage<ConnectionToken>> first = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      first.add(verifier.verifyConnection(token));
    }
    first.forEach(TestTokens::accepted);

    for (int i = 0; i < 50; i++) {
      CompletionStage<ConnectionToken> cached = verifier.verifyConnection(token);
      assertThat(cached.toCompletableFuture()).as("cached keys complete inline").isDone();
      accepted(cached);
    }
    clock.advance(Duration.ofMinutes(4));
    accepted(verifier.verifyConnection(token));

    assertThat(hits).hasValue(1);
  }

  @Test
  void refetchesAfterTheCacheTtl() {
    TokenVerifier verifier = verifier();
    accepted(verifier.verifyConnection(rs(rsa1, "k1")));

    clock.advance(TokenConfig.DEFAULT_JWKS_CACHE_TTL);
    accepted(verifier.verifyConnection(rs(rsa1, "k1")));

    assertThat(hits).hasValue(2);
  }

  @Test
  void unknownKidIsInvalidAndRefetchesAtMostOncePerInterval() {
    TokenVerifier verifier = verifier();
    assertInvalid(verifier.verifyConnection(rs(rsa1, "ghost")),
        "token signing key is unknown (kid)");
    assertThat(hits).hasValue(1);

    for (int i = 0; i < 20; i++) {
      assertInvalid(verifier.verifyConnection(rs(rsa1, "ghost-" + i)), "unknown");
    }
    assertThat(hits).as("rate-limited").hasValue(1);

    clock.advance(JwksKeyCache.MIN_REFETCH_INTERVAL);
    assertInvalid(verifier.verifyConnection(rs(rsa1, "ghost")), "unknown");
    assertInvalid(verifier.verifyConnection(rs(rsa1, "ghost")), "unknown");
    assertThat(hits).hasValue(2);
  }

  @Test
  void followsKeyRotation() {
    TokenVerifier verifier = verifier();
    accepted(verifier.verifyConnection(rs(rsa1, "k1")));
    serve(rsaJwk(rsa2, "k2"));

    clock.advance(Duration.ofSeconds(11));
    ConnectionToken rotated = accepted(verifier.verifyConnection(rs(rsa2, "k2")));

    assertThat(rotated.user()).isEqualTo("9");
    assertThat(hits).hasValue(2);
    assertInvalid(verifier.verifyConnection(rs(rsa1, "k1")), "unknown");
    assertThat(hits).hasValue(2);
  }

  @Test
  void refusesWrongSignatureForAKnownKid() {
    assertInvalid(verifier().verifyConnection(rs(rsa2, "k1")), "token signature is invalid");
  }

  @Test
  void refusesAlgorithmOtherThanTheKeysAlg() {
    serve(new RSAKey.Builder((RSAPublicKey) rsa1.getPublic()).keyID("k1")
        .algorithm(JWSAlgorithm.RS256).build());
    String rs512 = TestTokens.sign(JWSAlgorithm.RS512,
        signer(() -> new RSASSASigner(rsa1.getPrivate())), "k1", CLAIMS);

    assertInvalid(verifier().verifyConnection(rs512),
        "token algorithm RS512 does not match its signing key");
  }

  @Test
  void unknownKidFallsBackToTheConfiguredKey(@TempDir Path dir) throws IOException {
    Path pem = TestTokens.writePem(dir.resolve("rsa.pem"), "PUBLIC KEY", rsa2.getPublic());
    TokenVerifier verifier = track(TokenVerifier.create(new TokenConfig(null, pem.toString(), null,
        url(), TokenConfig.DEFAULT_JWKS_CACHE_TTL, null, null), clock));

    accepted(verifier.verifyConnection(rs(rsa2, "local")));
    accepted(verifier.verifyConnection(rs(rsa1, "k1")));
    assertInvalid(verifier.verifyConnection(rs(rsa1, "local")), "token signature is invalid");
  }

  @Test
  void tokenWithoutKidDoesNotUseTheSet() {
    String noKid = TestTokens.sign(JWSAlgorithm.RS256,
        signer(() -> new RSASSASigner(rsa1.getPrivate())), null, CLAIMS);

    assertInvalid(verifier().verifyConnection(noKid), "no key is configured");
    assertThat(hits).hasValue(0);
  }

  @Test
  void serverDownIsInvalidWithinTheTimeout() {
    String deadUrl = url();
    server.stop(0);
    long start = System.nanoTime();

    assertUnavailable(
        verifier(deadUrl, JwksKeyCache.FETCH_TIMEOUT).verifyConnection(rs(rsa1, "k1")));
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(JwksKeyCache.FETCH_TIMEOUT.plusSeconds(1));
  }

  @Test
  void hangingServerIsInvalidAfterTheTimeout() {
    hang = true;
    long start = System.nanoTime();

    assertUnavailable(verifier(url(), Duration.ofMillis(300)).verifyConnection(rs(rsa1, "k1")));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void errorStatusAndNonJwksBodiesAreInvalid() {
    status = 500;
    TokenVerifier verifier = verifier();
    assertUnavailable(verifier.verifyConnection(rs(rsa1, "k1")));

    status = 200;
    body = "<html>not keys</html>";
    clock.advance(JwksKeyCache.RETRY_INTERVAL);
    assertUnavailable(verifier.verifyConnection(rs(rsa1, "k1")));

    serve(rsaJwk(rsa1, "k1"));
    clock.advance(JwksKeyCache.RETRY_INTERVAL);
    accepted(verifier.verifyConnection(rs(rsa1, "k1")));
    assertThat(hits).hasValue(3);
  }

  @Test
  void failedFetchesBackOffWhateverTheNumberOfTokens() {
    status = 500;
    TokenVerifier verifier = verifier();
    for (int i = 0; i < 100; i++) {
      assertUnavailable(verifier.verifyConnection(rs(rsa1, "k1")));
    }
    assertThat(hits).as("one fetch per retry interval").hasValue(1);

    clock.advance(JwksKeyCache.RETRY_INTERVAL.minusSeconds(1));
    assertUnavailable(verifier.verifyConnection(rs(rsa1, "k1")));
    assertThat(hits).hasValue(1);

    clock.advance(Duration.ofSeconds(1));
    status = 200;
    accepted(verifier.verifyConnection(rs(rsa1, "k1")));
    assertThat(hits).hasValue(2);
  }

  @Test
  void keysKeepWorkingDuringAnOutageUntilTheMaxStaleness() {
    TokenVerifier verifier = verifier();
    accepted(verifier.verifyConnection(rs(rsa1, "k1")));
    status = 500;

    clock.advance(TokenConfig.DEFAULT_JWKS_CACHE_TTL);
    accepted(verifier.verifyConnection(rs(rsa1, "k1")));
    assertThat(hits).as("tried to refresh the set").hasValue(2);
    assertUnavailable(verifier.verifyConnection(rs(rsa1, "k2")));

    clock.advance(TokenConfig.DEFAULT_JWKS_MAX_STALE.minusSeconds(1));
    accepted(verifier.verifyConnection(rs(rsa1, "k1")));

    clock.advance(Duration.ofSeconds(1));
    assertUnavailable(verifier.verifyConnection(rs(rsa1, "k1")));
  }

  @Test
  void zeroMaxStalenessRefusesAsSoonAsTheSetIsOld() {
    TokenVerifier verifier = track(TokenVerifier.create(
        TestTokens.config(null, null, null, url()).withJwksMaxStale(Duration.ZERO), clock));
    accepted(verifier.verifyConnection(rs(rsa1, "k1")));
    status = 500;

    clock.advance(TokenConfig.DEFAULT_JWKS_CACHE_TTL);
    assertUnavailable(verifier.verifyConnection(rs(rsa1, "k1")));
  }

  @Test
  void closedVerifierRefusesTokensThatNeedAFetch() {
    TokenVerifier verifier = verifier();
    verifier.close();

    assertUnavailable(verifier.verifyConnection(rs(rsa1, "k1")));
  }

  @Test
  void closeFailsAFetchInFlight() {
    hang = true;
    TokenVerifier verifier = verifier();
    CompletionStage<ConnectionToken> pending = verifier.verifyConnection(rs(rsa1, "k1"));
    await().until(() -> hits.get() == 1);

    verifier.close();

    assertThat(pending.toCompletableFuture()).isDone();
    assertUnavailable(pending);
  }

  @Test
  void refusesBadJwksConfig() {
    assertThatThrownBy(() -> TokenVerifier.create(
            TestTokens.config(null, null, null, "ftp://keys.example/jwks"), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("token.jwksUrl: must be an http:// or https:// URL");
    assertThatThrownBy(() -> TokenVerifier.create(
            new TokenConfig(null, null, null, url(), Duration.ZERO, null, null), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("token.jwksCacheTtl: must be positive");
  }

  private void handle(HttpExchange exchange) throws IOException {
    hits.incrementAndGet();
    if (hang) {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void serve(JWK... keys) {
    body = new JWKSet(List.of(keys)).toString();
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
  }

  private TokenVerifier verifier() {
    return verifier(url(), JwksKeyCache.FETCH_TIMEOUT);
  }

  private TokenVerifier verifier(String url, Duration timeout) {
    return track(TokenVerifier.create(TestTokens.config(null, null, null, url), clock, timeout));
  }

  private TokenVerifier track(TokenVerifier verifier) {
    verifiers.add(verifier);
    return verifier;
  }

  private static RSAKey rsaJwk(KeyPair pair, String kid) {
    return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(kid).build();
  }

  private static String rs(KeyPair pair, String kid) {
    return TestTokens.sign(JWSAlgorithm.RS256, signer(() -> new RSASSASigner(pair.getPrivate())),
        kid, CLAIMS);
  }

  private interface SignerFactory {
    JWSSigner create() throws Exception;
  }

  private static JWSSigner signer(SignerFactory factory) {
    try {
      return factory.create();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
