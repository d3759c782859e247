package io.herald.node.protocol;

/**
 * A command failed with an {@link RpcError} that is sent back to the client as is, optionally
 * followed by closing the connection.
 */
public final class RpcException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final transient RpcError error;
  private final transient Disconnect thenDisconnect;

  public RpcException(RpcError error) {
    this(error, null);
  }

  /** An error answer after which the connection is closed with {@code thenDisconnect}. */
  public RpcException(RpcError error, Disconnect thenDisconnect) {
    super(error.code() + ": " + error.message(), null, false, false);
    this.error = error;
    this.thenDisconnect = thenDisconnect;
  }

  /** The error to answer with. */
  public RpcError error() {
    return error;
  }

  /** How to close the connection after the answer, or null to keep it open. */
  public Disconnect thenDisconnect() {
    return thenDisconnect;
  }
}
