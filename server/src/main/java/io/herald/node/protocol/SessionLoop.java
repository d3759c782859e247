package io.herald.node.protocol;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The single thread a session lives on (a Netty event loop in production, a fake in tests). Every
 * method of a session ({@code io.herald.node.ClientSession}) runs on its loop, so session state needs no locks. Two
 * sessions on the same loop share one instance (equal instances mean the same thread): fan-out
 * hands each loop one task per publication.
 */
public interface SessionLoop extends Executor {

  /** Runs {@code task} on this loop after {@code delay}. */
  Cancellable schedule(Runnable task, Duration delay);

  /**
   * The loop's monotonic time in nanoseconds, the clock {@link #schedule}'s delays run on (a
   * test loop's fake time); only differences between two readings mean anything. Default:
   * {@link System#nanoTime()}.
   */
  default long nanoTime() {
    return System.nanoTime();
  }

  /** True when the calling thread is this loop. */
  boolean inLoop();

  /**
   * The executor behind this loop: the Netty event loop in production, this loop itself by
   * default. An adapter that must register its own I/O on the session's thread (the backend HTTP
   * client, so chunks reach the client without a thread hop) takes it from here, through the
   * seam, rather than knowing the transport's classes.
   */
  default java.util.concurrent.Executor executor() {
    return this;
  }
}
