package io.herald.client;

import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/** A request in flight: how to complete it, its timeout, and (publishes) how to retry it. */
final class PendingRequest {
  private final String method;
  private final Consumer<Map<?, ?>> resolve;
  private final Consumer<Throwable> reject;
  private final Consumer<Object> onChunk;
  private final QueuedPublish retry;
  ScheduledFuture<?> timer;

  PendingRequest(String method, Consumer<Map<?, ?>> resolve, Consumer<Throwable> reject,
      Consumer<Object> onChunk, QueuedPublish retry) {
    this.method = method;
    this.resolve = resolve;
    this.reject = reject;
    this.onChunk = onChunk;
    this.retry = retry;
  }

  String method() {
    return method;
  }

  Consumer<Map<?, ?>> resolve() {
    return resolve;
  }

  Consumer<Throwable> reject() {
    return reject;
  }

  Consumer<Object> onChunk() {
    return onChunk;
  }

  QueuedPublish retry() {
    return retry;
  }
}
