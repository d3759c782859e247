package io.herald.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Herald's webhook signature: {@code Herald-Signature: t=<unix seconds>,v1=<hex>}, where {@code
 * <hex>} is the lower-case hex HMAC-SHA256, keyed with the receiver's {@code secret} (its UTF-8
 * bytes), of {@code <unix seconds>}, a {@code .}, and the raw body bytes. The timestamp lets a
 * receiver refuse replays (docs/webhooks.md). Thread-safe.
 */
public final class WebhookSigner {

  /** The header's name. */
  public static final String HEADER = "Herald-Signature";

  private final SecretKeySpec key;

  /** Signs with {@code secret} (its UTF-8 bytes). */
  public WebhookSigner(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The header value for {@code body} sent at {@code unixSeconds}: {@code t=...,v1=...}. */
  public String header(long unixSeconds, byte[] body) {
    return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(unixSeconds, body));
  }

  private byte[] hmac(long unixSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
