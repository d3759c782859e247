package io.herald.engine.memory;

import io.herald.engine.Broker;
import io.herald.engine.BrokerEventHandler;
import io.herald.engine.Publication;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The single-node broker: a publication goes straight to this node's handler, on the publisher's
 * thread, before {@link #publish} returns. Thread-safe and allocation-free per publish.
 */
public final class MemoryBroker implements Broker {

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private volatile BrokerEventHandler handler;

  @Override
  public void start(BrokerEventHandler handler) {
    this.handler = handler;
  }

  @Override
  public CompletionStage<Void> publish(String channel, Publication publication) {
    BrokerEventHandler h = handler;
    if (h == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("broker not started"));
    }
    h.onPublication(channel, publication);
    return DONE;
  }

  @Override
  public CompletionStage<Void> subscribe(String channel) {
    return DONE;
  }

  @Override
  public CompletionStage<Void> unsubscribe(String channel) {
    return DONE;
  }

  @Override
  public void close() {
    handler = null;
  }
}
