package io.herald.pusher;

import io.herald.node.protocol.Cancellable;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Pusher's activity timeout, server side: when a connection has sent nothing for {@code
 * timeout}, the server pings it; when {@link PusherConnection#PONG_TIMEOUT} more passes without a
 * message, it is closed (4201). Any message counts as activity. Used on the connection's loop.
 */
final class ActivityTimer {

  private final PusherCore core;
  private final long timeoutNanos;
  private final Consumer<Boolean> silent;
  private final LongSupplier nanos;
  private long lastHeard;
  private boolean pinged;
  private Cancellable timer;
  private boolean stopped;

  /**
   * @param silent called with false when the connection should be pinged, with true when it did
   *     not answer the ping
   * @param nanos a monotonic clock in nanoseconds ({@link System#nanoTime} but in tests)
   */
  ActivityTimer(PusherCore core, Duration timeout, Consumer<Boolean> silent, LongSupplier nanos) {
    this.core = core;
    this.nanos = nanos;
    this.timeoutNanos = timeout.toNanos();
    this.silent = silent;
  }

  void start() {
    lastHeard = nanos.getAsLong();
    arm(timeoutNanos);
  }

  /** A message arrived. */
  void heard() {
    lastHeard = nanos.getAsLong();
    pinged = false;
  }

  void stop() {
    stopped = true;
    if (timer != null) {
      timer.cancel();
    }
  }

  private void arm(long nanos) {
    if (!stopped) {
      timer = core.loop().schedule(this::check, Duration.ofNanos(Math.max(nanos, 1_000_000)));
    }
  }

  private void check() {
    if (stopped) {
      return;
    }
    long quiet = nanos.getAsLong() - lastHeard;
    long pongNanos = PusherConnection.PONG_TIMEOUT.toNanos();
    if (!pinged && quiet >= timeoutNanos) {
      pinged = true;
      silent.accept(false);
      arm(pongNanos);
    } else if (pinged && quiet >= timeoutNanos + pongNanos) {
      silent.accept(true);
    } else {
      arm((pinged ? timeoutNanos + pongNanos : timeoutNanos) - quiet);
    }
  }
}
