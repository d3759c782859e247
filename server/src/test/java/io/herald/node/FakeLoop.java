package io.herald.node;

import io.herald.node.protocol.SessionLoop;
import io.herald.node.protocol.Cancellable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * A session loop with a fake clock: tasks run only when the test calls {@link #runPending} or
 * {@link #advance}, in time order. {@link #clock()} reads the same fake time, so pings, timeouts
 * and token expiry are tested without sleeping.
 */
final class FakeLoop implements SessionLoop {

  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private long nowNanos;
  private long sequence;
  private final Instant epoch;

  FakeLoop(Instant start) {
    this.epoch = start;
  }

  private record Task(long at, long seq, Runnable runnable, boolean[] cancelled)
      implements Comparable<Task> {
    @Override
    public int compareTo(Task o) {
      return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
    }
  }

  @Override
  public void execute(Runnable task) {
    tasks.add(new Task(nowNanos, sequence++, task, new boolean[1]));
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    boolean[] cancelled = new boolean[1];
    tasks.add(new Task(nowNanos + delay.toNanos(), sequence++, task, cancelled));
    return () -> cancelled[0] = true;
  }

  @Override
  public long nanoTime() {
    return nowNanos;
  }

  @Override
  public boolean inLoop() {
    return true;
  }

  /** Runs every task due now, including those they queue. */
  void runPending() {
    while (!tasks.isEmpty() && tasks.peek().at() <= nowNanos) {
      Task t = tasks.poll();
      if (!t.cancelled()[0]) {
        t.runnable().run();
      }
    }
  }

  /** Moves time forward by {@code d}, running tasks as their time comes. */
  void advance(Duration d) {
    long target = nowNanos + d.toNanos();
    while (!tasks.isEmpty() && tasks.peek().at() <= target) {
      Task t = tasks.poll();
      nowNanos = Math.max(nowNanos, t.at());
      if (!t.cancelled()[0]) {
        t.runnable().run();
      }
    }
    nowNanos = target;
    runPending();
  }

  /** A clock reading this loop's fake time. */
  Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return epoch.plusNanos(nowNanos);
      }
    };
  }
}
