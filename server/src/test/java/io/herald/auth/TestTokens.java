package io.herald.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import io.herald.config.TokenConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Shared fixtures: a fixed "now", secrets, key generation, signing and outcome helpers. */
final class TestTokens {

  static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  static final long NOW_S = NOW.getEpochSecond();

  /** 64 bytes: long enough for HS512. */
  static final String SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  static final String OTHER_SECRET = new StringBuilder(SECRET).reverse().toString();

  private TestTokens() {}

  static TokenConfig config(String hmac, String rsa, String ec, String jwks) {
    return new TokenConfig(hmac, rsa, ec, jwks, TokenConfig.DEFAULT_JWKS_CACHE_TTL, null, null);
  }

  static TokenConfig hmacConfig() {
    return config(SECRET, null, null, null);
  }

  /** Signs {@code payloadJson} as-is (no claim processing), with an optional {@code kid}. */
  static String sign(JWSAlgorithm alg, JWSSigner signer, String kid, String payloadJson) {
    try {
      JWSObject jws = new JWSObject(new JWSHeader.Builder(alg).keyID(kid).build(),
          new Payload(payloadJson.getBytes(StandardCharsets.UTF_8)));
      jws.sign(signer);
      return jws.serialize();
    } catch (JOSEException e) {
      throw new AssertionError(e);
    }
  }

  static String hmac(JWSAlgorithm alg, String secret, String payloadJson) {
    try {
      return sign(alg, new MACSigner(secret.getBytes(StandardCharsets.UTF_8)), null, payloadJson);
    } catch (JOSEException e) {
      throw new AssertionError(e);
    }
  }

  static String hs256(String payloadJson) {
    return hmac(JWSAlgorithm.HS256, SECRET, payloadJson);
  }

  static String b64(String text) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static KeyPair ecKeyPair(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve));
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Writes a key's encoded form as a PEM block with the given label. */
  static Path writePem(Path file, String label, Key key) throws IOException {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(key.getEncoded());
    Files.writeString(file, "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label
        + "-----\n", StandardCharsets.US_ASCII);
    return file;
  }

  static <T> T accepted(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("token refused: " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  /** The refusal a stage completed with; fails on success or on any other exception type. */
  static TokenException refusal(CompletionStage<?> stage) {
    try {
      Object value = stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
      return fail("expected a refusal, got " + value);
    } catch (ExecutionException | CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(TokenException.class);
      return (TokenException) e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  static void assertInvalid(CompletionStage<?> stage, String messagePart) {
    TokenException e = refusal(stage);
    assertThat(e.reason()).isEqualTo(TokenException.Reason.INVALID);
    assertThat(e.getMessage()).contains(messagePart);
  }

  static void assertUnavailable(CompletionStage<?> stage) {
    TokenException e = refusal(stage);
    assertThat(e.reason()).isEqualTo(TokenException.Reason.UNAVAILABLE);
    assertThat(e.getMessage()).contains("could not fetch signing keys");
  }

  static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }
}
