package io.herald.node.protocol;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The single thread a session lives on (a Netty event loop in production, a fake in tests). Every
 * method of a {@link ClientSession} runs on its loop, so session state needs no locks. Two
 * sessions on the same loop share one instance (equal instances mean the same thread): fan-out
 * hands each loop one task per publication.
 */
public interface SessionLoop extends Executor {

  /** Runs {@code task} on this loop after {@code delay}. */
  Cancellable schedule(Runnable task, Duration delay);

  /** True when the calling thread is this loop. */
  boolean inLoop();
}
