package io.herald.proxy;

import io.herald.util.Completions;

import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.RpcException;
import io.herald.node.proxy.ProxyErrors;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;

/** Maps what can go wrong in a call to the backend onto the 113-116 errors. */
final class Failures {

  private Failures() {}

  /** The error for {@code failure}, with a message naming what happened. */
  static RpcError of(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof RpcException rpc) {
      return rpc.error();
    }
    if (cause instanceof TimeoutException) {
      return ProxyErrors.TIMEOUT;
    }
    if (cause instanceof ConnectException || cause instanceof UnresolvedAddressException) {
      return ProxyErrors.UNAVAILABLE.withMessage("backend unavailable: cannot connect");
    }
    if (cause instanceof IOException) {
      return ProxyErrors.UNAVAILABLE.withMessage(
          "backend unavailable: the connection to the backend failed");
    }
    return ProxyErrors.UNAVAILABLE;
  }

  /** {@link #of} as an exception for a failed stage. */
  static RpcException exception(Throwable failure) {
    Throwable cause = unwrap(failure);
    return cause instanceof RpcException rpc ? rpc : of(cause).exception();
  }

  /** True for Herald's own 113-116 (as opposed to an error the backend sent). */
  static boolean isProxyError(RpcError error) {
    return error.code() >= 113 && error.code() <= 116;
  }

  static RpcException invalid(String detail) {
    return ProxyErrors.INVALID_ANSWER.withMessage("invalid backend answer: " + detail).exception();
  }

  static RpcException status(int status) {
    return ProxyErrors.STATUS.withMessage("backend error: HTTP " + status).exception();
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cause = Completions.cause(t);
    return cause;
  }
}
