package io.herald.pusher;

import io.herald.config.PusherApp;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks the signature of an HTTP API request as Pusher defines it. The query carries {@code
 * auth_key} (the app's key), {@code auth_timestamp} (Unix seconds, within {@value
 * #MAX_CLOCK_SKEW_SECONDS} s of the server's clock), {@code auth_version} ({@code 1.0}), {@code
 * body_md5} (hex MD5 of the body, when there is one) and {@code auth_signature}: the hex
 * HMAC-SHA256, with the app secret, of
 *
 * <pre>
 *   METHOD \n path \n every other query parameter, keys lower-cased, sorted by key, as key=value
 *   joined by &amp; (values as they were before URL encoding)
 * </pre>
 *
 * Stateless, thread-safe.
 */
public final class RequestSignature {

  /** Largest difference between {@code auth_timestamp} and the server's clock: 600 seconds. */
  public static final long MAX_CLOCK_SKEW_SECONDS = 600;

  private RequestSignature() {}

  /** Why a request was refused: always 401, with Pusher's kind of message. */
  public record Refusal(int status, String message) {}

  /**
   * The query parameters of {@code rawQuery} ({@code a=1&b=2}, without {@code ?}), URL-decoded,
   * keys lower-cased; the first of repeated keys wins.
   */
  public static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> out = new TreeMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.putIfAbsent(key, value);
    }
    return out;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  /**
   * Checks the request against {@code app}.
   *
   * @param query the decoded query ({@link #parseQuery})
   * @param body the request body; empty for none
   * @param nowSeconds the server's clock, Unix seconds
   * @return null when the request is signed by {@code app}, else why not
   */
  public static Refusal check(PusherApp app, String method, String path,
      Map<String, String> query, byte[] body, long nowSeconds) {
    String key = query.get("auth_key");
    if (key == null || key.isEmpty()) {
      return refuse("Missing auth_key");
    }
    if (!key.equals(app.key())) {
      return refuse("Unknown auth_key: it is not the key of app " + app.id());
    }
    String version = query.get("auth_version");
    if (!"1.0".equals(version)) {
      return refuse("Unsupported auth_version: expected 1.0");
    }
    String timestamp = query.get("auth_timestamp");
    long ts;
    try {
      ts = Long.parseLong(timestamp == null ? "" : timestamp);
    } catch (NumberFormatException e) {
      return refuse("Missing or malformed auth_timestamp: expected Unix seconds");
    }
    if (Math.abs(nowSeconds - ts) > MAX_CLOCK_SKEW_SECONDS) {
      return refuse("Timestamp expired: given timestamp (" + ts + ") is not within "
          + MAX_CLOCK_SKEW_SECONDS + "s of server time (" + nowSeconds + ")");
    }
    if (body.length > 0 || query.containsKey("body_md5")) {
      String md5 = query.get("body_md5");
      if (md5 == null) {
        return refuse("Missing body_md5: a request with a body must sign its MD5");
      }
      if (!md5.equalsIgnoreCase(Signatures.md5(body))) {
        return refuse("body_md5 does not match the MD5 of the body");
      }
    }
    String signature = query.get("auth_signature");
    String expected = Signatures.hmac(app.secret(), stringToSign(method, path, query));
    if (!Signatures.same(expected, signature)) {
      return refuse("Invalid signature: expected HMAC-SHA256 hex digest of "
          + quoted(stringToSign(method, path, query)) + " with the app secret");
    }
    return null;
  }

  /** {@code METHOD\npath\nsorted query} without {@code auth_signature}: what is signed. */
  public static String stringToSign(String method, String path, Map<String, String> query) {
    String params = new TreeMap<>(query).entrySet().stream()
        .filter(e -> !e.getKey().equals("auth_signature"))
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("&"));
    return method.toUpperCase(Locale.ROOT) + "\n" + path + "\n" + params;
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\n", "\\n") + "\"";
  }

  private static Refusal refuse(String message) {
    return new Refusal(401, message);
  }
}
