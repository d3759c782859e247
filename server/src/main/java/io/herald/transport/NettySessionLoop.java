package io.herald.transport;

import io.herald.node.protocol.Cancellable;
import io.herald.node.protocol.SessionLoop;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Netty event loop seen as a {@link SessionLoop}. Instances wrapping the same event loop are
 * equal, so the hub groups their sessions into one fan-out task.
 *
 * @param eventLoop the wrapped loop
 */
public record NettySessionLoop(EventLoop eventLoop) implements SessionLoop {

  /** Delays are capped here so that {@link Duration#toNanos()} cannot overflow. */
  private static final Duration MAX_DELAY = Duration.ofDays(365);

  @Override
  public void execute(Runnable task) {
    eventLoop.execute(task);
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    long nanos = delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY.toNanos() : delay.toNanos();
    ScheduledFuture<?> future = eventLoop.schedule(task, nanos, TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  /** The event loop's ticker: the time its scheduled tasks run on (fake in an embedded loop). */
  @Override
  public long nanoTime() {
    return eventLoop.ticker().nanoTime();
  }

  /** The wrapped event loop. */
  @Override
  public java.util.concurrent.Executor executor() {
    return eventLoop;
  }

  @Override
  public boolean inLoop() {
    return eventLoop.inEventLoop();
  }
}
