package io.herald.api;

import java.nio.charset.StandardCharsets;

/**
 * An HTTP answer of the server API.
 *
 * @param status HTTP status
 * @param body JSON body, UTF-8
 */
public record ApiReply(int status, byte[] body) {

  static ApiReply of(int status, String json) {
    return new ApiReply(status, json.getBytes(StandardCharsets.UTF_8));
  }
}
