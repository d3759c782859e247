package io.herald.node;

import io.herald.node.protocol.Cancellable;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.RpcError;

import io.herald.node.protocol.RequestId;
import io.herald.node.protocol.Result;
import io.herald.node.proxy.BackendProxy;
import io.herald.node.proxy.ProxyErrors;
import io.herald.node.proxy.RpcCall;
import io.herald.node.proxy.RpcListener;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code rpc} of a session, from the call to the backend to its response. Runs on the
 * session's loop (the backend proxy calls the {@link RpcListener} methods there).
 *
 * <p>A JSON answer becomes the response. A streamed answer becomes {@code stream} notifications
 * {@code {id, seq, data}}, in order, then the response {@code {"chunks": N}}. The timeout ({@code
 * proxy.rpc.timeout}) runs until the answer, or the next chunk, arrives.
 *
 * <p>Backpressure: chunks go through the connection's bounded outbound queue. While more than
 * half of {@code client.queueMaxSize} is queued, the stream stops reading from the backend and
 * reads on once the queue has been flushed; a client that has not taken the queue within the
 * timeout is disconnected as slow (3008), like a subscriber that cannot keep up.
 */
final class RpcStream implements RpcListener {

  private static final Logger log = LoggerFactory.getLogger(RpcStream.class);

  private final ClientSession session;
  private final RpcCalls owner;
  private final RequestId id;
  private final String method;
  private final Duration timeout;
  private final long pauseAbove;
  private RpcCall call = BackendProxy.NO_CALL;
  private Cancellable timer = Cancellable.NONE;
  private long seq;
  private boolean paused;
  private boolean done;

  /**
   * @param id the request id, or null for a notification (its answer is dropped, and so are its
   *     chunks: they could not be matched to anything)
   * @param timeout {@code proxy.rpc.timeout}
   */
  RpcStream(ClientSession session, RpcCalls owner, RequestId id, String method,
      Duration timeout) {
    this.session = session;
    this.owner = owner;
    this.id = id;
    this.method = method;
    this.timeout = timeout;
    this.pauseAbove = session.limits().queueMaxSize() / 2;
  }

  void started(RpcCall inProgress) {
    this.call = inProgress;
    if (!done) {
      armTimeout();
    }
  }

  RequestId id() {
    return id;
  }

  @Override
  public void answer(byte[] data) {
    finish(() -> session.encoder().response(id, new Result.RpcData(data)));
  }

  @Override
  public void chunk(byte[] json) {
    if (done) {
      return;
    }
    if (id != null) {
      session.write(session.encoder().stream(id, seq, json));
    }
    seq++;
    if (session.closed()) {
      return;
    }
    if (!paused && session.transport().queuedBytes() > pauseAbove) {
      pause();
    } else if (!paused) {
      armTimeout();
    }
  }

  @Override
  public void end() {
    long chunks = seq;
    finish(() -> session.encoder().response(id, new Result.RpcStreamEnd(chunks)));
  }

  @Override
  public void failed(RpcError error) {
    if (!done) {
      log.info("rpc {} of client {} failed: {} {}", method, session.id(), error.code(),
          error.message());
    }
    finish(() -> session.encoder().error(id, error));
  }

  /** The client sent {@code cancel}: aborts the upstream request, answers 117. */
  void cancel() {
    if (done) {
      return;
    }
    call.cancel();
    finish(() -> session.encoder().error(id, ProxyErrors.CANCELLED));
  }

  /** The session closed: aborts the upstream request; nothing is answered. */
  void abandon() {
    if (done) {
      return;
    }
    done = true;
    timer.cancel();
    call.cancel();
  }

  private void pause() {
    paused = true;
    call.pause();
    timer.cancel();
    timer = session.loop().schedule(this::clientTooSlow, timeout);
    session.transport().whenFlushed(this::flushed);
  }

  private void flushed() {
    if (done || !paused) {
      return;
    }
    paused = false;
    armTimeout();
    call.resume();
  }

  private void clientTooSlow() {
    if (!done && paused) {
      session.disconnect(Disconnect.SLOW);
    }
  }

  private void armTimeout() {
    timer.cancel();
    timer = session.loop().schedule(this::timedOut, timeout);
  }

  private void timedOut() {
    if (done) {
      return;
    }
    call.timedOut();
    failed(ProxyErrors.TIMEOUT.withMessage(
        "backend timeout: no answer within " + timeout.toMillis() + " ms"));
  }

  private void finish(Supplier<byte[]> response) {
    if (done) {
      return;
    }
    done = true;
    timer.cancel();
    owner.finished(this);
    if (id != null && !session.closed()) {
      session.write(session.encoder().frame(List.of(response.get()), false));
    }
  }
}
