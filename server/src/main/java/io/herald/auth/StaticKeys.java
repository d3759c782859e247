package io.herald.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import io.herald.config.TokenConfig;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.util.Set;

/**
 * The keys configured directly in {@link TokenConfig} (HMAC secret, RSA and EC PEM files), each
 * as a ready signature verifier, and the rule of which algorithms Herald accepts at all.
 *
 * <p>Built once at start, immutable, thread-safe: nimbus verifiers keep no per-call state.
 */
final class StaticKeys {

  /** HMAC algorithms, checked with {@code token.hmacSecret}. */
  static final Set<JWSAlgorithm> HMAC =
      Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

  /** RSA algorithms (PKCS#1 v1.5 and PSS), checked with {@code token.rsaPublicKey}. */
  static final Set<JWSAlgorithm> RSA = Set.of(
      JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

  /** ECDSA algorithms on the NIST curves, checked with {@code token.ecdsaPublicKey}. */
  static final Set<JWSAlgorithm> EC =
      Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

  private static final Set<Curve> CURVES = Set.of(Curve.P_256, Curve.P_384, Curve.P_521);

  private final JWSVerifier hmac;
  private final JWSVerifier rsa;
  private final JWSVerifier ec;

  private StaticKeys(JWSVerifier hmac, JWSVerifier rsa, JWSVerifier ec) {
    this.hmac = hmac;
    this.rsa = rsa;
    this.ec = ec;
  }

  /**
   * Builds the verifiers for every key set in {@code config}, reading PEM files now.
   *
   * @throws IllegalArgumentException naming the config key when a secret is too short or a file
   *     is missing or holds no key of the expected type
   */
  static StaticKeys from(TokenConfig config) {
    return new StaticKeys(
        isSet(config.hmacSecret()) ? hmacVerifier(config.hmacSecret()) : null,
        isSet(config.rsaPublicKey()) ? rsaVerifier(config.rsaPublicKey()) : null,
        isSet(config.ecdsaPublicKey()) ? ecVerifier(config.ecdsaPublicKey()) : null);
  }

  /** True when Herald accepts {@code alg} at all (HS*, RS*, PS*, ES256/384/512). */
  static boolean isSupported(JWSAlgorithm alg) {
    return HMAC.contains(alg) || RSA.contains(alg) || EC.contains(alg);
  }

  /** The configured verifier for {@code alg}'s family, or null when none is configured. */
  JWSVerifier verifierFor(JWSAlgorithm alg) {
    if (HMAC.contains(alg)) {
      return hmac;
    }
    if (RSA.contains(alg)) {
      return rsa;
    }
    return EC.contains(alg) ? ec : null;
  }

  /** The verifier for {@code token.hmacSecret}, or null when none is configured. */
  JWSVerifier hmac() {
    return hmac;
  }

  /** The secret as UTF-8 bytes; shared with {@link TokenMinter} so both read it alike. */
  static byte[] secretBytes(String secret) {
    return secret.getBytes(StandardCharsets.UTF_8);
  }

  /** Message for a secret nimbus refuses: HMAC keys must be at least as long as the hash. */
  static String shortSecretMessage(int bytes) {
    return "token.hmacSecret: must be at least 32 bytes (256 bits) for HS256"
        + " (48 for HS384, 64 for HS512); got " + bytes + " bytes";
  }

  static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }

  private static JWSVerifier hmacVerifier(String secret) {
    byte[] bytes = secretBytes(secret);
    try {
      return new MACVerifier(bytes);
    } catch (KeyLengthException e) {
      throw new IllegalArgumentException(shortSecretMessage(bytes.length), e);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("token.hmacSecret: " + e.getMessage(), e);
    }
  }

  private static JWSVerifier rsaVerifier(String path) {
    return new RSASSAVerifier(PemKeys.readRsa(path, "token.rsaPublicKey"));
  }

  private static JWSVerifier ecVerifier(String path) {
    ECPublicKey key = PemKeys.readEc(path, "token.ecdsaPublicKey");
    Curve curve = Curve.forECParameterSpec(key.getParams());
    if (curve == null || !CURVES.contains(curve)) {
      throw new IllegalArgumentException("token.ecdsaPublicKey: " + path + " holds a key on an"
          + " unsupported curve; use P-256, P-384 or P-521");
    }
    try {
      return new ECDSAVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("token.ecdsaPublicKey: " + e.getMessage(), e);
    }
  }
}
