package io.herald.node.protocol;

/**
 * A JSON-RPC request id as it appeared on the wire (raw JSON: a string literal with its quotes, a
 * number, or {@code null}), echoed back unchanged in the response.
 *
 * @param json the raw JSON text of the id
 */
public record RequestId(String json) {

  /** The {@code null} id used when the request's own id could not be read. */
  public static final RequestId NULL = new RequestId("null");
}
