package io.herald.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A shortcut for the common token: an HS256/384/512 compact JWS whose header holds only {@code
 * alg}, {@code typ} and {@code kid}, signed with {@code token.hmacSecret}. It checks the signature
 * with a {@link Mac} kept per thread and returns the decoded payload, without the JOSE library's
 * parsing of the header (a JSON reader with a 2 KB buffer per token) and its provider lookup per
 * verification. In a connect storm those were the largest allocation site and a visible part of
 * the CPU per handshake (docs/benchmarks.md).
 *
 * <p>It only ever accepts: anything else (another algorithm or header member, a {@code kid} while
 * a key set is configured, a secret too short for the algorithm, strict base64url or JSON that
 * does not decode, a signature that does not match) returns null, and the caller takes the full
 * path, which then accepts or refuses exactly as it always did. A token accepted here is one the
 * full path accepts too: same key, same signing input, same constant-time comparison.
 *
 * <p>Thread-safe. Parsed headers are kept (up to {@link #MAX_HEADERS} distinct ones): issuers
 * sign every token with the same header, so the header's JSON is read once.
 */
final class HmacFastPath {

  /** Distinct header segments remembered; beyond that, headers are parsed every time. */
  static final int MAX_HEADERS = 64;

  private static final Base64.Decoder B64URL = Base64.getUrlDecoder();
  private static final String NOT_FAST = "";

  private final byte[] secret;
  private final JWSVerifier hmac;
  private final boolean kidGoesToKeySet;
  private final Map<String, String> headers = new ConcurrentHashMap<>();
  /** The header segment seen last (issuers sign every token with the same one). */
  private volatile Known last;
  private final ThreadLocal<Map<String, Mac>> macs = ThreadLocal.withInitial(() -> new java.util.HashMap<>(4));

  /**
   * @param secret the HMAC secret's bytes
   * @param hmac the full path's verifier for that secret (it says which HS* the secret is long
   *     enough for)
   * @param kidGoesToKeySet true when a JWKS URL is configured: a token with a {@code kid} then
   *     takes the full path, which looks the key up in the set
   */
  HmacFastPath(byte[] secret, JWSVerifier hmac, boolean kidGoesToKeySet) {
    this.secret = secret.clone();
    this.hmac = hmac;
    this.kidGoesToKeySet = kidGoesToKeySet;
  }

  /**
   * The payload of {@code jwt} when it is a token this path handles and its signature is valid;
   * null otherwise (then the caller verifies it the full way). Never throws for a bad token.
   */
  byte[] verifiedPayload(String jwt) {
    if (jwt == null || jwt.isEmpty() || jwt.length() > CompactTokens.MAX_TOKEN_LENGTH) {
      return null;
    }
    int dot1 = jwt.indexOf('.');
    int dot2 = dot1 < 0 ? -1 : jwt.indexOf('.', dot1 + 1);
    if (dot1 <= 0 || dot2 < 0 || jwt.indexOf('.', dot2 + 1) >= 0) {
      return null;
    }
    String jca = jcaAlgorithm(jwt, dot1);
    if (jca == null) {
      return null;
    }
    // One byte per char: any char that is not base64url fails the decoding below, and the
    // signing input (a known header, a decoded payload) is then ASCII, as the full path signs it.
    byte[] token = jwt.getBytes(StandardCharsets.ISO_8859_1);
    try {
      byte[] signature = B64URL.decode(Arrays.copyOfRange(token, dot2 + 1, token.length));
      byte[] payload = B64URL.decode(Arrays.copyOfRange(token, dot1 + 1, dot2));
      Mac mac = mac(jca);
      mac.update(token, 0, dot2);
      byte[] expected = mac.doFinal();
      return MessageDigest.isEqual(expected, signature) ? payload : null;
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return null;
    }
  }

  /**
   * The JCA name of the HS* algorithm of {@code jwt}'s header (its first {@code end} chars) when
   * this path handles that header, else null. The header seen last is compared in place, without
   * taking it out of the token.
   */
  private String jcaAlgorithm(String jwt, int end) {
    Known seen = last;
    if (seen != null && seen.header().length() == end && jwt.startsWith(seen.header())) {
      return seen.jca() == NOT_FAST ? null : seen.jca();
    }
    String header = jwt.substring(0, end);
    String jca = headers.get(header);
    if (jca == null) {
      jca = parseHeader(header);
      if (headers.size() < MAX_HEADERS) {
        headers.put(header, jca);
      }
    }
    last = new Known(header, jca);
    return jca == NOT_FAST ? null : jca;
  }

  /** A header segment and what {@link #parseHeader} made of it. */
  private record Known(String header, String jca) {}

  private String parseHeader(String header) {
    JsonNode root;
    try {
      root = ClaimsReader.JSON.readTree(B64URL.decode(header));
    } catch (java.io.IOException | RuntimeException e) {
      return NOT_FAST;
    }
    if (root == null || !root.isObject()) {
      return NOT_FAST;
    }
    String alg = null;
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (!e.getValue().isTextual()) {
        return NOT_FAST;
      }
      switch (e.getKey()) {
        case "alg" -> alg = e.getValue().textValue();
        case "typ" -> { }
        case "kid" -> {
          if (kidGoesToKeySet) {
            return NOT_FAST;
          }
        }
        default -> {
          return NOT_FAST;
        }
      }
    }
    if (alg == null) {
      return NOT_FAST;
    }
    JWSAlgorithm jws = JWSAlgorithm.parse(alg);
    if (!StaticKeys.HMAC.contains(jws) || !hmac.supportedJWSAlgorithms().contains(jws)) {
      return NOT_FAST;
    }
    return switch (alg) {
      case "HS256" -> "HmacSHA256";
      case "HS384" -> "HmacSHA384";
      case "HS512" -> "HmacSHA512";
      default -> NOT_FAST;
    };
  }

  private Mac mac(String jca) throws GeneralSecurityException {
    Map<String, Mac> mine = macs.get();
    Mac mac = mine.get(jca);
    if (mac == null) {
      mac = Mac.getInstance(jca);
      mac.init(new SecretKeySpec(secret, jca));
      mine.put(jca, mac);
    }
    return mac;
  }
}
