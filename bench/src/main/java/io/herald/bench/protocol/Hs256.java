package io.herald.bench.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints HS256 JSON Web Tokens (compact JWS) with {@link Mac}, so that the bench needs neither a JWT
 * library nor the server's code. Herald takes the UTF-8 bytes of {@code token.hmacSecret} as the
 * key; so does this class.
 *
 * <p>Not thread-safe: one instance per thread (a {@link Mac} holds state). Minting costs a few
 * microseconds; the scenarios mint every token before they start measuring.
 */
public final class Hs256 {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

  private final Mac mac;

  /** A minter keyed with the UTF-8 bytes of {@code secret}. */
  public Hs256(String secret) {
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /**
   * A connection token for {@code user} that expires {@code ttlSeconds} from now.
   *
   * @param user the {@code sub} claim: letters, digits, '-' and '_' only (it is not escaped)
   */
  public String connectionToken(String user, long ttlSeconds) {
    long exp = System.currentTimeMillis() / 1000 + ttlSeconds;
    return sign(HEADER, "{\"sub\":\"" + user + "\",\"exp\":" + exp + "}");
  }

  /** Signs the given header and claims JSON texts as they are. */
  public String sign(String headerJson, String claimsJson) {
    String signingInput =
        B64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8))
            + "."
            + B64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
    byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + B64.encodeToString(signature);
  }
}
