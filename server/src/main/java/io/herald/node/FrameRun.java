package io.herald.node;

import io.herald.util.Completions;

import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.RpcException;
import io.herald.node.protocol.ProtocolEncoder;

import io.herald.node.protocol.DecodedFrame;
import io.herald.node.protocol.Incoming;
import io.herald.node.protocol.PongCommand;
import io.herald.node.protocol.RequestId;
import io.herald.node.protocol.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the elements of one inbound frame in order, on the session's loop. Every element but
 * {@code pong} is charged against the command rate ({@link CommandRateLimit}), invalid ones
 * (unparseable, no or unknown method, bad params) and notifications included. Synchronous commands
 * are answered inline; an asynchronous one suspends the run until it completes, then the run
 * resumes on the loop. Notifications are executed but never answered, errors included (JSON-RPC
 * 2.0, section 4.1).
 */
final class FrameRun {

  private static final Logger log = LoggerFactory.getLogger(FrameRun.class);

  /** The method label of elements that are not valid requests. */
  static final String INVALID = "invalid";

  private final ClientSession session;
  private final CommandDispatcher dispatcher;
  private final ProtocolEncoder encoder;
  private final DecodedFrame frame;
  private final NodeMetrics metrics;
  private final List<byte[]> responses = new ArrayList<>();
  private int next;
  private Disconnect thenDisconnect;

  FrameRun(
      ClientSession session,
      CommandDispatcher dispatcher,
      ProtocolEncoder encoder,
      DecodedFrame frame) {
    this.session = session;
    this.dispatcher = dispatcher;
    this.encoder = encoder;
    this.frame = frame;
    this.metrics = session.metrics();
  }

  void start() {
    advance();
  }

  private void advance() {
    while (next < frame.items().size() && thenDisconnect == null && !session.closed()) {
      Incoming item = frame.items().get(next++);
      if (item instanceof Incoming.Invalid invalid) {
        // Charged like any command: a flood of garbage ends in 111 and 3013 as a flood of
        // valid commands does (a notification is charged too, and answered with nothing).
        if (admitted(INVALID, invalid.id())) {
          metrics.commandError(INVALID, invalid.error().code());
          answerError(invalid.id(), invalid.error());
        }
        continue;
      }
      Incoming.Call call = (Incoming.Call) item;
      if (!(call.command() instanceof PongCommand)
          && !admitted(CommandNames.of(call.command()), call.id())) {
        continue;
      }
      long start = System.nanoTime();
      CompletableFuture<Result> result = dispatch(call);
      if (result == RpcCalls.ANSWERED_LATER) {
        continue;
      }
      if (result.isDone()) {
        record(call, result, start);
        continue;
      }
      result.whenComplete(
          (r, e) ->
              session.loop().execute(
                  () -> {
                    record(call, result, start);
                    advance();
                  }));
      return;
    }
    session.frameDone(responses, frame.batch(), thenDisconnect);
  }

  /**
   * Applies the connection's command rate to one element, valid or not; a refused element is
   * answered 111 here (when it has an id).
   */
  private boolean admitted(String method, RequestId id) {
    CommandRateLimit.Verdict verdict = session.rateLimit();
    if (verdict == CommandRateLimit.Verdict.ALLOW) {
      return true;
    }
    metrics.commandError(method, RpcError.TOO_MANY_REQUESTS.code());
    answerError(id, RpcError.TOO_MANY_REQUESTS);
    if (verdict == CommandRateLimit.Verdict.DISCONNECT) {
      thenDisconnect = Disconnect.TOO_MANY_REQUESTS;
    }
    return false;
  }

  private CompletableFuture<Result> dispatch(Incoming.Call call) {
    try {
      return dispatcher.dispatch(call.id(), call.command()).toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void record(Incoming.Call call, CompletableFuture<Result> result, long start) {
    String method = CommandNames.of(call.command());
    metrics.command(method, System.nanoTime() - start);
    RequestId id = call.id();
    try {
      Result value = result.join();
      if (id != null) {
        responses.add(encoder.response(id, value));
      }
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      Throwable cause = Completions.cause(e);
      if (cause instanceof RpcException rpc) {
        metrics.commandError(method, rpc.error().code());
        answerError(id, rpc.error());
        thenDisconnect = rpc.thenDisconnect();
      } else {
        log.warn("command {} failed on client {}", method, session.id(), cause);
        metrics.commandError(method, RpcError.INTERNAL.code());
        answerError(id, RpcError.INTERNAL);
      }
    }
  }

  private void answerError(RequestId id, RpcError error) {
    if (id != null) {
      responses.add(encoder.error(id, error));
    }
  }
}
