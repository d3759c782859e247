package io.herald.node.protocol;

/**
 * Why the server closes a connection. Codes 3000-3499 tell the client to reconnect, 3500-3999 tell
 * it not to, 4000-4999 belong to the application (4000-4499 reconnect). The table is in
 * docs/protocol.md.
 *
 * @param code close code
 * @param reason short human-readable reason (at most 123 bytes: it travels in a close frame)
 */
public record Disconnect(int code, String reason) {

  public static final Disconnect CONNECTION_CLOSED = new Disconnect(3000, "connection closed");
  public static final Disconnect SHUTDOWN = new Disconnect(3001, "shutdown");
  public static final Disconnect INTERNAL = new Disconnect(3004, "internal server error");
  public static final Disconnect EXPIRED = new Disconnect(3005, "connection expired");
  /** The token could not be checked: its signing keys could not be fetched. Reconnect later. */
  public static final Disconnect KEYS_UNAVAILABLE = new Disconnect(3004, "token keys unavailable");
  public static final Disconnect SLOW = new Disconnect(3008, "slow");
  public static final Disconnect INSUFFICIENT_STATE = new Disconnect(3010, "insufficient state");
  public static final Disconnect FORCE_RECONNECT = new Disconnect(3011, "force reconnect");
  public static final Disconnect NO_PONG = new Disconnect(3012, "no pong");
  public static final Disconnect TOO_MANY_REQUESTS = new Disconnect(3013, "too many requests");
  public static final Disconnect INVALID_TOKEN = new Disconnect(3500, "invalid token");
  public static final Disconnect BAD_REQUEST = new Disconnect(3501, "bad request");
  public static final Disconnect STALE = new Disconnect(3502, "stale");
  public static final Disconnect FORCE_NO_RECONNECT = new Disconnect(3503, "force disconnect");
  public static final Disconnect CONNECTION_LIMIT = new Disconnect(3504, "connection limit");

  /** True when the client should reconnect after this disconnect. */
  public boolean reconnect() {
    return (code >= 3000 && code < 3500) || (code >= 4000 && code < 4500) || code < 3000;
  }
}
