package io.herald.node;

import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.RpcException;
import io.herald.util.Completions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engine failures as clients and the server API see them: a read or write that Redis or NATS did
 * not answer (an outage, a stall past {@code engine.redis.commandTimeout}) is error 108, not
 * available (try again), with one log line and no stack trace; it is not an internal error.
 */
final class EngineFailures {

  private static final Logger log = LoggerFactory.getLogger(EngineFailures.class);

  private EngineFailures() {}

  /**
   * {@code stage}, failing with 108 when it failed with anything but an {@link RpcException}
   * (which passes as it is). A stage that already completed normally is returned as it is.
   *
   * @param what what failed, for the log line ("history of")
   * @param channel the channel it failed for, for the log line; the line is built only on failure
   */
  static <T> CompletionStage<T> notAvailable(
      CompletionStage<T> stage, String what, String channel) {
    if (stage instanceof CompletableFuture<T> done
        && done.isDone() && !done.isCompletedExceptionally()) {
      return stage;
    }
    return stage.exceptionallyCompose(error -> {
      Throwable cause = Completions.cause(error);
      if (cause instanceof RpcException) {
        return CompletableFuture.failedFuture(cause);
      }
      log.warn("{} {} failed: {}", what, channel, cause.toString());
      return CompletableFuture.failedFuture(RpcError.NOT_AVAILABLE
          .withMessage("not available: the engine did not answer; try again").exception());
    });
  }
}
