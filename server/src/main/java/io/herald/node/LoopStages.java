package io.herald.node;

import io.herald.node.protocol.SessionLoop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Brings asynchronous results back onto a session's loop. */
final class LoopStages {

  private LoopStages() {}

  /**
   * A stage with {@code stage}'s outcome whose dependents run on {@code loop}: {@code stage}
   * itself when already complete (the caller is on the loop), else a hop through the loop.
   */
  static <T> CompletionStage<T> onLoop(CompletionStage<T> stage, SessionLoop loop) {
    CompletableFuture<T> future = stage.toCompletableFuture();
    if (future.isDone()) {
      return future;
    }
    return future.thenApplyAsync(Function.identity(), loop);
  }
}
