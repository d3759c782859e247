package io.herald.node.proxy;

/**
 * One {@code rpc} in progress at the backend. Methods may be called from any thread; they never
 * block.
 *
 * <p>Flow control: while {@linkplain #pause paused}, no more of a streamed body is read from the
 * backend (its TCP window fills and its writes stall), except what was already read; {@link
 * #resume} reads on.
 */
public interface RpcCall {

  /** Stops reading the backend's body until {@link #resume}. */
  void pause();

  /** Reads on after {@link #pause}. */
  void resume();

  /**
   * Aborts the call: the upstream request is cancelled and its connection closed, so the backend
   * sees it go away. The listener gets nothing more (see {@link RpcListener}). Idempotent.
   */
  void cancel();

  /**
   * Aborts the call because the backend did not answer (or send the next chunk) in time: like
   * {@link #cancel}, but reported as a failure rather than as the client's choice.
   */
  default void timedOut() {
    cancel();
  }
}
