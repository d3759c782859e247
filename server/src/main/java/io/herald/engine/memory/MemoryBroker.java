package io.herald.engine.memory;

import io.herald.engine.Broker;
import io.herald.engine.BrokerEventHandler;
import io.herald.engine.ClientInfo;
import io.herald.engine.ControlMessage;
import io.herald.engine.PublishOptions;
import io.herald.engine.Publication;
import io.herald.engine.StreamPosition;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The single-node broker: a publication goes straight to this node's handler, on the publisher's
 * thread, before {@link #publish} returns. With history the append and the delivery happen under
 * the channel stream's lock, so subscribers see offsets in order. Thread-safe; a publish without
 * history or idempotency key allocates nothing here.
 */
public final class MemoryBroker implements Broker {

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
  private static final CompletableFuture<StreamPosition> NO_POSITION =
      CompletableFuture.completedFuture(StreamPosition.NONE);

  private final MemoryStreams streams;
  private final MemoryIdempotency idempotency;
  private volatile BrokerEventHandler handler;

  MemoryBroker(MemoryStreams streams, MemoryIdempotency idempotency) {
    this.streams = streams;
    this.idempotency = idempotency;
  }

  @Override
  public void start(BrokerEventHandler handler) {
    this.handler = handler;
  }

  @Override
  public CompletionStage<StreamPosition> publish(
      String channel, Publication publication, PublishOptions options) {
    if (options.idempotencyKey() == null) {
      return publishNow(channel, publication, options);
    }
    return idempotency.once(
        channel, options.idempotencyKey(), options.idempotencyWindow(),
        () -> publishNow(channel, publication, options));
  }

  private CompletableFuture<StreamPosition> publishNow(
      String channel, Publication publication, PublishOptions options) {
    BrokerEventHandler h = handler;
    if (h == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("broker not started"));
    }
    if (!options.history().keeps()) {
      h.onPublication(channel, publication);
      return NO_POSITION;
    }
    return CompletableFuture.completedFuture(streams.append(
        channel, publication, options.history(), p -> h.onPublication(channel, p)));
  }

  @Override
  public CompletionStage<Void> publishJoin(String channel, ClientInfo info) {
    BrokerEventHandler h = handler;
    if (h != null) {
      h.onJoin(channel, info);
    }
    return DONE;
  }

  @Override
  public CompletionStage<Void> publishLeave(String channel, ClientInfo info) {
    BrokerEventHandler h = handler;
    if (h != null) {
      h.onLeave(channel, info);
    }
    return DONE;
  }

  /** Hands {@code message} to this node's handler on the caller's thread: the only node. */
  @Override
  public CompletionStage<Void> publishControl(ControlMessage message) {
    BrokerEventHandler h = handler;
    if (h != null) {
      h.onControl(message);
    }
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
