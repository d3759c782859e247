package io.herald.node.proxy;

import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.RpcException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The application's backend, as the node sees it. Every call is asynchronous and never blocks
 * the calling thread (a session's event loop). Failures complete the stage exceptionally with an
 * {@link RpcException}: the backend's own {@code error} as it sent it, or one of Herald's proxy
 * errors ({@link ProxyErrors}: 113 backend unavailable, 114 timeout, 115 non-2xx status, 116
 * invalid answer). Implementations are thread-safe.
 */
public interface BackendProxy {

  /** No backend: every call fails with 108 (not available). */
  BackendProxy NONE = new BackendProxy() {};

  /** Asks the backend whether a {@code connect} is accepted and as whom. */
  default CompletionStage<ConnectReply> connect(ConnectRequest request) {
    return unavailable("connect");
  }

  /**
   * Starts an {@code rpc}; the answer arrives at {@code listener}, on {@code executor}.
   *
   * @return the call in progress, to pause, resume or cancel
   */
  default RpcCall rpc(RpcRequest request, Executor executor, RpcListener listener) {
    executor.execute(() -> listener.failed(notAvailable("rpc")));
    return NO_CALL;
  }

  /**
   * Asks the backend whether a publish may happen.
   *
   * @return the data to publish: the backend's replacement, or null to publish the client's
   */
  default CompletionStage<byte[]> publish(PublishRequest request) {
    return unavailable("publish");
  }

  /**
   * Asks the backend whether a subscribe may happen.
   *
   * @return raw JSON {@code info} for the subscription ({@code chanInfo}), or null
   */
  default CompletionStage<byte[]> subscribe(SubscribeRequest request) {
    return unavailable("subscribe");
  }

  /** Releases connections and threads; calls in progress are cancelled. */
  default void close() {}

  /** A call that does nothing. */
  RpcCall NO_CALL = new RpcCall() {
    @Override
    public void pause() {}

    @Override
    public void resume() {}

    @Override
    public void cancel() {}
  };

  private static RpcError notAvailable(String what) {
    return RpcError.NOT_AVAILABLE.withMessage("not available: no " + what + " proxy configured");
  }

  private static <T> CompletionStage<T> unavailable(String what) {
    return CompletableFuture.failedFuture(notAvailable(what).exception());
  }
}
