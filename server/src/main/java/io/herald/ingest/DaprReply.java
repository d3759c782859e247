package io.herald.ingest;

import java.nio.charset.StandardCharsets;

/**
 * An HTTP answer to Dapr.
 *
 * @param status HTTP status
 * @param body JSON body, UTF-8
 */
public record DaprReply(int status, byte[] body) {

  static DaprReply json(int status, String json) {
    return new DaprReply(status, json.getBytes(StandardCharsets.UTF_8));
  }
}
