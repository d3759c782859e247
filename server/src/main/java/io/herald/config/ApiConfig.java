package io.herald.config;

/**
 * The server HTTP API ({@code POST /api/<method>}).
 *
 * @param key the value every request must carry in {@code X-API-Key}; when null the API answers
 *     every request with 401, so it is never open by accident
 * @param maxBodySize largest HTTP request body in bytes; larger requests get 413; default 1048576
 */
public record ApiConfig(String key, int maxBodySize) {

  /** Default {@link #maxBodySize()}. */
  public static final int DEFAULT_MAX_BODY_SIZE = 1048576;

  /** An API with {@code key} and the default body limit. */
  public ApiConfig(String key) {
    this(key, DEFAULT_MAX_BODY_SIZE);
  }
}
