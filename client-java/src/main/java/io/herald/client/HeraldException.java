package io.herald.client;

/**
 * A failed call. {@link #code()} is the server's error code (100-199, or a JSON-RPC code such as
 * -32602; see the protocol's error table) or one of the client's own codes below (1-9). Switch on
 * the code, never on the message.
 */
public final class HeraldException extends RuntimeException {

  /** No answer within the client's timeout. */
  public static final int TIMEOUT = 1;
  /** The client is disconnected (by {@code disconnect()}, or the server said not to reconnect). */
  public static final int DISCONNECTED = 2;
  /** The offline publish queue is full. */
  public static final int QUEUE_FULL = 3;
  /** The subscription ended before the call completed. */
  public static final int UNSUBSCRIBED = 4;
  /** The connection was lost while the request was in flight; it may or may not have run. */
  public static final int CONNECTION_LOST = 5;
  /** The call was cancelled. */
  public static final int CANCELLED = 6;
  /** The client was used in a way it does not allow. */
  public static final int BAD_STATE = 7;
  /** Server: the token expired. */
  public static final int TOKEN_EXPIRED = 109;

  private final int code;

  public HeraldException(int code, String message) {
    super(message);
    this.code = code;
  }

  public int code() {
    return code;
  }

  @Override
  public String toString() {
    return "HeraldException(" + code + "): " + getMessage();
  }
}
