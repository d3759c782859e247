package io.herald.pusher;

import java.nio.charset.StandardCharsets;

/**
 * An answer of the Pusher HTTP API: a status and a body; success bodies are JSON, errors plain
 * text with Pusher's kind of message.
 *
 * @param status HTTP status
 * @param contentType {@code application/json} or {@code text/plain; charset=utf-8}
 * @param body the body bytes
 */
public record ApiReply(int status, String contentType, byte[] body) {

  /** Content type of success bodies. */
  public static final String JSON = "application/json";

  /** Content type of errors. */
  public static final String TEXT = "text/plain; charset=utf-8";

  /** 200 with a JSON body. */
  public static ApiReply ok(String json) {
    return new ApiReply(200, JSON, json.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code status} with {@code message} and a newline as plain text. */
  public static ApiReply error(int status, String message) {
    return new ApiReply(status, TEXT, (message + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** The body as text (for tests and logs). */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
