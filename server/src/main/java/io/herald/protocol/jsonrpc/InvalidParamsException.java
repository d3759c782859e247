package io.herald.protocol.jsonrpc;

/** A request's params do not fit its method (JSON-RPC -32602). */
final class InvalidParamsException extends Exception {

  private static final long serialVersionUID = 1L;

  InvalidParamsException(String message) {
    super(message, null, false, false);
  }
}
