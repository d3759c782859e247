package io.herald.metrics;

import io.herald.node.NodeMetrics;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Times one asynchronous engine call and reports it to {@link NodeMetrics#engineCall}. */
final class Timed {

  private Timed() {}

  /**
   * Runs {@code call} and reports its duration, from now until its stage completes, and whether it
   * failed (a stage completed exceptionally, or a call that threw).
   */
  static <T> CompletionStage<T> call(
      NodeMetrics metrics, String engine, String operation, Supplier<CompletionStage<T>> call) {
    long start = System.nanoTime();
    CompletionStage<T> stage;
    try {
      stage = call.get();
    } catch (RuntimeException e) {
      metrics.engineCall(engine, operation, System.nanoTime() - start, true);
      throw e;
    }
    return stage.whenComplete(
        (ok, error) ->
            metrics.engineCall(engine, operation, System.nanoTime() - start, error != null));
  }
}
