package io.herald.transport;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flushes one event loop owes at the end of its current pass: the connections that were
 * written to since the last flush, flushed together by one task. A fan-out that writes one
 * publication to 5,000 connections of a loop so queues one task instead of 5,000, and a connection
 * written several times in a pass is still flushed once (a publication burst costs it one
 * syscall). Every method runs on the loop, except {@link #of}.
 */
final class PassFlushes implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(PassFlushes.class);

  /**
   * One per loop; weak, so that loops of a stopped server (tests start many) are collected: an
   * instance holds no reference to its loop, the loop is passed to {@link #add}.
   */
  private static final Map<EventLoop, PassFlushes> BY_LOOP =
      Collections.synchronizedMap(new WeakHashMap<>());

  private ArrayList<Member> pending = new ArrayList<>();
  private ArrayList<Member> flushing = new ArrayList<>();

  /** What a pass flushes: a connection's transport. */
  interface Member {
    /** Sends what was written to the connection in this pass; runs on the loop. */
    void flushNow();
  }

  private PassFlushes() {}

  /** The flushes of {@code loop}; callable from any thread. */
  static PassFlushes of(EventLoop loop) {
    return BY_LOOP.computeIfAbsent(loop, l -> new PassFlushes());
  }

  /**
   * Flushes {@code member} at the end of this pass: after every task queued on the loop so far.
   * The caller adds a member at most once until its {@link Member#flushNow} ran.
   *
   * @param loop the loop these flushes belong to ({@link #of}), on which this runs
   */
  void add(Member member, EventLoop loop) {
    if (pending.isEmpty()) {
      loop.execute(this);
    }
    pending.add(member);
  }

  /**
   * Flushes every transport added since the last run. One added while this runs (a flush that
   * closes a connection, say) waits for the next run, which {@link #add} queues. A transport whose
   * flush fails is logged and does not keep the others from theirs.
   */
  @Override
  public void run() {
    ArrayList<Member> now = pending;
    pending = flushing;
    flushing = now;
    for (int i = 0, n = now.size(); i < n; i++) {
      try {
        now.get(i).flushNow();
      } catch (RuntimeException e) {
        log.warn("a connection's flush failed", e);
      }
    }
    now.clear();
  }
}
