package io.herald.node;

import io.herald.node.protocol.RpcException;

import io.herald.engine.ClientInfo;
import io.herald.node.protocol.RpcError;
import java.nio.charset.StandardCharsets;

/**
 * Idempotency keys as the engines store them: bounded in length and scoped to their publisher,
 * so that a key one publisher used never suppresses another's publication.
 *
 * <p>The scope is the publishing user (all connections of one user share it, so a retry after a
 * reconnect is still recognised), the connection for an anonymous client, and the server for the
 * server API and ingestion. A scope is written with its length, so no key of one publisher can
 * be made to look like another's.
 */
public final class IdempotencyKeys {

  private IdempotencyKeys() {}

  /**
   * Checks {@code key}'s length against {@code maxBytes} (a namespace's {@code
   * maxIdempotencyKeySize}).
   *
   * @throws io.herald.node.protocol.RpcException -32602 when it is longer
   */
  public static void check(String key, int maxBytes) {
    if (key != null && tooLong(key, maxBytes)) {
      throw RpcError.INVALID_PARAMS.withMessage(tooLongMessage(maxBytes)).exception();
    }
  }

  /** True when {@code key} is longer than {@code maxBytes} bytes in UTF-8. */
  public static boolean tooLong(String key, int maxBytes) {
    return key.length() > maxBytes
        || (key.length() * 3 > maxBytes
            && key.getBytes(StandardCharsets.UTF_8).length > maxBytes);
  }

  /** The error message for a key over {@code maxBytes}. */
  private static String tooLongMessage(int maxBytes) {
    return "invalid params: idempotencyKey is longer than " + maxBytes + " bytes";
  }

  /**
   * The key the engine stores for a publication by {@code publisher}.
   *
   * @param key the publisher's key; null for none
   * @param publisher the publishing connection; null for the server
   * @param maxBytes the longest key accepted, in UTF-8 bytes
   * @return null when {@code key} is null
   * @throws io.herald.node.protocol.RpcException -32602 when the key is too long
   */
  static String scoped(String key, ClientInfo publisher, int maxBytes) {
    if (key == null) {
      return null;
    }
    check(key, maxBytes);
    if (publisher == null) {
      return "s:" + key;
    }
    String scope = publisher.user().isEmpty() ? "c" + publisher.client() : "u" + publisher.user();
    return scope.length() + ":" + scope + ":" + key;
  }
}
