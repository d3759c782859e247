package io.herald.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.PlainObject;
import java.text.ParseException;

/**
 * The compact-serialization steps of verification: parsing a token into a JWS whose algorithm
 * Herald accepts, and checking its signature. Every failure is an {@link
 * TokenException.Reason#INVALID} refusal with a client-safe message. Stateless.
 */
final class CompactTokens {

  /** Longest token accepted, in characters; longer ones are refused unparsed. */
  static final int MAX_TOKEN_LENGTH = 64 * 1024;

  private CompactTokens() {}

  /** Parses {@code jwt}; refuses unsigned, encrypted and unsupported-algorithm tokens. */
  static JWSObject parse(String jwt) throws TokenException {
    if (jwt == null || jwt.isEmpty()) {
      throw TokenException.invalid("token is missing");
    }
    if (jwt.length() > MAX_TOKEN_LENGTH) {
      throw TokenException.invalid("token is too long");
    }
    JOSEObject object;
    try {
      object = JOSEObject.parse(jwt);
    } catch (ParseException | RuntimeException e) {
      throw TokenException.invalid("token is malformed");
    }
    if (object instanceof PlainObject) {
      throw TokenException.invalid("unsigned tokens (alg none) are not accepted");
    }
    if (!(object instanceof JWSObject jws)) {
      throw TokenException.invalid("encrypted tokens are not supported");
    }
    JWSAlgorithm alg = jws.getHeader().getAlgorithm();
    if (!StaticKeys.isSupported(alg)) {
      throw TokenException.invalid("token algorithm " + alg.getName() + " is not supported");
    }
    return jws;
  }

  /**
   * Checks the signature of {@code jws} with {@code verifier}.
   *
   * @param verifier the key for the token's algorithm; null when none is configured
   */
  static void verifySignature(JWSObject jws, JWSVerifier verifier) throws TokenException {
    JWSAlgorithm alg = jws.getHeader().getAlgorithm();
    if (verifier == null) {
      throw TokenException.invalid("no key is configured for token algorithm " + alg.getName());
    }
    // Also what stops algorithm confusion: an RSA or EC verifier supports no HS* algorithm.
    if (!verifier.supportedJWSAlgorithms().contains(alg)) {
      throw TokenException.invalid("token algorithm " + alg.getName()
          + " does not match the signing key");
    }
    boolean valid;
    try {
      valid = jws.verify(verifier);
    } catch (JOSEException e) {
      valid = false;
    }
    if (!valid) {
      throw TokenException.invalid("token signature is invalid");
    }
  }
}
