package io.herald.node.protocol;


/** One element of an inbound frame: a valid call, or an invalid request to answer with an error. */
public sealed interface Incoming {

  /**
   * The request id, or null for a notification (which gets no response, not even an error).
   */
  RequestId id();

  /** A well-formed call of a known method. */
  record Call(RequestId id, Command command) implements Incoming {}

  /** A request that failed before dispatch (-32600, -32601, -32602, -32700). */
  record Invalid(RequestId id, RpcError error) implements Incoming {}
}
