package io.herald.ingest;

import io.herald.util.Completions;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.api.ApiService;
import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.RpcException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the messages of one source as server API commands through {@link ApiService#execute}, the
 * code the HTTP API runs. A bad message ({@link BadMessage}, or a command Herald refuses at once:
 * unknown method, bad params, bad channel, unknown namespace) is {@link Outcome#REJECTED}: counted
 * and logged once with its position. A command Herald could not carry out (errors 100, 108, 111,
 * or any other failure of the engine) is {@link Outcome#FAILED}; {@link #untilDone} retries it
 * with a doubling wait from {@code ingest.retryMin} to {@code ingest.retryMax} until it is
 * accepted or rejected, or until {@link #close}. Never blocks; thread-safe.
 */
final class Ingestor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Ingestor.class);

  /** Error codes that are Herald's trouble, not the message's: worth a retry. */
  private static final Set<Integer> RETRYABLE = Set.of(
      RpcError.INTERNAL.code(), RpcError.NOT_AVAILABLE.code(),
      RpcError.TOO_MANY_REQUESTS.code(), RpcError.INTERNAL_ERROR.code());

  private final String source;
  private final CommandReader reader;
  private final ApiService api;
  private final IngestMetrics metrics;
  private final ScheduledExecutorService timer;
  private final Duration retryMin;
  private final Duration retryMax;
  private volatile boolean closed;

  Ingestor(String source, CommandReader reader, ApiService api, IngestMetrics metrics,
      ScheduledExecutorService timer, Duration retryMin, Duration retryMax) {
    this.source = source;
    this.reader = reader;
    this.api = api;
    this.metrics = metrics;
    this.timer = timer;
    this.retryMin = retryMin;
    this.retryMax = retryMax;
  }

  /** The source's name. */
  String source() {
    return source;
  }

  /**
   * Tries {@code body} once.
   *
   * @param position where the message came from, for the log ({@code topic/partition/offset})
   * @return never fails
   */
  CompletionStage<Outcome> once(byte[] body, String position) {
    IngestCommand command;
    try {
      command = reader.read(body);
    } catch (BadMessage e) {
      return CompletableFuture.completedFuture(rejected(position, e.getMessage()));
    }
    return run(command, position, true);
  }

  /** Like {@link #once(byte[], String)} for a message already parsed (a CloudEvent's data). */
  CompletionStage<Outcome> once(JsonNode message, String position) {
    IngestCommand command;
    try {
      command = reader.read(message);
    } catch (BadMessage e) {
      return CompletableFuture.completedFuture(rejected(position, e.getMessage()));
    }
    return run(command, position, true);
  }

  /**
   * Runs {@code body} until Herald accepts or rejects it, retrying {@link Outcome#FAILED}.
   *
   * @return {@link Outcome#ACCEPTED} or {@link Outcome#REJECTED}; fails with a {@link
   *     CancellationException} when {@link #close} stopped the retries (do not acknowledge then)
   */
  CompletableFuture<Outcome> untilDone(byte[] body, String position) {
    IngestCommand command;
    try {
      command = reader.read(body);
    } catch (BadMessage e) {
      return CompletableFuture.completedFuture(rejected(position, e.getMessage()));
    }
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    attempt(command, position, retryMin, 0, done);
    return done;
  }

  private void attempt(IngestCommand command, String position, Duration wait, int failures,
      CompletableFuture<Outcome> done) {
    if (closed) {
      done.completeExceptionally(new CancellationException("ingestion closed"));
      return;
    }
    run(command, position, failures == 0).whenComplete((outcome, error) -> {
      if (outcome != Outcome.FAILED) {
        if (failures > 0) {
          log.info("ingest source {}: {} accepted after {} retries", source, position, failures);
        }
        done.complete(outcome);
        return;
      }
      metrics.retried(source);
      try {
        timer.schedule(() -> attempt(command, position, next(wait), failures + 1, done),
            wait.toNanos(), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.RejectedExecutionException stopped) {
        done.completeExceptionally(new CancellationException("ingestion closed"));
      }
    });
  }

  private Duration next(Duration wait) {
    Duration doubled = wait.multipliedBy(2);
    return doubled.compareTo(retryMax) > 0 ? retryMax : doubled;
  }

  private CompletionStage<Outcome> run(IngestCommand command, String position, boolean first) {
    CompletionStage<JsonNode> stage;
    try {
      stage = api.execute(command.method(), command.params());
    } catch (RpcException e) {
      return CompletableFuture.completedFuture(rejected(position, e.error().message()));
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    return stage.handle((result, error) -> {
      if (error == null) {
        metrics.processed(source);
        return Outcome.ACCEPTED;
      }
      Throwable cause = Completions.cause(error);
      if (cause instanceof RpcException rpc && !RETRYABLE.contains(rpc.error().code())) {
        return rejected(position, rpc.error().message());
      }
      if (first) {
        log.warn("ingest source {}: {} could not be carried out, retrying: {}", source, position,
            cause.getMessage());
      }
      return Outcome.FAILED;
    });
  }

  private Outcome rejected(String position, String reason) {
    metrics.failed(source);
    log.warn("ingest source {}: bad message at {} skipped: {}", source, position, reason);
    return Outcome.REJECTED;
  }

  /** Stops retrying: messages waiting for a retry fail with a {@link CancellationException}. */
  @Override
  public void close() {
    closed = true;
  }
}
