package io.herald.client;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one thread a client's state lives on: tasks and timers run there in order, and an exception
 * a task throws is reported to the listener as an {@code internal} error instead of killing the
 * thread. Thread-safe: tasks may be submitted from any thread.
 */
final class EventLoop {

  private final ScheduledExecutorService executor;
  private final boolean owned;
  private final ClientListener listener;

  /**
   * @param given the scheduler to run on, or null for a daemon thread of its own
   * @param listener told about tasks that throw
   */
  EventLoop(ScheduledExecutorService given, ClientListener listener) {
    this.owned = given == null;
    this.executor = owned
        ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herald-client");
            t.setDaemon(true);
            return t;
          })
        : given;
    this.listener = listener;
  }

  /** The executor, for {@code whenCompleteAsync(..., loop.executor())}. */
  ScheduledExecutorService executor() {
    return executor;
  }

  /** Runs {@code task} on the loop as soon as it is free. */
  void run(Runnable task) {
    executor.execute(() -> guarded(task));
  }

  /** Runs {@code task} on the loop after {@code millis} milliseconds. */
  ScheduledFuture<?> schedule(long millis, Runnable task) {
    return executor.schedule(() -> guarded(task), millis, TimeUnit.MILLISECONDS);
  }

  /** Stops the thread after the tasks already submitted, when the loop made its own. */
  void shutdownIfOwned() {
    if (owned) {
      executor.execute(executor::shutdown);
    }
  }

  /** Cancels a timer; null is ignored. */
  static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private void guarded(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      listener.onError(new Events.Error("internal", e));
    }
  }
}
