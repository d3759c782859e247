package io.herald.transport;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A complete HTTP response: status, {@code Content-Type}, body and extra headers. Immutable.
 *
 * @param headers extra response headers by name (cookies, caching, {@code Retry-After}); the
 *     transport sets {@code Content-Type}, {@code Content-Length} and {@code Connection}
 */
public record HttpReply(int status, String contentType, byte[] body, Map<String, String> headers) {

  public HttpReply {
    headers = Map.copyOf(headers);
  }

  /** {@code application/json} with {@code body}. */
  public static HttpReply json(int status, byte[] body) {
    return new HttpReply(status, "application/json", body, Map.of());
  }

  /** {@code application/json} with {@code body} as UTF-8. */
  public static HttpReply json(int status, String body) {
    return json(status, body.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code text/plain} with {@code body} as UTF-8. */
  public static HttpReply text(int status, String body) {
    return new HttpReply(
        status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** This reply with header {@code name} set to {@code value}. */
  public HttpReply withHeader(String name, String value) {
    Map<String, String> more = new java.util.LinkedHashMap<>(headers);
    more.put(name, value);
    return new HttpReply(status, contentType, body, more);
  }
}
