package io.herald.client;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} on a manual clock, for timing tests: nothing runs until the
 * test calls {@link #runDue()} or {@link #advance(long)}, and then on the test's thread. Tasks
 * may be submitted from any thread (the JDK's WebSocket completes on its own threads).
 */
final class FakeScheduler extends AbstractExecutorService implements ScheduledExecutorService {

  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private long now;
  private long seq;

  /** The fake time in milliseconds since the start. */
  synchronized long now() {
    return now;
  }

  /** Runs every task due now, including tasks those tasks submit for now. */
  void runDue() {
    for (Task t = takeDue(now()); t != null; t = takeDue(now())) {
      t.run();
    }
  }

  /** Moves the clock forward by {@code millis}, running every task that falls due on the way. */
  void advance(long millis) {
    long target = now() + millis;
    for (Task t = takeDue(target); t != null; t = takeDue(target)) {
      synchronized (this) {
        now = Math.max(now, t.at);
      }
      t.run();
    }
    synchronized (this) {
      now = target;
    }
    runDue();
  }

  private synchronized Task takeDue(long limit) {
    while (!tasks.isEmpty() && tasks.peek().cancelled) {
      tasks.poll();
    }
    return !tasks.isEmpty() && tasks.peek().at <= limit ? tasks.poll() : null;
  }

  @Override
  public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Task t = new Task(command, now + Math.max(0, unit.toMillis(delay)), seq++);
    tasks.add(t);
    return t;
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.MILLISECONDS);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("the client schedules Runnables only");
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable r, long initial, long period, TimeUnit u) {
    throw new UnsupportedOperationException("the client schedules one-shot tasks only");
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable r, long initial, long delay,
      TimeUnit u) {
    throw new UnsupportedOperationException("the client schedules one-shot tasks only");
  }

  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return new ArrayList<>();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }

  private final class Task implements ScheduledFuture<Object> {
    final Runnable command;
    final long at;
    final long order;
    volatile boolean cancelled;
    volatile boolean done;

    Task(Runnable command, long at, long order) {
      this.command = command;
      this.at = at;
      this.order = order;
    }

    void run() {
      if (!cancelled) {
        done = true;
        command.run();
      }
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(at - now(), TimeUnit.MILLISECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      Task t = (Task) o;
      return at != t.at ? Long.compare(at, t.at) : Long.compare(order, t.order);
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      if (done) {
        return false;
      }
      cancelled = true;
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return done || cancelled;
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }
  }
}
