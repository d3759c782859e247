package io.herald.node.proxy;

import io.herald.node.protocol.RpcError;

/**
 * Herald's errors for calls to the backend, codes 113-119 (docs/protocol.md, error table). The
 * connection stays usable after each of them.
 */
public final class ProxyErrors {

  /** The backend cannot be reached: connection refused, reset, DNS failure. */
  public static final RpcError UNAVAILABLE = new RpcError(113, "backend unavailable");

  /** The backend did not answer within the endpoint's {@code timeout}. */
  public static final RpcError TIMEOUT = new RpcError(114, "backend timeout");

  /** The backend answered with an HTTP status other than 2xx. */
  public static final RpcError STATUS = new RpcError(115, "backend error");

  /** The backend's answer is not JSON, not of the documented shape, or too large. */
  public static final RpcError INVALID_ANSWER = new RpcError(116, "invalid backend answer");

  /** The client cancelled the {@code rpc} (or it was cancelled for it). */
  public static final RpcError CANCELLED = new RpcError(117, "cancelled");

  private ProxyErrors() {}
}
