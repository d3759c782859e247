package io.herald.proxy;

import io.herald.node.protocol.RpcError;
import io.herald.node.proxy.RpcCall;
import io.herald.node.proxy.RpcListener;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;

/**
 * One rpc at the backend: reads the response body and hands the answer to the listener on the
 * session's executor. A JSON answer is read whole (bounded); a stream is cut into chunks as it
 * arrives ({@link ChunkSplitter}).
 *
 * <p>Flow control: one piece of the body is requested at a time, and the next one only after the
 * chunks of this one were handed over and the listener has not {@linkplain #pause paused} the
 * call; so a paused stream leaves the rest in the socket and the backend's writes stall.
 * Thread-safe: the HTTP client's threads and the session's loop both call in.
 */
final class RpcExchange implements RpcCall, Flow.Subscriber<List<ByteBuffer>> {

  private final Executor loop;
  private final RpcListener listener;
  private final int maxResponse;
  private final ProxyObserver observer;
  private final long startNanos = System.nanoTime();
  private boolean reported;
  private ChunkSplitter splitter;
  private BoundedBody whole;
  private int status;
  private Flow.Subscription subscription;
  private CompletableFuture<?> sending;
  private boolean paused;
  private boolean wantsMore;
  private boolean cancelled;
  private boolean finished;
  /** Chunks read but not yet handed over (paused); only touched on the loop. */
  private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
  /** What follows once {@link #ready} is empty; only touched on the loop. */
  private Runnable then;

  RpcExchange(Executor loop, RpcListener listener, int maxResponse, ProxyObserver observer) {
    this.loop = loop;
    this.listener = listener;
    this.maxResponse = maxResponse;
    this.observer = observer;
  }

  /** Reports the call's outcome once. */
  private void report(String outcome) {
    synchronized (this) {
      if (reported) {
        return;
      }
      reported = true;
    }
    observer.call("rpc", System.nanoTime() - startNanos, outcome);
  }

  private static String outcomeOf(RpcError error) {
    return Failures.isProxyError(error) ? "failed" : "error";
  }

  /** Runs {@code task} on the session's loop; a loop that has stopped (shutdown) drops it. */
  private void onLoop(Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException stopped) {
      // the session is gone with its loop
    }
  }

  /** The body handler: picks how to read the body from the status and content type. */
  HttpResponse.BodySubscriber<Void> body(HttpResponse.ResponseInfo info) {
    status = info.statusCode();
    if (status / 100 == 2) {
      String type = info.headers().firstValue("content-type").orElse("");
      splitter = ChunkSplitter.forContentType(type, maxResponse);
    }
    if (splitter == null) {
      whole = new BoundedBody(status / 100 == 2 ? maxResponse : 4096);
    }
    return HttpResponse.BodySubscribers.fromSubscriber(this);
  }

  synchronized void sending(CompletableFuture<?> future) {
    sending = future;
    if (cancelled) {
      future.cancel(true);
    }
  }

  /** The request failed before or while the body was read. */
  void failed(Throwable error) {
    onLoop(() -> finish(Failures.of(error)));
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    synchronized (this) {
      subscription = s;
      if (cancelled) {
        s.cancel();
        return;
      }
    }
    if (whole != null) {
      whole.onSubscribe(s);
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (whole != null) {
      whole.onNext(buffers);
      CompletableFuture<byte[]> body = whole.getBody().toCompletableFuture();
      if (body.isCompletedExceptionally()) {
        body.whenComplete((b, e) -> onLoop(() -> finish(Failures.of(e))));
      }
      return;
    }
    List<byte[]> chunks = new ArrayList<>();
    RpcError error = null;
    for (ByteBuffer b : buffers) {
      error = splitter.feed(b, chunks);
      if (error != null) {
        break;
      }
    }
    RpcError ending = error;
    boolean endedEarly = splitter instanceof SseSplitter sse && sse.ended();
    onLoop(() -> {
      ready.addAll(chunks);
      if (ending != null) {
        then = () -> abort(ending);
      } else if (endedEarly) {
        then = () -> abortWith(() -> {
          report("ok");
          listener.end();
        });
      } else {
        then = this::requestMore;
      }
      drain();
    });
  }

  /**
   * On the loop: hands over the chunks read so far, one at a time, as long as the listener does
   * not pause; once they are all handed over, runs what comes next (read more, or end).
   */
  private void drain() {
    while (!ready.isEmpty()) {
      synchronized (this) {
        if (cancelled || finished) {
          ready.clear();
          return;
        }
        if (paused) {
          return;
        }
      }
      listener.chunk(ready.poll());
    }
    Runnable next = then;
    then = null;
    if (next != null) {
      next.run();
    }
  }

  @Override
  public void onError(Throwable error) {
    if (whole != null) {
      whole.onError(error);
    }
    onLoop(() -> finish(Failures.of(error)));
  }

  @Override
  public void onComplete() {
    if (whole != null) {
      whole.onComplete();
      byte[] body = whole.getBody().toCompletableFuture().getNow(null);
      onLoop(() -> answerWhole(body));
      return;
    }
    List<byte[]> chunks = new ArrayList<>();
    RpcError error = splitter.finish(chunks);
    onLoop(() -> {
      ready.addAll(chunks);
      then = () -> {
        if (error != null) {
          finish(error);
        } else if (take()) {
          report("ok");
          listener.end();
        }
      };
      drain();
    });
  }

  private void answerWhole(byte[] body) {
    if (status / 100 != 2) {
      finish(Failures.status(status).error());
      return;
    }
    if (body == null) {
      whole.getBody().whenComplete((b, e) -> onLoop(() -> finish(Failures.of(e))));
      return;
    }
    byte[] data;
    try {
      data = Replies.data(body);
    } catch (io.herald.node.protocol.RpcException e) {
      finish(e.error());
      return;
    }
    if (take()) {
      report("ok");
      listener.answer(data);
    }
  }

  private void requestMore() {
    Flow.Subscription s;
    synchronized (this) {
      if (cancelled || finished) {
        return;
      }
      if (paused) {
        wantsMore = true;
        return;
      }
      s = subscription;
    }
    s.request(1);
  }

  /** Ends the call with {@code error} and drops the upstream connection. */
  private void abort(RpcError error) {
    abortWith(() -> {
      report(outcomeOf(error));
      listener.failed(error);
    });
  }

  private void abortWith(Runnable ending) {
    Flow.Subscription s;
    synchronized (this) {
      if (cancelled || finished) {
        return;
      }
      finished = true;
      s = subscription;
    }
    if (s != null) {
      s.cancel();
    }
    ending.run();
  }

  private void finish(RpcError error) {
    if (take()) {
      report(outcomeOf(error));
      listener.failed(error);
    }
  }

  /** True the first time: the listener gets the one ending call. */
  private synchronized boolean take() {
    if (cancelled || finished) {
      return false;
    }
    finished = true;
    return true;
  }

  @Override
  public void pause() {
    synchronized (this) {
      paused = true;
    }
  }

  @Override
  public void resume() {
    synchronized (this) {
      paused = false;
    }
    onLoop(() -> {
      boolean more;
      synchronized (this) {
        more = wantsMore;
        wantsMore = false;
      }
      drain();
      if (more) {
        requestMore();
      }
    });
  }

  @Override
  public void timedOut() {
    report("failed");
    cancel();
  }

  @Override
  public void cancel() {
    report("cancelled");
    Flow.Subscription s;
    CompletableFuture<?> f;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      s = subscription;
      f = sending;
    }
    if (s != null) {
      s.cancel();
    }
    if (f != null) {
      f.cancel(true);
    }
  }
}
