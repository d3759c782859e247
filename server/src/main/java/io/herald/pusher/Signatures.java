package io.herald.pusher;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pusher's signatures: lower-case hex HMAC-SHA256 with the app secret.
 *
 * <ul>
 *   <li>channel authorization: of {@code socket_id:channel}, or {@code
 *       socket_id:channel:channel_data} for presence channels, sent as {@code key:signature};
 *   <li>user sign-in: of {@code socket_id::user::user_data}, sent as {@code key:signature};
 *   <li>HTTP API requests and webhooks (see {@link RequestSignature}).
 * </ul>
 *
 * Comparisons take the same time whatever the input. Stateless, thread-safe.
 */
public final class Signatures {

  private Signatures() {}

  /** Lower-case hex HMAC-SHA256 of {@code text} (UTF-8) with {@code secret}. */
  public static String hmac(String secret, String text) {
    return hmac(secret, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Lower-case hex HMAC-SHA256 of {@code bytes} with {@code secret}. */
  public static String hmac(String secret, byte[] bytes) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(bytes));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Lower-case hex MD5 of {@code bytes} (the API's {@code body_md5}). */
  public static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is not available", e);
    }
  }

  /** True when {@code a} and {@code b} are equal, in time independent of where they differ. */
  public static boolean same(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * True when {@code auth} ({@code key:signature}) authorizes {@code socketId} on {@code channel}.
   *
   * @param channelData the presence channel's {@code channel_data} exactly as sent, or null
   */
  public static boolean channelAuthorized(String key, String secret, String socketId,
      String channel, String channelData, String auth) {
    String text = socketId + ":" + channel + (channelData == null ? "" : ":" + channelData);
    return signedBy(key, secret, text, auth);
  }

  /** True when {@code auth} ({@code key:signature}) signs in {@code userData} on {@code socketId}. */
  public static boolean userAuthorized(
      String key, String secret, String socketId, String userData, String auth) {
    return signedBy(key, secret, socketId + "::user::" + userData, auth);
  }

  private static boolean signedBy(String key, String secret, String text, String auth) {
    if (auth == null) {
      return false;
    }
    int colon = auth.indexOf(':');
    if (colon < 0 || !auth.substring(0, colon).equals(key)) {
      return false;
    }
    return same(hmac(secret, text), auth.substring(colon + 1));
  }
}
