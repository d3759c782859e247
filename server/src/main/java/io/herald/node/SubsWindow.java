package io.herald.node;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs the subscribes of one {@code connect}'s {@code subs} at most {@code width} at a time
 * ({@code proxy.maxInFlightPerConnection}): each may call the subscribe proxy, and a client must
 * not be able to open a hundred backend calls with one frame. The rest wait here, in order; the
 * queue is bounded by {@code client.channelLimit}, since subs past the limit are refused before
 * they get here. Confined to the session's loop.
 */
final class SubsWindow {

  private final int width;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int running;

  SubsWindow(int width) {
    this.width = Math.max(1, width);
  }

  /** Starts {@code start} now or when a slot frees; the result follows the started stage. */
  <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> start) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Runnable go = () -> {
      running++;
      CompletableFuture<T> stage;
      try {
        stage = start.get();
      } catch (RuntimeException e) {
        stage = CompletableFuture.failedFuture(e);
      }
      stage.whenComplete((value, error) -> {
        running--;
        if (error != null) {
          result.completeExceptionally(error);
        } else {
          result.complete(value);
        }
        Runnable next = waiting.poll();
        if (next != null) {
          next.run();
        }
      });
    };
    if (running < width) {
      go.run();
    } else {
      waiting.add(go);
    }
    return result;
  }
}
