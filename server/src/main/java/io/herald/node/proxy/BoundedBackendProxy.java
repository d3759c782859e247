package io.herald.node.proxy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A {@link BackendProxy} that lets at most {@code maxInFlight} connect, publish and subscribe
 * calls of the whole node be in progress at once ({@code proxy.maxInFlight}): one more fails at
 * once with 113 (backend unavailable) instead of queueing without bound while the backend is
 * slow. {@code rpc} calls pass through; they are bounded per connection by {@code
 * proxy.maxStreams}. Thread-safe.
 */
public final class BoundedBackendProxy implements BackendProxy {

  private final BackendProxy delegate;
  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();

  private BoundedBackendProxy(BackendProxy delegate, int maxInFlight) {
    this.delegate = delegate;
    this.maxInFlight = maxInFlight;
  }

  /** {@code delegate} bounded to {@code maxInFlight} calls; as it is when that is 0 or less. */
  public static BackendProxy wrap(BackendProxy delegate, int maxInFlight) {
    return maxInFlight <= 0 || delegate == BackendProxy.NONE
        ? delegate : new BoundedBackendProxy(delegate, maxInFlight);
  }

  /** Calls in progress now. */
  public int inFlight() {
    return inFlight.get();
  }

  @Override
  public CompletionStage<ConnectReply> connect(ConnectRequest request) {
    return bounded(() -> delegate.connect(request));
  }

  @Override
  public RpcCall rpc(RpcRequest request, Executor executor, RpcListener listener) {
    return delegate.rpc(request, executor, listener);
  }

  @Override
  public CompletionStage<byte[]> publish(PublishRequest request) {
    return bounded(() -> delegate.publish(request));
  }

  @Override
  public CompletionStage<byte[]> subscribe(SubscribeRequest request) {
    return bounded(() -> delegate.subscribe(request));
  }

  @Override
  public void close() {
    delegate.close();
  }

  private <T> CompletionStage<T> bounded(Supplier<CompletionStage<T>> call) {
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      return CompletableFuture.failedFuture(ProxyErrors.UNAVAILABLE.withMessage(
          "backend unavailable: too many backend calls in flight on this node").exception());
    }
    CompletionStage<T> stage;
    try {
      stage = call.get();
    } catch (RuntimeException e) {
      inFlight.decrementAndGet();
      throw e;
    }
    return stage.whenComplete((r, e) -> inFlight.decrementAndGet());
  }
}
