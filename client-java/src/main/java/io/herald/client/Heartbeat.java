package io.herald.client;

import java.util.concurrent.ScheduledFuture;

/**
 * Watches the server's pings: when none arrives within the advertised interval plus the margin,
 * the connection counts as dead (a half-open TCP connection never reports itself) and
 * {@code onDead} runs. Not thread-safe: used on the client's event loop.
 */
final class Heartbeat {

  private final EventLoop loop;
  private final long marginMillis;
  private final Runnable onDead;
  private long intervalSeconds;
  private ScheduledFuture<?> timer;

  /**
   * @param marginMillis how late a ping may be, ms ({@code maxPingDelay})
   * @param onDead run on the loop when a ping is overdue
   */
  Heartbeat(EventLoop loop, long marginMillis, Runnable onDead) {
    this.loop = loop;
    this.marginMillis = marginMillis;
    this.onDead = onDead;
  }

  /** Starts watching a connection whose server pings every {@code seconds}; 0 means never. */
  void start(long seconds) {
    intervalSeconds = seconds;
    stop();
    arm();
  }

  /** A ping arrived: while watching, the deadline moves to one interval plus the margin from now. */
  void pinged() {
    if (timer != null) {
      stop();
      arm();
    }
  }

  private void arm() {
    if (intervalSeconds > 0) {
      timer = loop.schedule(intervalSeconds * 1000 + marginMillis, onDead);
    }
  }

  void stop() {
    EventLoop.cancel(timer);
    timer = null;
  }
}
