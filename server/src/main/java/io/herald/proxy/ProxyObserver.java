package io.herald.proxy;

/**
 * Where {@link HttpBackendProxy} reports each finished backend call, for metrics. Called on the
 * HTTP client's threads or a session's loop: implementations must be thread-safe, quick and never
 * block. Label values are bounded sets.
 */
@FunctionalInterface
public interface ProxyObserver {

  /** Reports nothing. */
  ProxyObserver NONE = (kind, nanos, outcome) -> {};

  /**
   * One call finished.
   *
   * @param kind {@code connect}, {@code rpc}, {@code publish} or {@code subscribe}
   * @param nanos from the request to the end of the answer (for a stream, its last chunk)
   * @param outcome {@code ok}; {@code error} (the backend answered with an error); {@code failed}
   *     (no usable answer: unavailable, timeout, non-2xx, invalid); {@code cancelled} (the client
   *     cancelled an rpc, or went away)
   */
  void call(String kind, long nanos, String outcome);
}
