package io.herald.node.proxy;

import io.herald.node.protocol.RpcError;

/**
 * Receives the backend's answer to one {@code rpc}. Every method runs on the executor given to
 * {@link BackendProxy#rpc}, one at a time, in order. Exactly one of {@link #answer}, {@link
 * #end} and {@link #failed} ends the call; nothing follows it. After {@link RpcCall#cancel} the
 * listener may still get calls that were already on their way, and must ignore them.
 */
public interface RpcListener {

  /** A JSON answer: {@code data} is the raw JSON of {@code result.data} (null when absent). */
  void answer(byte[] data);

  /** The next chunk of a streamed answer: one raw JSON value, well-formed. */
  void chunk(byte[] json);

  /** The backend ended the stream after the last chunk. */
  void end();

  /**
   * The call failed: the backend's own {@code error}, or Herald's 113-116 (backend down,
   * timeout, non-2xx status, an answer that is not JSON or too large).
   */
  void failed(RpcError error);
}
