package io.herald.api;

import io.herald.node.protocol.RpcError;

/** A server API call failed before reaching the node: bad JSON (400), bad params (400). */
final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final int status;
  private final transient RpcError error;

  ApiException(int status, RpcError error) {
    super(error.message(), null, false, false);
    this.status = status;
    this.error = error;
  }

  int status() {
    return status;
  }

  RpcError error() {
    return error;
  }

  static ApiException invalidParams(String message) {
    return new ApiException(400, RpcError.INVALID_PARAMS.withMessage("invalid params: " + message));
  }
}
