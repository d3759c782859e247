package io.herald.node.protocol;

/**
 * An error answer: the JSON-RPC 2.0 standard codes and Herald's own 100-199 (one table in
 * docs/protocol.md).
 *
 * @param code error code
 * @param message short explanation, safe to show to the client
 */
public record RpcError(int code, String message) {

  public static final RpcError PARSE_ERROR = new RpcError(-32700, "parse error");
  public static final RpcError INVALID_REQUEST = new RpcError(-32600, "invalid request");
  public static final RpcError METHOD_NOT_FOUND = new RpcError(-32601, "method not found");
  public static final RpcError INVALID_PARAMS = new RpcError(-32602, "invalid params");
  public static final RpcError INTERNAL_ERROR = new RpcError(-32603, "internal error");

  public static final RpcError INTERNAL = new RpcError(100, "internal server error");
  public static final RpcError UNAUTHORIZED = new RpcError(101, "unauthorized");
  public static final RpcError UNKNOWN_CHANNEL = new RpcError(102, "unknown channel");
  public static final RpcError PERMISSION_DENIED = new RpcError(103, "permission denied");
  public static final RpcError ALREADY_SUBSCRIBED = new RpcError(105, "already subscribed");
  public static final RpcError LIMIT_EXCEEDED = new RpcError(106, "limit exceeded");
  public static final RpcError BAD_REQUEST = new RpcError(107, "bad request");
  public static final RpcError NOT_AVAILABLE = new RpcError(108, "not available");
  public static final RpcError TOKEN_EXPIRED = new RpcError(109, "token expired");
  public static final RpcError TOO_MANY_REQUESTS = new RpcError(111, "too many requests");
  public static final RpcError UNRECOVERABLE_POSITION = new RpcError(112, "unrecoverable position");

  /** The same code with a more specific message. */
  public RpcError withMessage(String detail) {
    return new RpcError(code, detail);
  }

  /** Thrown where a command fails with this error; carries it to the reply. */
  public RpcException exception() {
    return new RpcException(this);
  }
}
